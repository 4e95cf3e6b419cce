# Robyn's tables (as collected by robyn-result.R) mapped onto the run's CSV files, with the native
# writers' file names and columns (output-columns.R). Where Robyn lacks a column the native engine has,
# it is computed when Robyn's tables allow it, else written as NA; every such column is reported
# (`notes`) so the log and model_summary.json's warnings say which.
#
# Computed when missing:
# - all_models.csv `iterations` = (iterNG - 1) * cores + iterPar; `error_score` (error-score.R);
#   `intercept_dropped` = TRUE when the model's "(Intercept)" coefficient is 0 although the spec has an
#   intercept with a non-negative sign (Robyn's refit drops a negative intercept);
# - `cluster`, `top_sol`: joined by solID from Robyn's cluster table;
# - pareto_aggregated.csv `boot_mean`, `boot_se`, `ci_low`, `ci_up`: joined by cluster and rn from
#   Robyn's cluster intervals;
# - pareto_aggregated.csv `carryover_pct`: joined by solID and rn from Robyn's carryover shares
#   (df_caov_pct), which Robyn joins itself only when its clustering succeeds;
# - pareto_clusters.csv `<paid>_roi_total` (or `_cpa_total`): from pareto_aggregated per model and
#   channel (Robyn clusters on hyperparameters, so its cluster table holds no ROI columns).
# Written as NA when missing: `<media>_inflexion`, `<media>_inflation` (older Robyn tables), and any
# other column absent from Robyn's tables.

# Keeps `columns` of `df` in that order, adding missing ones as NA; returns list(table, missing). The
# native files' logical columns are written TRUE/FALSE even where Robyn keeps them as 1/0.
conform <- function(df, columns) {
  df <- as.data.frame(df, stringsAsFactors = FALSE, check.names = FALSE)
  for (column in intersect(LOGICAL_COLUMNS, names(df))) df[[column]] <- as.logical(df[[column]])
  missing <- setdiff(columns, names(df))
  for (column in missing) df[[column]] <- rep(NA, nrow(df))
  list(table = df[, columns, drop = FALSE], missing = missing)
}

# Adds cluster and top_sol by solID when `df` lacks them.
join_clusters <- function(df, clusters) {
  if (is.null(clusters) || nrow(df) == 0) {
    return(df)
  }
  at <- match(df$solID, clusters$solID)
  if (!("cluster" %in% names(df)) && "cluster" %in% names(clusters)) df$cluster <- as.integer(clusters$cluster[at])
  if (!("top_sol" %in% names(df)) && "top_sol" %in% names(clusters)) df$top_sol <- as.logical(clusters$top_sol[at])
  df
}

intercept_coefficients <- function(aggregated) {
  if (is.null(aggregated) || !all(c("solID", "rn", "coef") %in% names(aggregated))) {
    return(NULL)
  }
  rows <- aggregated[aggregated$rn == "(Intercept)", c("solID", "coef"), drop = FALSE]
  stats::setNames(as.numeric(rows$coef), rows$solID)
}

complete_hyperparameters <- function(df, result, spec) {
  if (!("iterations" %in% names(df)) && all(c("iterNG", "iterPar") %in% names(df))) {
    df$iterations <- (df$iterNG - 1) * result$cores + df$iterPar
  }
  if (!("error_score" %in% names(df)) && all(c("decomp.rssd", "mape") %in% names(df))) {
    nrmse <- if (isTRUE(spec$ts_validation) && "nrmse_test" %in% names(df)) df$nrmse_test else df$nrmse_train
    if (is.null(nrmse)) nrmse <- df$nrmse
    df$error_score <- error_scores(nrmse, df$decomp.rssd, df$mape)
  }
  if (!("intercept_dropped" %in% names(df))) {
    coefficients <- intercept_coefficients(result$all_aggregated)
    if (!is.null(coefficients) && isTRUE(spec$intercept) && spec$intercept_sign == "non_negative") {
      df$intercept_dropped <- unname(coefficients[df$solID] == 0)
    } else if (!is.null(coefficients)) {
      df$intercept_dropped <- FALSE
    }
  }
  df
}

all_models_table <- function(result, spec) {
  df <- complete_hyperparameters(result$all_hyperparameters, result, spec)
  conform(df, hyperparameter_columns(result$hyperparameter_names, result$media))
}

