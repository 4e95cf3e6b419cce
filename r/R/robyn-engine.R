# The only file that calls Robyn (pinned 3.12.1 in the image): robyn_inputs → robyn_run (explicit
# cores) → robyn_outputs → robyn_allocator when the spec asks. Everything before (arguments) and after
# (tables, summary) is plain R tested without Robyn; the trainer receives this engine as a function, so
# the tests give it a fake.
#
# Robyn's messages and warnings go to log.txt; "Running trial N of M" messages become progress events.

ROBYN_VERSION <- "3.12.1"

check_python <- function() {
  if (!reticulate::py_module_available("nevergrad")) {
    stop(sprintf(
      "Python module nevergrad is not importable from %s: the Robyn trainer image is incomplete.",
      reticulate::py_config()$python
    ))
  }
  numpy <- reticulate::import("numpy")$`__version__`
  if (as.integer(strsplit(numpy, ".", fixed = TRUE)[[1]][[1]]) >= 2) {
    stop(sprintf("numpy %s is installed; Robyn's nevergrad calls need numpy < 2.", numpy))
  }
  numpy
}

# Runs `expr` with Robyn's messages and warnings written to the log; returns its value.
with_robyn_log <- function(expr, log, on_message = function(text) NULL, warnings = NULL) {
  withCallingHandlers(expr,
    message = function(m) {
      text <- trimws(conditionMessage(m))
      if (nzchar(text)) log$line(paste("robyn:", text))
      on_message(text)
      invokeRestart("muffleMessage")
    },
    warning = function(w) {
      text <- conditionMessage(w)
      log$line(paste("robyn warning:", text))
      if (!is.null(warnings)) warnings$add(text)
      invokeRestart("muffleWarning")
    }
  )
}

# The trial number in one of Robyn's progress messages, or NA.
trial_of_message <- function(text) {
  match <- regmatches(text, regexec("trial\\s*#?\\s*(\\d+)\\s+of\\s+(\\d+)", text, ignore.case = TRUE))[[1]]
  if (length(match) == 3) as.integer(match[[2]]) else NA_integer_
}

# Long because it is the one sequence of Robyn calls, kept together so the order reads top to bottom.
robyn_engine <- function(spec, prepared, hyperparameters, context) {
  log <- context$log
  if (!requireNamespace("Robyn", quietly = TRUE)) {
    stop(sprintf(
      "R package Robyn is not installed here: run the trainer in its image (docker/trainer-robyn.Dockerfile) or install Robyn %s.",
      ROBYN_VERSION
    ))
  }
  suppressPackageStartupMessages(library(Robyn))
  version <- as.character(utils::packageVersion("Robyn"))
  if (version != ROBYN_VERSION) {
    context$warnings$add(sprintf("Robyn %s is installed; this trainer is pinned to %s.", version, ROBYN_VERSION))
  }
  log$line(sprintf("Robyn %s, numpy %s, %d core(s)", version, check_python(), context$cores))

  plot_folder <- file.path(context$work_dir, "robyn")
  dir.create(plot_folder, recursive = TRUE, showWarnings = FALSE)
  total <- spec$iterations * spec$trials
  started <- Sys.time()
  on_message <- function(text) {
    trial <- trial_of_message(text)
    if (is.na(trial)) {
      return(NULL)
    }
    done <- (trial - 1L) * spec$iterations
    elapsed <- as.numeric(difftime(Sys.time(), started, units = "secs"))
    eta <- if (done > 0) elapsed / done * (total - done) else NULL
    context$progress("searching", done, total, eta)
  }

  timings <- list()
  clock <- function(name, expr) {
    at <- Sys.time()
    value <- expr
    timings[[name]] <<- as.numeric(difftime(Sys.time(), at, units = "secs"))
    value
  }
  input_collect <- clock("prepare", with_robyn_log(
    do.call(Robyn::robyn_inputs, robyn_inputs_args(spec, prepared, hyperparameters)),
    log, warnings = context$warnings
  ))
  context$progress("searching", 0L, total, NULL)
  output_models <- clock("search", with_robyn_log(
    do.call(Robyn::robyn_run, c(list(InputCollect = input_collect), robyn_run_args(spec, context$cores))),
    log, on_message, context$warnings
  ))
  context$progress("selecting", total, total, 0)
  output_collect <- clock("pareto", with_robyn_log(
    do.call(Robyn::robyn_outputs, c(
      list(InputCollect = input_collect, OutputModels = output_models),
      robyn_outputs_args(spec, plot_folder)
    )),
    log, warnings = context$warnings
  ))
  list(
    input_collect = input_collect,
    output_models = output_models,
    output_collect = output_collect,
    version = paste("Robyn", version),
    plot_folder = plot_folder,
    timings = timings,
    allocate = function(select_model) {
      allocation <- with_robyn_log(
        do.call(Robyn::robyn_allocator, c(
          list(InputCollect = input_collect, OutputCollect = output_collect),
          robyn_allocator_args(spec, select_model)
        )),
        log, warnings = context$warnings
      )
      allocation$dt_optimOut
    }
  )
}
