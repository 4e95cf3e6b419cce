# The column lists of the run's CSV files, the same as the native writers' (engine/outputs/output-tables.ts,
# engine/allocator/allocation-table.ts). tests/infra/native-contract.test.ts exports the native lists
# for the demo model to r/tests/testthat/fixtures/native-contract.json, and the R tests compare.

# Columns the native files write as TRUE/FALSE.
LOGICAL_COLUMNS <- c("pos", "coef0", "intercept_dropped", "mape.qt10", "top_sol")

METRIC_COLUMNS <- c(
  "rsq_train", "rsq_val", "rsq_test", "nrmse_train", "nrmse_val", "nrmse_test", "nrmse", "decomp.rssd", "mape"
)

# all_models.csv (and pareto_hyperparameters.csv without cluster, top_sol). `hyperparameter_names` in
# output order (media sorted, train_size, lambda); `media` in model order (paid, then organic).
hyperparameter_columns <- function(hyperparameter_names, media) {
  c(
    "solID", "trial", "iterNG", "iterPar", "iterations",
    setdiff(hyperparameter_names, "lambda"),
    "lambda", "lambda_hp", "lambda_max", "lambda_min_ratio",
    as.vector(rbind(paste0(media, "_inflexion"), paste0(media, "_inflation"))),
    METRIC_COLUMNS,
    "pos", "coef0", "intercept_dropped", "mape.qt10", "robynPareto", "error_score"
  )
}

pareto_hyperparameter_columns <- function(hyperparameter_names, media) {
  c(hyperparameter_columns(hyperparameter_names, media), "cluster", "top_sol")
}

PARETO_AGGREGATED_COLUMNS <- c(
  "rn", "coef", "xDecompAgg", "xDecompPerc", "xDecompMeanNon0", "xDecompMeanNon0Perc",
  "xDecompAggRF", "xDecompPercRF", "xDecompMeanNon0RF", "xDecompMeanNon0PercRF",
  "pos", "spend_share", "spend_share_refresh", "mean_spend", "total_spend", "mean_exposure",
  "mean_exposure_refresh", "effect_share", "effect_share_refresh", "train_size",
  METRIC_COLUMNS,
  "lambda", "solID", "trial", "iterNG", "iterPar", "iterations", "robynPareto",
  "mean_response", "mean_spend_adstocked", "mean_carryover", "roi_mean", "roi_total", "cpa_mean", "cpa_total",
  "cluster", "top_sol", "boot_mean", "boot_se", "ci_low", "ci_up", "carryover_pct"
)

media_transform_columns <- function(media) {
  c("ds", media, "type", "solID", "cluster", "top_sol")
}

alldecomp_columns <- function(regressors) {
  c("ds", "dep_var", regressors, "intercept", "depVarHat", "solID", "cluster", "top_sol")
}

# `paid`: the paid media variables; the metric is roi_total for revenue, cpa_total for conversions.
clusters_columns <- function(paid, dep_var_type) {
  metric <- if (dep_var_type == "revenue") "roi_total" else "cpa_total"
  c("solID", "cluster", "top_sol", "error_score", "nrmse", "decomp.rssd", "mape", paste0(paid, "_", metric))
}

# pareto_calibration.csv: Robyn 3.12.1's resultCalibration (engine/outputs/calibration-table.ts).
PARETO_CALIBRATION_COLUMNS <- c(
  "rn", "liftStart", "liftEnd", "liftAbs", "decompStart", "decompEnd", "decompAbsScaled",
  "decompAbsTotalScaled", "calibrated_pct", "mape_lift",
  METRIC_COLUMNS,
  "lambda", "lambda_hp", "lambda_max", "lambda_min_ratio", "solID", "trial", "iterNG", "iterPar", "iterations",
  "cluster", "top_sol"
)

CLUSTER_CI_COLUMNS <- c("cluster", "rn", "n", "boot_mean", "boot_se", "ci_low", "ci_up")

ALLOCATOR_ROW_COLUMNS <- c(
  "channels", "constr_low", "constr_low_abs", "constr_up", "constr_up_abs", "unconstr_mult",
  "constr_low_unb", "constr_low_unb_abs", "constr_up_unb", "constr_up_unb_abs",
  "initSpendUnit", "initSpendShare", "initResponseUnit", "initResponseMargUnit", "initRoiUnit", "initCpaUnit",
  "optmSpendUnit", "optmSpendUnitDelta", "optmSpendShareUnit", "optmResponseUnit", "optmResponseMargUnit",
  "optmRoiUnit", "optmCpaUnit", "optmResponseUnitLift",
  "optmSpendUnitUnbound", "optmSpendUnitDeltaUnbound", "optmSpendShareUnitUnbound", "optmResponseUnitUnbound",
  "optmResponseMargUnitUnbound", "optmRoiUnitUnbound", "optmCpaUnitUnbound", "optmResponseUnitLiftUnbound"
)

ALLOCATOR_TOTAL_COLUMNS <- c(
  "periods", "total_budget_unit", "initSpendUnitTotal", "initResponseUnitTotal", "optmSpendUnitTotal",
  "optmResponseUnitTotal", "optmResponseUnitTotalLift", "optmSpendUnitTotalUnbound",
  "optmResponseUnitTotalUnbound", "optmResponseUnitTotalLiftUnbound"
)

allocator_columns <- function() {
  c("dep_var_type", "scenario", ALLOCATOR_ROW_COLUMNS, "excluded", ALLOCATOR_TOTAL_COLUMNS)
}
