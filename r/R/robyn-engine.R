# The only files that call Robyn (pinned 3.12.1 in the image): robyn_inputs → robyn_run (explicit
# cores) → robyn_outputs → robyn_allocator when the spec asks; a refresh spec goes to robyn_refresh
# (robyn-refresh.R). Everything before (arguments) and after
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

# Robyn's functions the engine calls, looked up once Robyn is loaded; the tests pass fakes.
robyn_api <- function() {
  list(
    version = as.character(utils::packageVersion("Robyn")),
    python = check_python,
    inputs = Robyn::robyn_inputs,
    run = Robyn::robyn_run,
    outputs = Robyn::robyn_outputs,
    allocator = Robyn::robyn_allocator,
    # Robyn's holiday table (its data set, loaded the same way with or without lazy data).
    holidays = function() {
      env <- new.env()
      utils::data("dt_prophet_holidays", package = "Robyn", envir = env)
      env$dt_prophet_holidays
    },
    refresh = Robyn::robyn_refresh,
    # Robyn's lambda range for a model frame, as robyn_mmm() computes it before searching (its
    # lambda_seq() is not exported): lambda_max = max(lambda_seq) * 0.1, lambda_min = lambda_max * 1e-4.
    lambda_range = function(dt_mod) {
      frame <- as.data.frame(dt_mod)
      x <- frame[, setdiff(names(frame), c("ds", "dep_var")), drop = FALSE]
      lambda_seq <- utils::getFromNamespace("lambda_seq", "Robyn")
      lambda_max <- max(lambda_seq(x = x, y = frame$dep_var, seq_len = 100, lambda_min_ratio = 1e-4)) * 0.1
      c(min = lambda_max * 1e-4, max = lambda_max)
    }
  )
}

load_robyn <- function(context) {
  if (!requireNamespace("Robyn", quietly = TRUE)) {
    stop(sprintf(
      "R package Robyn is not installed here: run the trainer in its image (docker/trainer-robyn.Dockerfile) or install Robyn %s.",
      ROBYN_VERSION
    ))
  }
  suppressPackageStartupMessages(library(Robyn))
  robyn <- robyn_api()
  if (robyn$version != ROBYN_VERSION) {
    context$warnings$add(sprintf("Robyn %s is installed; this trainer is pinned to %s.", robyn$version, ROBYN_VERSION))
  }
  robyn
}

# The spec's fixed lambda in both of Robyn's forms (hyperparameters.R says which one the spec gave):
# dt_hyper_fixed takes the absolute penalty, a search takes the share of Robyn's lambda range. NULL when
# lambda is searched (a range, or absent).
fixed_lambda <- function(hyperparameters, input_collect, robyn, log) {
  lambda <- hyperparameters$values$lambda
  if (length(lambda) != 1) {
    return(NULL)
  }
  range <- robyn$lambda_range(input_collect$dt_mod)
  width <- range[["max"]] - range[["min"]]
  fixed <- if (isTRUE(hyperparameters$lambda_absolute)) {
    list(absolute = lambda, share = (lambda - range[["min"]]) / width)
  } else {
    list(absolute = range[["min"]] + width * lambda, share = lambda)
  }
  log$line(sprintf(
    "lambda fixed: penalty %s, share %s of Robyn's range [%s, %s]",
    format(fixed$absolute, digits = 15), format(fixed$share, digits = 15),
    format(range[["min"]], digits = 15), format(range[["max"]], digits = 15)
  ))
  fixed
}

# Robyn's dt_hyper_fixed for a spec whose every value is fixed: one row, every hyperparameter name.
fixed_hyperparameter_frame <- function(hyperparameters, lambda) {
  values <- hyperparameters$values
  row <- lapply(hyperparameters$names, function(name) {
    if (name == "lambda") lambda$absolute else if (name == "train_size" && is.null(values$train_size)) 1 else values[[name]]
  })
  as.data.frame(stats::setNames(row, hyperparameters$names), check.names = FALSE)
}

# Long because it is the one sequence of Robyn calls, kept together so the order reads top to bottom.
# Every value fixed: one model through dt_hyper_fixed (Robyn's robyn_recreate path), without nevergrad.
robyn_engine <- function(spec, prepared, hyperparameters, context, robyn = load_robyn(context)) {
  if (!is.null(spec$refresh)) {
    return(robyn_refresh_engine(spec, prepared, hyperparameters, context, robyn))
  }
  log <- context$log
  searching <- !isTRUE(hyperparameters$all_fixed)
  numpy <- if (searching) robyn$python() else "not needed (every hyperparameter is fixed)"
  log$line(sprintf("Robyn %s, numpy %s, %d core(s)", robyn$version, numpy, context$cores))

  plot_folder <- file.path(context$work_dir, "robyn")
  dir.create(plot_folder, recursive = TRUE, showWarnings = FALSE)
  total <- if (searching) spec$iterations * spec$trials else 1L
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
    do.call(robyn$inputs, robyn_inputs_args(spec, prepared, hyperparameters, robyn$holidays)),
    log, warnings = context$warnings
  ))
  lambda <- fixed_lambda(hyperparameters, input_collect, robyn, log)
  context$progress("searching", 0L, total, NULL)
  if (searching) {
    if (!is.null(lambda)) input_collect$hyperparameters$lambda <- lambda$share
    output_models <- clock("search", with_robyn_log(
      do.call(robyn$run, c(list(InputCollect = input_collect), robyn_run_args(spec, context$cores))),
      log, on_message, context$warnings
    ))
    context$progress("selecting", total, total, 0)
    output_collect <- clock("pareto", with_robyn_log(
      do.call(robyn$outputs, c(
        list(InputCollect = input_collect, OutputModels = output_models),
        robyn_outputs_args(spec, plot_folder)
      )),
      log, warnings = context$warnings
    ))
  } else {
    # With dt_hyper_fixed, robyn_run() fits the one model and runs robyn_outputs() itself (no clusters).
    output_models <- list()
    output_collect <- clock("search", with_robyn_log(
      do.call(robyn$run, c(
        list(InputCollect = input_collect, dt_hyper_fixed = fixed_hyperparameter_frame(hyperparameters, lambda)),
        robyn_run_args(spec, context$cores),
        robyn_fixed_outputs_args(spec, plot_folder)
      )),
      log, warnings = context$warnings
    ))
  }
  list(
    input_collect = input_collect,
    output_models = output_models,
    output_collect = output_collect,
    version = paste("Robyn", robyn$version),
    plot_folder = plot_folder,
    timings = timings,
    allocate = robyn_allocate(robyn, spec, input_collect, output_collect, log, context$warnings)
  )
}

# Robyn's allocator for a model of these collections, as the engines return it: a function of the solID
# giving Robyn's allocator object, dt_optimOut and the optimiser's nlsMod (allocation-outputs.R reads both).
robyn_allocate <- function(robyn, spec, input_collect, output_collect, log, warnings) {
  function(select_model) {
    with_robyn_log(
      do.call(robyn$allocator, c(
        list(InputCollect = input_collect, OutputCollect = output_collect),
        robyn_allocator_args(spec, select_model)
      )),
      log, warnings = warnings
    )
  }
}
