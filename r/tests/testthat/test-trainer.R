# The whole trainer with a fake Robyn (helper-fake-robyn.R), a local artifact folder and recorded events.
expect_events_valid <- function(events) {
  expect_equal(vapply(events, function(e) e$seq, integer(1)), seq_along(events))
  for (event in events) {
    expect_equal(validate_json(parse_json(to_json(event)), event_contract$event_schema), character(0), info = event$type)
  }
}

test_that("a run writes the native files, the summary, a final status and events in order", {
  run <- start_run(list(allocator = list(scenario = "max_response", channel_constr_low = 0.7, channel_constr_up = 1.5)))
  expect_equal(run$outcome, "succeeded")
  expect_equal(names(run$status), strings(native_contract$status$succeeded))
  expect_equal(run$status$state, "succeeded")
  output <- file.path(run$prefix, "output")
  for (file in names(native_contract$files)) {
    header <- strsplit(readLines(file.path(output, file), n = 1), ",")[[1]]
    expect_equal(header, strings(native_contract$files[[file]]), info = file)
  }
  summary <- run$read_json("output/model_summary.json")
  expect_equal(names(summary), strings(native_contract$model_summary$top))
  expect_equal(summary$engine_version, "Robyn 3.12.1 (fake)")
  expect_equal(summary$input_metadata$date_var, "DATE")
  expect_equal(summary$input_metadata$interval, "week")
  expect_true("fake warning from Robyn" %in% strings(summary$warnings))
  expect_true(summary$timings_seconds$total > 0)
  expect_true(file.exists(file.path(output, "onepagers", "1_1_1.png")))
  expect_true(file.exists(file.path(output, "pareto_front.png")))
  expect_true(file.exists(file.path(output, "robyn", "pareto_hyperparameters.csv")))
  allocation_file <- file.path(output, "allocator", paste0(summary$best_model$model_id, "_max_response.csv"))
  allocation <- utils::read.csv(allocation_file, check.names = FALSE, na.strings = "", stringsAsFactors = FALSE)
  expect_equal(names(allocation), strings(native_contract$allocator_columns))
  expect_equal(allocation$channels, strings(native_contract$demo$paid_media_vars))
  expect_equal(allocation$excluded, c(NA, NA, NA, NA, "zero_coef"))
  expect_equal(allocation$periods, rep("52 weeks", 5))
  log <- readLines(file.path(run$prefix, "log.txt"))
  expect_match(log[[1]], "training DE with Robyn: 150 iterations x 2 trials, 4 core\\(s\\)$")
  expect_match(log, "no country column in the data", all = FALSE)
  expect_match(log, "DECOMP.RSSD NOT converged", all = FALSE)
  expect_match(utils::tail(log, 1), "done: 8 Pareto models in 2 fronts, 3 clusters, best model 1_")

  types <- vapply(run$events, function(e) e$type, character(1))
  expect_equal(types[[1]], "started")
  expect_equal(run$events[[1]]$execution, "mmm-trainer-robyn-abc12")
  expect_equal(utils::tail(types, 1), "completed")
  phases <- vapply(run$events[types == "progress"], function(e) e$phase, character(1))
  expect_equal(phases[[1]], "preparing")
  expect_equal(utils::tail(phases, 1), "clustering")
  completed <- utils::tail(run$events, 1)[[1]]
  expect_null(completed$summary$pareto_models)
  expect_equal(completed$summary$best_model$model_id, summary$best_model$model_id)
  expect_events_valid(run$events)
  expect_equal(readLines(file.path(run$env$state_dir, paste0("mmm-events-", run_id, ".seq"))), as.character(length(run$events)))
  leftovers <- list.files(run$root, pattern = "\\.tmp$", recursive = TRUE, all.files = TRUE)
  expect_length(leftovers, 0)
})

test_that("a data problem fails the run with the reason, the log tail and a failed event", {
  run <- start_run(list(paid_media_spends = list("tv_S", "ooh_S", "print_S", "facebook_S", "search_spend")))
  expect_equal(run$outcome, "failed")
  expect_equal(names(run$status), strings(native_contract$status$failed))
  expect_match(run$status$reason, "^Column \"search_spend\" named in the spec is not in the data\\.")
  expect_match(run$status$log_tail, "failed: Column \"search_spend\"")
  last <- utils::tail(run$events, 1)[[1]]
  expect_equal(last$type, "failed")
  expect_equal(last$reason, run$status$reason)
  expect_events_valid(run$events)
})

test_that("an invalid spec and the wrong engine fail before Robyn", {
  expect_match(start_run(list(iterations = 0L))$status$reason, "^The run settings are not valid: iterations is 0")
  expect_match(start_run(list(engine = "native"))$status$reason, "asks for the native engine, but the Robyn trainer was started")
})

