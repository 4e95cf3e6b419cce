# A refresh through Robyn's own robyn_refresh() (Robyn 3.12.1, manual mode): the parent model's Robyn JSON
# (written by the app beside the spec, as robyn_write() writes it) and the new data go in; Robyn recreates
# the parent, moves the window by refresh_steps, narrows the bounds around the parent's hyperparameters
# with bounds_freedom, searches refresh_iters x refresh_trials with its refresh DECOMP.RSSD and picks the
# model with the lowest DECOMP.RSSD. The spec's refresh block was derived by the app with the same rules,
# so the steps and the freedom passed here are the ones people were shown.
#
# Robyn returns the whole chain (listInit, listRefresh1, refresh); the run's outputs are written from
# listRefresh1's InputCollect and OutputCollect like any run's. For the report, the parent's
# hyperparameters are fitted once more on the refresh window (robyn_run with dt_hyper_fixed): what the new
# data alone changes.

# Arguments of robyn_refresh(). dt_holidays is the spec's own table, as robyn_inputs() gets it
# (prophet-settings.R); without custom rows it is left out and Robyn uses its dt_prophet_holidays.
robyn_refresh_args <- function(spec, prepared, parent_json, plot_folder, cores, builtin_holidays = function() NULL) {
  args <- list(
    json_file = parent_json,
    dt_input = prepared$data[, used_columns(spec, prepared$date_var), drop = FALSE],
    dt_holidays = holidays_frame(spec, builtin_holidays),
    refresh_steps = as.integer(spec$refresh$steps),
    refresh_mode = "manual",
    refresh_iters = as.integer(spec$iterations),
    refresh_trials = as.integer(spec$trials),
    bounds_freedom = spec$refresh$freedom,
    plot_folder = plot_folder,
    plot_pareto = TRUE,
    version_prompt = FALSE,
    export = TRUE,
    calibration_input = calibration_frame(spec),
    objective_weights = if (length(spec$objective_weights) > 0) as.numeric(unlist(spec$objective_weights)),
    # Through `...` to robyn_run().
    cores = as.integer(cores),
    seed = as.integer(spec$seed)
  )
  args[!vapply(args, is.null, logical(1))]
}

# The newest refresh of Robyn's returned chain (listRefresh<N> with the largest N).
latest_refresh <- function(chain) {
  names <- grep("^listRefresh[0-9]+$", names(chain), value = TRUE)
  if (length(names) == 0) stop("robyn_refresh() returned no refresh model (no listRefresh element).")
  chain[[names[[which.max(as.integer(sub("listRefresh", "", names)))]]]]
}

# dt_hyper_fixed with the parent's hyperparameters, for the refit on the refresh window.
parent_hyperparameter_frame <- function(spec, hyperparameters) {
  parent <- spec$refresh$parent$hyperparameters
  row <- lapply(hyperparameters$names, function(name) {
    value <- parent[[name]]
    if (is.null(value) && name == "train_size") 1 else if (is.null(value)) NA_real_ else as.numeric(value)
  })
  missing <- hyperparameters$names[vapply(row, function(v) is.na(v), logical(1))]
  if (length(missing) > 0) {
    stop_input("refresh", sprintf(
      "The refresh block has no parent value for %s: start the refresh again from the parent run.",
      paste(missing, collapse = ", ")
    ))
  }
  as.data.frame(stats::setNames(row, hyperparameters$names), check.names = FALSE)
}

# Long because it is the one sequence of Robyn calls of a refresh, kept together to read top to bottom.
robyn_refresh_engine <- function(spec, prepared, hyperparameters, context, robyn) {
  log <- context$log
  log$line(sprintf(
    "Robyn %s refresh of %s (run %s): %d step(s), bounds freedom %s, numpy %s, %d core(s)",
    robyn$version, spec$refresh$of$model, spec$refresh$of$run, as.integer(spec$refresh$steps),
    format(spec$refresh$freedom, digits = 15), robyn$python(), context$cores
  ))
  plot_folder <- file.path(context$work_dir, "robyn")
  dir.create(plot_folder, recursive = TRUE, showWarnings = FALSE)
  # Robyn's refresh reads the parent's file by its robyn_write() name.
  parent_json <- file.path(plot_folder, sprintf("RobynModel-%s.json", spec$refresh$of$model))
  file.copy(context$parent_json, parent_json, overwrite = TRUE)

  total <- spec$iterations * spec$trials
  started <- Sys.time()
  on_message <- function(text) {
    trial <- trial_of_message(text)
    if (is.na(trial)) {
      return(NULL)
    }
    done <- (trial - 1L) * spec$iterations
    elapsed <- as.numeric(difftime(Sys.time(), started, units = "secs"))
    context$progress("searching", done, total, if (done > 0) elapsed / done * (total - done))
  }
  timings <- list()
  clock <- function(name, expr) {
    at <- Sys.time()
    value <- expr
    timings[[name]] <<- as.numeric(difftime(Sys.time(), at, units = "secs"))
    value
  }
  context$progress("searching", 0L, total, NULL)
  chain <- clock("search", with_robyn_log(
    do.call(robyn$refresh, robyn_refresh_args(spec, prepared, parent_json, plot_folder, context$cores, robyn$holidays)),
    log, on_message, context$warnings
  ))
  refreshed <- latest_refresh(chain)
  input_collect <- refreshed$InputCollect
  output_collect <- refreshed$OutputCollect
  selected <- output_collect$selectID
  log$line(sprintf("robyn_refresh selected %s (lowest DECOMP.RSSD)", format(selected)))

  context$progress("selecting", total, total, 0)
  refit <- clock("refit", with_robyn_log(
    do.call(robyn$run, c(
      list(InputCollect = input_collect, dt_hyper_fixed = parent_hyperparameter_frame(spec, hyperparameters)),
      robyn_run_args(spec, context$cores),
      robyn_fixed_outputs_args(spec, file.path(context$work_dir, "refit"))
    )),
    log, warnings = context$warnings
  ))
  list(
    input_collect = input_collect,
    output_models = if (is.null(output_collect$OutputModels)) list() else output_collect$OutputModels,
    output_collect = output_collect,
    version = paste("Robyn", robyn$version),
    plot_folder = plot_folder,
    timings = timings,
    selected = selected,
    refit = refit,
    allocate = robyn_allocate(robyn, spec, input_collect, output_collect, log, context$warnings)
  )
}

# output/refresh_report.json from the refresh winner's rows of the built tables and Robyn's refit.
write_robyn_refresh_report <- function(output_dir, spec, result, tables, best_id, refit) {
  metric <- if (spec$dep_var_type == "revenue") "roi" else "cpa"
  pareto <- tables[["pareto_hyperparameters.csv"]]
  aggregated <- tables[["pareto_aggregated.csv"]]
  after <- channel_figures(
    aggregated[aggregated$solID == best_id, , drop = FALSE], pareto[pareto$solID == best_id, , drop = FALSE], metric
  )
  refit_rows <- as.data.frame(refit$xDecompAgg)
  refit_parameters <- as.data.frame(refit$resultHypParam)
  refit_figures <- channel_figures(refit_rows[refit_rows$solID == refit_parameters$solID[[1]], , drop = FALSE], refit_parameters[1, , drop = FALSE], metric)
  report <- build_refresh_report(
    spec$refresh, spec$dep_var_type, result$interval,
    list(start = result$window_start, end = result$window_end), best_id, after, refit_figures
  )
  write_text_file(to_json(report, pretty = TRUE), file.path(output_dir, "refresh_report.json"))
  report
}
