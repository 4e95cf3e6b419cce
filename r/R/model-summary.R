# model_summary.json for a Robyn run: the same fields as the native engine's
# (engine/outputs/model-summary.ts), with engine "robyn" and Robyn's version. The best model is the
# cluster-top model with the lowest error score, as in the native engine (the replaced product took
# the first row of an unsorted table).

parse_convergence <- function(messages) {
  lapply(messages, function(message) {
    list(
      objective = sub("^\\s*(\\S+).*$", "\\1", message),
      converged = !grepl("NOT converged", message, fixed = TRUE),
      message = message
    )
  })
}

number_or_null <- function(x) {
  if (is.null(x) || length(x) == 0 || is.na(x)) NULL else as.numeric(x)
}

summary_model <- function(row) {
  value <- function(column) if (column %in% names(row)) row[[column]] else NA
  list(
    model_id = as.character(value("solID")),
    nrmse = as.numeric(value("nrmse")),
    decomp_rssd = as.numeric(value("decomp.rssd")),
    mape = as.numeric(value("mape")),
    rsq_train = as.numeric(value("rsq_train")),
    nrmse_train = as.numeric(value("nrmse_train")),
    rsq_val = as.numeric(value("rsq_val")),
    nrmse_val = as.numeric(value("nrmse_val")),
    rsq_test = as.numeric(value("rsq_test")),
    nrmse_test = as.numeric(value("nrmse_test")),
    robyn_pareto_front = as.integer(value("robynPareto")),
    cluster = as.integer(value("cluster")),
    top_sol = isTRUE(as.logical(value("top_sol"))),
    error_score = as.numeric(value("error_score"))
  )
}

# The best model: the cluster tops' lowest error score, or `select` (a refresh's winner, Robyn's pick).
best_model_row <- function(pareto, select = NULL) {
  if (!is.null(select) && select %in% pareto$solID) {
    return(pareto[pareto$solID == select, , drop = FALSE][1, , drop = FALSE])
  }
  tops <- pareto[!is.na(pareto$top_sol) & as.logical(pareto$top_sol), , drop = FALSE]
  pool <- if (nrow(tops) > 0) tops else pareto
  pool[order(pool$error_score), , drop = FALSE][1, , drop = FALSE]
}

# Long because it is one literal of the summary's fields, in the native order.
build_model_summary <- function(result, tables, spec, engine_version, created_at, timings, warnings,
                                select = NULL) {
  pareto <- tables[["pareto_hyperparameters.csv"]]
  aggregated <- tables[["pareto_aggregated.csv"]]
  models <- lapply(seq_len(nrow(pareto)), function(i) summary_model(pareto[i, , drop = FALSE]))
  best <- if (nrow(pareto) > 0) best_model_row(pareto, select) else NULL
  best_rows <- if (is.null(best)) aggregated[0, , drop = FALSE] else aggregated[aggregated$solID == best$solID, , drop = FALSE]
  coefficients <- stats::setNames(lapply(best_rows$coef, as.numeric), best_rows$rn)
  if (length(coefficients) == 0) coefficients <- json_object()
  channel_rows <- best_rows[!is.na(best_rows$spend_share), , drop = FALSE]
  marginal <- if (is.null(best)) list() else channel_marginal_returns(channel_rows, best)
  channels <- lapply(seq_len(nrow(channel_rows)), function(i) {
    list(
      channel = channel_rows$rn[[i]],
      spend_share = number_or_null(channel_rows$spend_share[[i]]),
      effect_share = number_or_null(channel_rows$effect_share[[i]]),
      roi_total = number_or_null(channel_rows$roi_total[[i]]),
      cpa_total = number_or_null(channel_rows$cpa_total[[i]]),
      mean_spend = number_or_null(channel_rows$mean_spend[[i]]),
      mroi = number_or_null(marginal[[i]]$mroi),
      marginal_response = number_or_null(marginal[[i]]$marginal_response),
      next_10pct_response = number_or_null(marginal[[i]]$gain)
    )
  })
  top_rows <- pareto[!is.na(pareto$top_sol) & as.logical(pareto$top_sol), , drop = FALSE]
  ci <- tables[["pareto_clusters_ci.csv"]]
  best_model <- if (is.null(best)) NULL else c(summary_model(best), list(coefficients = coefficients, channels = channels, next_budget_ranking = next_budget_ranking(marginal)))

  summary <- list(
    engine = "robyn",
    engine_version = engine_version,
    country = spec$country,
    created_at = created_at,
    seed = spec$seed,
    iterations = spec$iterations,
    trials = spec$trials,
    candidate_model_count = nrow(tables[["all_models.csv"]]),
    has_pareto_models = length(models) > 0,
    pareto_fronts = result$pareto_fronts,
    pareto_model_count = length(models),
    pareto_models = models,
    best_model = best_model,
    clusters = list(
      k = as.integer(result$n_clusters),
      wss = json_array(result$wss),
      top_models = lapply(seq_len(nrow(top_rows)), function(i) {
        list(
          cluster = as.integer(top_rows$cluster[[i]]),
          model_id = top_rows$solID[[i]],
          size = sum(pareto$cluster == top_rows$cluster[[i]], na.rm = TRUE)
        )
      }),
      intervals = lapply(seq_len(nrow(ci)), function(i) {
        list(
          cluster = as.integer(ci$cluster[[i]]), channel = ci$rn[[i]], n = as.integer(ci$n[[i]]),
          boot_mean = as.numeric(ci$boot_mean[[i]]), ci_low = as.numeric(ci$ci_low[[i]]), ci_up = as.numeric(ci$ci_up[[i]])
        )
      })
    ),
    convergence = parse_convergence(result$convergence),
    input_metadata = list(
      dep_var = spec$dep_var,
      dep_var_type = spec$dep_var_type,
      date_var = result$date_var,
      interval = result$interval,
      adstock = spec$adstock,
      window_start = result$window_start,
      window_end = result$window_end,
      window_rows = result$window_rows,
      data_rows = result$data_rows,
      paid_media_spends = json_array(spec$paid_media_spends),
      paid_media_vars = json_array(paid_media_vars_of(spec)),
      organic_vars = json_array(spec$organic_vars),
      context_vars = json_array(spec$context_vars),
      factor_vars = json_array(spec$factor_vars),
      prophet_vars = json_array(spec$prophet_vars),
      ts_validation = isTRUE(spec$ts_validation),
      calibration_studies = length(spec$calibration_input)
    ),
    timings_seconds = if (length(timings) == 0) json_object() else as.list(timings),
    warnings = json_array(warnings)
  )
  if (!is.null(spec$refresh)) summary$refresh_of <- spec$refresh$of
  summary
}