test_that("an unexpected error is reported as such, with the calls that led to it in the log", {
  run <- start_run(engine = fake_engine(fail = simpleError("subscript out of bounds")))
  expect_equal(run$outcome, "failed")
  expect_equal(run$status$reason, "The trainer failed unexpectedly: subscript out of bounds")
  log <- paste(readLines(file.path(run$prefix, "log.txt")), collapse = "\n")
  expect_match(log, "at engine\\(inputs\\$spec, inputs\\$prepared")
})

test_that("the training-time allocation is written where the app reads allocations", {
  run <- start_run(list(allocator = list(scenario = "max_response", channel_constr_low = 0.7, channel_constr_up = 1.5)))
  summary <- run$read_json("output/model_summary.json")
  best <- summary$best_model$model_id
  base <- file.path(run$prefix, "output", "allocator", paste0(best, "_max_response"))
  expect_true(file.exists(paste0(base, ".csv")))
  expect_true(file.exists(paste0(base, ".png")))
  expect_false(file.exists(paste0(base, "_reallocated.csv")))
  document <- run$read_json(file.path("output", "allocator", paste0(best, "_max_response.json")))
  expect_equal(document$solID, best)
  expect_equal(document$scenario, "max_response")
  expect_equal(document$intervalType, "week")
  expect_equal(document$dateRange, list(from = "2018-01-01", to = "2018-12-24", periods = 52))
  expect_equal(vapply(document$rows, function(r) r$channels, character(1)), strings(native_contract$demo$paid_media_vars))
  expect_equal(document$rows[[2]]$optmSpendUnit, 2.5)
  expect_null(document$rows[[1]]$excluded)
  expect_equal(document$rows[[5]]$excluded, "zero_coef")
  expect_equal(document$excluded, list(list(channel = document$rows[[5]]$channels, reason = "zero_coef")))
  expect_equal(document$totals$initSpendTotal, 900 * 52)
  expect_equal(document$totals$optmResponseTotal, 1300 * 52)
  expect_equal(document$totals$optmResponseUnitTotalLift, 1300 / 1200 - 1)
  expect_equal(document$bindingBounds, list())
  expect_false(any(grepl("optimiser", strings(summary$warnings))))
})

test_that("an optimiser that stops without an optimum is reported as a warning, in the summary and the event", {
  stopped <- list(status = -4L, message = "NLOPT_ROUNDOFF_LIMITED: Roundoff errors led to a breakdown of the optimization algorithm.")
  run <- start_run(list(allocator = json_object()), engine = fake_engine(optimiser = stopped))
  expect_equal(run$outcome, "succeeded")
  summary <- run$read_json("output/model_summary.json")
  best <- summary$best_model$model_id
  expected <- sprintf("Robyn's budget optimiser failed for model %s (nloptr status -4: NLOPT_ROUNDOFF_LIMITED", best)
  expect_true(any(startsWith(strings(summary$warnings), expected)))
  completed <- Filter(function(e) e$type == "completed", run$events)[[1]]
  expect_true(any(startsWith(strings(completed$summary$warnings), expected)))
  expect_true(file.exists(file.path(run$prefix, "output", "allocator", paste0(best, "_max_response.json"))))
  limit <- start_run(list(allocator = json_object()), engine = fake_engine(optimiser = list(status = 5L, message = "NLOPT_MAXEVAL_REACHED")))
  expect_match(strings(limit$read_json("output/model_summary.json")$warnings), "stopped at its limit before converging", all = FALSE)
})

test_that("an allocator failure keeps the models and is reported as a warning", {
  run <- start_run(list(allocator = json_object()), engine = fake_engine(allocation_error = "infeasible constraints"))
  expect_equal(run$outcome, "succeeded")
  summary <- run$read_json("output/model_summary.json")
  expect_match(strings(summary$warnings), "The budget allocator failed, the models are kept: infeasible constraints", all = FALSE)
})

test_that("a failed Robyn clustering (a message instead of clusters) keeps every Pareto model, with a warning", {
  no_clusters <- function(objects) {
    objects$output_collect$clusters <- "Not enough models to cluster (3 < 5 minimum): try more iterations"
    objects
  }
  run <- start_run(engine = fake_engine(adjust = no_clusters))
  expect_equal(run$outcome, "succeeded")
  summary <- run$read_json("output/model_summary.json")
  expect_equal(summary$clusters$k, 0L)
  expect_equal(summary$pareto_model_count, 8L)
  expect_match(strings(summary$warnings), "Robyn could not cluster the Pareto models \\(Not enough models to cluster", all = FALSE)
})

