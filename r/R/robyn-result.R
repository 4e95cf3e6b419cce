# What the trainer takes from Robyn's objects after robyn_outputs(): plain data frames and a few values,
# collected defensively (a field Robyn does not have becomes NULL and is reported, never an error), so
# that the writers (output-tables.R, model-summary.R) work on one documented shape that the tests can
# build without Robyn.
#
# Robyn 3.12 objects read:
#   OutputCollect$allPareto$resultHypParam / $xDecompAgg  every model (all_models.csv)
#   OutputCollect$resultHypParam / $xDecompAgg            Pareto models
#   OutputCollect$mediaVecCollect / $xDecompVecCollect    per-period vectors of the Pareto models
#   OutputCollect$clusters$data / $df_cluster_ci / $n_clusters / $wss (a plot whose data holds n, wss);
#     when Robyn's clustering fails (too few Pareto models) it stores its message there instead, a string
#   OutputCollect$allPareto$df_caov_pct                  carryover share per model and channel
#   OutputCollect$resultCalibration                       lift studies against the Pareto models (calibrated runs)
#   OutputCollect$pareto_fronts, OutputCollect$plot_folder
#   OutputModels$convergence$conv_msg
#   InputCollect$all_media, $paid_media_selected, $all_ind_vars, $intervalType, $window_start,
#   $window_end, $rollingWindowLength, $totalObservations

plain_table <- function(x) {
  if (is.null(x)) {
    return(NULL)
  }
  df <- as.data.frame(x, stringsAsFactors = FALSE)
  # data.table and tibble columns of class "Date"/"IDate" are written as dates; factors as text.
  for (column in names(df)) {
    if (is.factor(df[[column]])) df[[column]] <- as.character(df[[column]])
    if (inherits(df[[column]], "IDate")) df[[column]] <- as.Date(df[[column]])
  }
  df
}

cluster_wss <- function(clusters) {
  data <- tryCatch(clusters$wss$data, error = function(e) NULL)
  if (is.data.frame(data) && "wss" %in% names(data)) as.numeric(data$wss) else numeric(0)
}

first_present <- function(...) {
  for (value in list(...)) if (!is.null(value) && length(value) > 0) {
    return(value)
  }
  NULL
}

default_regressors <- function(spec) {
  prophet <- if (spec$prophet == "native") spec$prophet_vars else character(0)
  context <- c(spec$context_vars, if (spec$prophet == "precomputed") spec$prophet_vars)
  c(prophet, context, paid_media_vars_of(spec), spec$organic_vars)
}

# Robyn's carryover share per model and medium (its "Carryover" rows), as pareto_aggregated's
# carryover_pct; NULL when Robyn has none.
carryover_shares <- function(df_caov_pct) {
  df <- plain_table(df_caov_pct)
  if (is.null(df) || !all(c("solID", "rn", "type", "carryover_pct") %in% names(df))) {
    return(NULL)
  }
  df[df$type == "Carryover", c("solID", "rn", "carryover_pct"), drop = FALSE]
}

# With add_penalty_factor, Robyn's tables have one `<column>_penalty` per model column (its dt_mod).
penalty_names <- function(InputCollect, spec) {
  if (!isTRUE(spec$add_penalty_factor) || is.null(InputCollect$dt_mod)) {
    return(character(0))
  }
  paste0(setdiff(names(InputCollect$dt_mod), c("ds", "dep_var")), "_penalty")
}

collect_robyn_result <- function(InputCollect, OutputModels, OutputCollect, spec, hyperparameters, cores) {
  clusters <- if (is.list(OutputCollect$clusters)) OutputCollect$clusters
  clustering_failure <- if (is.character(OutputCollect$clusters)) paste(OutputCollect$clusters, collapse = " ")
  pareto <- plain_table(OutputCollect$resultHypParam)
  fronts <- first_present(
    if (is.numeric(OutputCollect$pareto_fronts)) OutputCollect$pareto_fronts,
    if (!is.null(pareto$robynPareto)) max(pareto$robynPareto, na.rm = TRUE)
  )
  list(
    all_hyperparameters = plain_table(OutputCollect$allPareto$resultHypParam),
    all_aggregated = plain_table(OutputCollect$allPareto$xDecompAgg),
    pareto_hyperparameters = pareto,
    pareto_aggregated = plain_table(OutputCollect$xDecompAgg),
    pareto_calibration = plain_table(OutputCollect$resultCalibration),
    media_vectors = plain_table(OutputCollect$mediaVecCollect),
    decomp_vectors = plain_table(OutputCollect$xDecompVecCollect),
    clusters = plain_table(clusters$data),
    cluster_ci = plain_table(clusters$df_cluster_ci),
    n_clusters = first_present(clusters$n_clusters, if (!is.null(clusters$data)) length(unique(clusters$data$cluster)), 0L),
    wss = cluster_wss(clusters),
    clustering_failure = clustering_failure,
    carryover = carryover_shares(OutputCollect$allPareto$df_caov_pct),
    convergence = as.character(unlist(OutputModels$convergence$conv_msg)),
    pareto_fronts = if (is.null(fronts)) NA_integer_ else as.integer(fronts),
    hyperparameter_names = c(hyperparameters$names, penalty_names(InputCollect, spec)),
    media = first_present(InputCollect$all_media, hyperparameters$media),
    paid_media = first_present(InputCollect$paid_media_selected, paid_media_vars_of(spec)),
    regressors = first_present(InputCollect$all_ind_vars, default_regressors(spec)),
    interval = first_present(InputCollect$intervalType, NA_character_),
    window_start = format(as.Date(first_present(InputCollect$window_start, NA))),
    window_end = format(as.Date(first_present(InputCollect$window_end, NA))),
    window_rows = first_present(InputCollect$rollingWindowLength, NA_integer_),
    data_rows = first_present(InputCollect$totalObservations, NA_integer_),
    cores = cores,
    plot_folder = OutputCollect$plot_folder
  )
}
