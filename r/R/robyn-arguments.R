# The arguments of each Robyn call, built from the spec and the prepared data as plain lists, so that
# they can be tested without Robyn; robyn-engine.R passes them with do.call().
#
# Decisions (also in docs/deploy.md):
# - prophet = "precomputed": the trend/season/... columns of the data are passed as context variables
#   and Robyn's own Prophet is not run (Robyn has no way to take precomputed components).
# - prophet_country is the spec's country, passed only when "holiday" is a Prophet variable; the spec's
#   own holidays and seasonality switches as prophet-settings.R says.
# - add_penalty_factor as the spec says (default FALSE), nevergrad_algo = "TwoPointsDE", as the native
#   engine searches (Robyn's other nevergrad algorithms are not offered: docs/robyn-settings.md).
# - cores: the explicit count from MMM_CORES; Robyn never detects cores itself.
# - Column names must be syntactic for Robyn (no spaces): checked here with a message naming them.

used_columns <- function(spec, date_var) {
  unique(c(
    date_var, spec$dep_var, spec$paid_media_spends, paid_media_vars_of(spec), spec$organic_vars,
    spec$context_vars, if (spec$prophet == "precomputed") spec$prophet_vars
  ))
}

check_robyn_columns <- function(spec, prepared) {
  columns <- used_columns(spec, prepared$date_var)
  missing <- setdiff(columns, names(prepared$data))
  if (length(missing) > 0) {
    stop_input(missing[[1]], sprintf(
      "Column \"%s\" named in the spec is not in the data. The data has: %s.", missing[[1]], list_columns(names(prepared$data))
    ))
  }
  spaced <- columns[grepl("\\s", columns)]
  if (length(spaced) > 0) {
    stop_input(spaced[[1]], sprintf(
      "Robyn does not accept column names with spaces (%s): rename the columns in the data and the spec.",
      paste0("\"", spaced, "\"", collapse = ", ")
    ))
  }
  invisible(columns)
}

calibration_frame <- function(spec) {
  studies <- spec$calibration_input
  if (length(studies) == 0) {
    return(NULL)
  }
  data.frame(
    channel = vapply(studies, function(s) s$channel, character(1)),
    liftStartDate = as.Date(vapply(studies, function(s) s$liftStartDate, character(1))),
    liftEndDate = as.Date(vapply(studies, function(s) s$liftEndDate, character(1))),
    liftAbs = vapply(studies, function(s) as.numeric(s$liftAbs), numeric(1)),
    spend = vapply(studies, function(s) as.numeric(s$spend), numeric(1)),
    confidence = vapply(studies, function(s) as.numeric(s$confidence), numeric(1)),
    metric = vapply(studies, function(s) if (is.null(s$metric)) spec$dep_var else s$metric, character(1)),
    calibration_scope = vapply(studies, function(s) s$calibration_scope, character(1)),
    stringsAsFactors = FALSE
  )
}

# Arguments of robyn_inputs(); `hyperparameters` from build_hyperparameters(); `builtin_holidays` returns
# Robyn's dt_prophet_holidays (prophet-settings.R decides whether it is read).
robyn_inputs_args <- function(spec, prepared, hyperparameters, builtin_holidays = function() NULL) {
  check_robyn_columns(spec, prepared)
  precomputed <- spec$prophet == "precomputed"
  prophet_vars <- if (precomputed || length(spec$prophet_vars) == 0) NULL else spec$prophet_vars
  context_vars <- c(spec$context_vars, if (precomputed) spec$prophet_vars)
  context_signs <- spec$context_signs
  if (precomputed && !is.null(context_signs)) context_signs <- c(context_signs, rep("default", length(spec$prophet_vars)))
  columns <- used_columns(spec, prepared$date_var)
  args <- list(
    dt_input = prepared$data[, columns, drop = FALSE],
    date_var = prepared$date_var,
    dep_var = spec$dep_var,
    dep_var_type = spec$dep_var_type,
    paid_media_spends = spec$paid_media_spends,
    paid_media_vars = paid_media_vars_of(spec),
    paid_media_signs = spec$paid_media_signs,
    organic_vars = if (length(spec$organic_vars) > 0) spec$organic_vars,
    organic_signs = spec$organic_signs,
    context_vars = if (length(context_vars) > 0) context_vars,
    context_signs = context_signs,
    factor_vars = if (length(spec$factor_vars) > 0) spec$factor_vars,
    prophet_vars = prophet_vars,
    prophet_country = if ("holiday" %in% prophet_vars) spec$country,
    dt_holidays = holidays_frame(spec, builtin_holidays),
    adstock = spec$adstock,
    window_start = spec$window_start,
    window_end = spec$window_end,
    calibration_input = calibration_frame(spec),
    hyperparameters = hyperparameters$values
  )
  c(args[!vapply(args, is.null, logical(1))], prophet_custom_params(spec))
}

robyn_run_args <- function(spec, cores) {
  args <- list(
    iterations = as.integer(spec$iterations),
    trials = as.integer(spec$trials),
    seed = as.integer(spec$seed),
    cores = as.integer(cores),
    ts_validation = isTRUE(spec$ts_validation),
    add_penalty_factor = isTRUE(spec$add_penalty_factor),
    rssd_zero_penalty = isTRUE(spec$rssd_zero_penalty),
    objective_weights = spec$objective_weights,
    nevergrad_algo = "TwoPointsDE",
    intercept = isTRUE(spec$intercept),
    intercept_sign = spec$intercept_sign,
    outputs = FALSE,
    quiet = FALSE
  )
  args[!vapply(args, is.null, logical(1))]
}

# Only arguments of robyn_outputs() itself (method notes §5.1): extra ones would travel through `...`
# into robyn_clusters() and lares. Robyn writes into <plot_folder>/Robyn_<time>_init/, which the trainer
# searches.
robyn_outputs_args <- function(spec, plot_folder) {
  list(
    pareto_fronts = if (identical(spec$pareto_fronts, "auto")) "auto" else as.integer(spec$pareto_fronts),
    calibration_constraint = spec$calibration_constraint,
    min_candidates = as.integer(spec$min_candidates),
    plot_folder = plot_folder,
    plot_pareto = TRUE,
    csv_out = "pareto",
    clusters = TRUE,
    select_model = "clusters",
    export = TRUE,
    quiet = FALSE
  )
}

# robyn_outputs() arguments that robyn_run() passes on (through `...`) when it fits one fixed model: no
# clusters (Robyn clusters nothing for one model) and nothing that would travel into robyn_clusters().
robyn_fixed_outputs_args <- function(spec, plot_folder) {
  args <- robyn_outputs_args(spec, plot_folder)
  args[setdiff(names(args), c("clusters", "select_model", "min_candidates", "pareto_fronts", "quiet"))]
}

# Arguments of robyn_allocator() for the spec's allocator settings and the chosen model; it exports into
# the run's Robyn folder (OutputCollect$plot_folder).
robyn_allocator_args <- function(spec, select_model) {
  settings <- spec$allocator
  date_range <- settings$date_range
  args <- list(
    select_model = select_model,
    scenario = settings$scenario,
    total_budget = settings$total_budget,
    target_value = settings$target_value,
    date_range = if (length(date_range) == 2) as.Date(date_range) else date_range,
    channel_constr_low = settings$channel_constr_low,
    channel_constr_up = settings$channel_constr_up,
    channel_constr_multiplier = settings$channel_constr_multiplier,
    optim_algo = "SLSQP_AUGLAG",
    constr_mode = "eq",
    export = TRUE,
    quiet = FALSE
  )
  args[!vapply(args, is.null, logical(1))]
}