test_that("carryover_pct comes from Robyn's carryover shares and pos is written TRUE/FALSE", {
  robyn_style <- function(objects) {
    agg <- objects$output_collect$xDecompAgg
    agg$carryover_pct <- NULL
    agg$pos <- as.numeric(agg$pos)
    objects$output_collect$xDecompAgg <- agg
    objects$output_collect$resultHypParam$pos <- 1
    media <- unique(agg$rn[!is.na(agg$mean_carryover)])
    caov <- expand.grid(rn = media, solID = unique(agg$solID), stringsAsFactors = FALSE)
    both <- rbind(cbind(caov, type = "Immediate"), cbind(caov, type = "Carryover"))
    both$carryover_pct <- ifelse(both$type == "Carryover", match(both$rn, media) / 10, 0.99)
    objects$output_collect$allPareto$df_caov_pct <- both
    objects
  }
  run <- start_run(engine = fake_engine(adjust = robyn_style))
  expect_equal(run$outcome, "succeeded")
  output <- file.path(run$prefix, "output")
  aggregated <- utils::read.csv(file.path(output, "pareto_aggregated.csv"), check.names = FALSE, stringsAsFactors = FALSE)
  tv <- aggregated[aggregated$rn == "tv_S", ]
  expect_equal(unique(tv$carryover_pct), 0.1)
  expect_true(all(is.na(aggregated$carryover_pct[aggregated$rn == "(Intercept)"])))
  hyperparameters <- utils::read.csv(file.path(output, "pareto_hyperparameters.csv"), check.names = FALSE, stringsAsFactors = FALSE)
  expect_type(hyperparameters$pos, "logical")
  expect_type(aggregated$pos, "logical")
})

test_that("a missing state folder is created, so the failed event still goes out", {
  run <- start_run(engine = fake_engine(fail = "Robyn stopped"), state_dir_exists = FALSE)
  expect_equal(run$outcome, "failed")
  expect_equal(utils::tail(run$events, 1)[[1]]$type, "failed")
  expect_true(file.exists(file.path(run$env$state_dir, paste0("mmm-events-", run_id, ".seq"))))
})

test_that("an interrupt (a Cloud Run cancel) ends in status cancelled and a cancelled event", {
  interrupt <- function(context) {
    context$log$line("training")
    signalCondition(structure(class = c("interrupt", "condition"), list(message = "", call = NULL)))
  }
  run <- start_run(engine = fake_engine(fail = interrupt))
  expect_equal(run$outcome, "cancelled")
  expect_equal(run$status$state, "cancelled")
  expect_true(all(c("finished_at", "resources") %in% names(run$status)))
  last <- utils::tail(run$events, 1)[[1]]
  expect_equal(last$type, "cancelled")
  expect_events_valid(run$events)
})

test_that("the SIGTERM fallback marks a running run cancelled with the next event number, once", {
  source(file.path(r_root, "cancel.R"), local = TRUE)
  root <- tempfile()
  prefix <- file.path(root, "runs", run_id)
  dir.create(prefix, recursive = TRUE)
  writeLines(to_json(status_document("running", Sys.time())), file.path(prefix, "status.json"))
  state_dir <- tempfile()
  dir.create(state_dir)
  writeLines("7", file.path(state_dir, paste0("mmm-events-", run_id, ".seq")))
  sent <- list()
  env <- list(run_id = run_id, state_dir = state_dir)
  store <- local_artifact_store(root)
  expect_equal(mark_cancelled(env, store, function(event) sent[[length(sent) + 1]] <<- event), "cancelled")
  status <- parse_json(paste(readLines(file.path(prefix, "status.json"), warn = FALSE), collapse = ""))
  expect_equal(status$state, "cancelled")
  expect_equal(sent[[1]]$seq, 8L)
  expect_equal(sent[[1]]$type, "cancelled")
  expect_equal(mark_cancelled(env, store, function(event) stop("no second event")), "cancelled")
})

test_that("run_all.R runs a whole run from the environment and exits with the native codes", {
  root <- tempfile("artifacts-")
  prefix <- file.path(root, "runs", run_id)
  dir.create(prefix, recursive = TRUE)
  writeLines(demo_spec_text(list(engine = "native")), file.path(prefix, "spec.json"))
  file.copy(demo_data_file, file.path(prefix, "input.csv"))
  rscript <- file.path(R.home("bin"), "Rscript")
  env <- c(paste0("MMM_RUN_ID=", run_id), paste0("MMM_ARTIFACTS_DIR=", root), "MMM_CORES=2")
  code <- suppressWarnings(system2(rscript, file.path(r_root, "run_all.R"), env = env, stdout = TRUE, stderr = TRUE))
  expect_equal(attr(code, "status"), 1L)
  status <- parse_json(paste(readLines(file.path(prefix, "status.json"), warn = FALSE), collapse = ""))
  expect_equal(status$state, "failed")
  expect_match(status$reason, "asks for the native engine")
  expect_true(any(grepl("\"type\":\"failed\"", code, fixed = TRUE)))
  idle <- suppressWarnings(system2(rscript, file.path(r_root, "run_all.R"),
    env = c(env, "CLOUD_RUN_TASK_INDEX=1", "CLOUD_RUN_TASK_COUNT=2"), stdout = TRUE, stderr = TRUE))
  expect_null(attr(idle, "status"))
  expect_match(paste(idle, collapse = " "), "task 1 of 2: nothing to do")
  bad <- suppressWarnings(system2(rscript, file.path(r_root, "run_all.R"), env = "MMM_RUN_ID=latest", stdout = TRUE, stderr = TRUE))
  expect_equal(attr(bad, "status"), 2L)
})