pareto_hyperparameters_table <- function(result, spec) {
  df <- complete_hyperparameters(result$pareto_hyperparameters, result, spec)
  df <- join_clusters(df, result$clusters)
  conform(df, pareto_hyperparameter_columns(result$hyperparameter_names, result$media))
}

pareto_aggregated_table <- function(result) {
  df <- join_clusters(result$pareto_aggregated, result$clusters)
  caov <- result$carryover
  if (!is.null(caov) && nrow(df) > 0 && (!("carryover_pct" %in% names(df)) || all(is.na(df$carryover_pct)))) {
    df$carryover_pct <- as.numeric(caov$carryover_pct[match(paste(df$solID, df$rn), paste(caov$solID, caov$rn))])
  }
  ci <- result$cluster_ci
  if (!is.null(ci) && nrow(df) > 0 && "cluster" %in% names(df)) {
    at <- match(paste(df$cluster, df$rn), paste(ci$cluster, ci$rn))
    for (column in c("boot_mean", "boot_se", "ci_low", "ci_up")) {
      if (!(column %in% names(df)) && column %in% names(ci)) df[[column]] <- ci[[column]][at]
    }
  }
  conform(df, PARETO_AGGREGATED_COLUMNS)
}

media_transform_table <- function(result) {
  df <- result$media_vectors
  if ("type" %in% names(df)) df <- df[df$type %in% c("adstockedMedia", "decompMedia"), , drop = FALSE]
  df <- join_clusters(df, result$clusters)
  conform(df, media_transform_columns(result$media))
}

alldecomp_table <- function(result) {
  df <- join_clusters(result$decomp_vectors, result$clusters)
  conform(df, alldecomp_columns(result$regressors))
}

clusters_table <- function(result, spec) {
  metric <- if (spec$dep_var_type == "revenue") "roi_total" else "cpa_total"
  paid <- result$paid_media
  models <- complete_hyperparameters(result$pareto_hyperparameters, result, spec)
  models <- join_clusters(models, result$clusters)
  df <- models[, intersect(c("solID", "cluster", "top_sol", "error_score", "nrmse", "decomp.rssd", "mape"), names(models)),
    drop = FALSE
  ]
  aggregated <- result$pareto_aggregated
  for (channel in paid) {
    rows <- aggregated[aggregated$rn == channel, , drop = FALSE]
    value <- if (metric %in% names(rows)) rows[[metric]][match(df$solID, rows$solID)] else rep(NA_real_, nrow(df))
    df[[paste0(channel, "_", metric)]] <- value
  }
  conform(df, clusters_columns(paid, spec$dep_var_type))
}

cluster_ci_table <- function(result) {
  df <- result$cluster_ci
  if (is.null(df)) df <- data.frame(cluster = integer(0))
  conform(df, CLUSTER_CI_COLUMNS)
}

# Lift studies against the Pareto models; NULL for an uncalibrated run (Robyn writes no file then).
pareto_calibration_table <- function(result) {
  df <- result$pareto_calibration
  if (is.null(df) || nrow(df) == 0) {
    return(NULL)
  }
  conform(join_clusters(df, result$clusters), PARETO_CALIBRATION_COLUMNS)
}

# Every CSV of the run: a named list of data frames, and the notes about columns Robyn lacked.
output_tables <- function(result, spec) {
  calibration <- pareto_calibration_table(result)
  built <- list(
    "all_models.csv" = all_models_table(result, spec),
    "pareto_hyperparameters.csv" = pareto_hyperparameters_table(result, spec),
    "pareto_aggregated.csv" = pareto_aggregated_table(result),
    "pareto_media_transform_matrix.csv" = media_transform_table(result),
    "pareto_alldecomp_matrix.csv" = alldecomp_table(result),
    "pareto_clusters.csv" = clusters_table(result, spec),
    "pareto_clusters_ci.csv" = cluster_ci_table(result)
  )
  if (!is.null(calibration)) built[["pareto_calibration.csv"]] <- calibration
  notes <- unlist(lapply(names(built), function(file) {
    missing <- built[[file]]$missing
    if (length(missing) == 0) {
      return(NULL)
    }
    sprintf("%s: Robyn's output has no %s; written as NA", file, paste(missing, collapse = ", "))
  }))
  list(tables = lapply(built, function(b) b$table), notes = if (is.null(notes)) character(0) else notes)
}
