# A refresh spec through the whole trainer with Robyn's robyn_refresh() faked (helper-fake-robyn.R): the
# parent's JSON the app put beside the spec reaches robyn_refresh() with the spec's steps, iterations,
# trials and bounds freedom; the run writes the native files, Robyn's pick as the best model, refresh_of,
# and output/refresh_report.json with the refit (the parent's hyperparameters on the new window).

parent_json_text <- to_json(list(
  InputCollect = list(
    date_var = "DATE", window_start = "2016-01-04", window_end = "2018-12-31", rollingWindowLength = 157L
  ),
  ExportedModel = list(select_model = "2_10_3")
))

refresh_block <- function(spec = demo_spec()) {
  hyperparameters <- build_hyperparameters(spec, "week")
  # The parent's value of each hyperparameter it has (no train_size without time-series validation).
  names <- setdiff(hyperparameters$names, if (is.null(hyperparameters$values$train_size)) "train_size")
  values <- lapply(names, function(name) {
    range <- hyperparameters$values[[name]]
    if (name == "lambda") 1200 else if (length(range) == 2) mean(range) else range
  })
  paid <- paid_media_vars_of(spec)
  list(
    of = list(run = "20261101T060000Z-de-000001", model = "2_10_3"),
    steps = 4L,
    freedom = 0.025,
    added_start = "2019-01-07",
    parent = list(
      window_start = "2016-01-04", window_end = "2018-12-31", window_rows = 157L,
      hyperparameters = stats::setNames(values, names),
      decomposition = list(tv_S = 0.2, ooh_S = 0.1),
      channels = lapply(seq_along(paid), function(i) {
        list(
          channel = paid[[i]], roi_total = 1, cpa_total = 1, effect_share = 0.2, spend_share = 0.2,
          mean_spend = 50, mroi = 0.5, interval = if (i == 1) list(low = 0.05, up = 0.5)
        )
      })
    ),
    restated = list(list(column = "revenue", periods = 2L, first_date = "2018-01-01", last_date = "2018-01-08"))
  )
}

# robyn_engine() with Robyn's refresh and run faked; `fakes` keeps them to look at the calls afterwards.
refresh_engine <- function(fakes) {
  function(spec, prepared, hyperparameters, context) {
    fakes$refresh <- fake_robyn_refresh(spec, hyperparameters)
    fakes$run <- fake_fixed_run(spec, hyperparameters, roi = 0.9)
    api <- list(
      version = "3.12.1", python = function() "1.26.4", refresh = fakes$refresh$refresh, run = fakes$run$run,
      allocator = function(...) stop("no allocator in this test")
    )
    robyn_engine(spec, prepared, hyperparameters, context, api)
  }
}

test_that("a refresh spec goes through robyn_refresh and writes the native files and the refresh report", {
  fakes <- new.env()
  run <- start_run(
    list(refresh = refresh_block()), refresh_engine(fakes),
    files = stats::setNames(list(parent_json_text), REFRESH_PARENT_FILE)
  )
  expect_equal(run$outcome, "succeeded", info = paste(readLines(file.path(run$prefix, "log.txt")), collapse = "\n"))

  # robyn_refresh() got the parent's file under its robyn_write() name and the spec's settings.
  call <- fakes$refresh$calls()[[1]]
  expect_equal(basename(call$json_file), "RobynModel-2_10_3.json")
  expect_equal(call$refresh_steps, 4L)
  expect_equal(call$refresh_mode, "manual")
  expect_equal(call$refresh_iters, 150L)
  expect_equal(call$refresh_trials, 2L)
  expect_equal(call$bounds_freedom, 0.025)
  expect_false(call$version_prompt)
  expect_equal(call$cores, 4L)
  expect_equal(nrow(call$dt_input), 208)
  # The refit: the parent's hyperparameters, fixed, on Robyn's refresh InputCollect (the moved window).
  refit <- fakes$run$calls()[[1]]
  expect_equal(refit$InputCollect$window_start, as.Date("2016-02-01"))
  expect_equal(refit$dt_hyper_fixed$lambda, 1200)
  expect_equal(refit$dt_hyper_fixed$tv_S_thetas, mean(unlist(demo_spec()$hyperparameters$tv_S_thetas)))

  output <- file.path(run$prefix, "output")
  for (file in names(native_contract$files)) expect_true(file.exists(file.path(output, file)), info = file)
  summary <- run$read_json("output/model_summary.json")
  expect_equal(names(summary), c(strings(native_contract$model_summary$top), "refresh_of"))
  expect_equal(summary$refresh_of, list(run = "20261101T060000Z-de-000001", model = "2_10_3"))
  # Robyn's pick, the lowest DECOMP.RSSD of the Pareto models (the fake's last Pareto row), is the best model.
  pareto <- utils::read.csv(file.path(output, "pareto_hyperparameters.csv"), stringsAsFactors = FALSE)
  expect_equal(summary$best_model$model_id, pareto$solID[which.min(pareto$decomp.rssd)])
  expect_equal(summary$best_model$model_id, "1_8_1")
  expect_true(file.exists(file.path(output, "robyn", "RobynModel-1_8_1.json")))

  report <- run$read_json("output/refresh_report.json")
  expect_equal(names(report), c("refresh_of", "model", "metric", "steps", "freedom", "window", "channels", "restated", "summary"))
  expect_equal(report$model, "1_8_1")
  expect_equal(report$window$before, list(start = "2016-01-04", end = "2018-12-31"))
  expect_equal(report$window$after, list(start = "2016-02-01", end = "2019-01-28"))
  tv <- report$channels[[1]]
  expect_equal(tv$channel, paid_media_vars_of(demo_spec())[[1]])
  expect_equal(tv$before$value, 1)
  expect_equal(tv$refit$value, 0.9)
  after <- tv$after$value
  expect_equal(tv$change, after - 1)
  expect_equal(tv$explained_by_new_data, 0.1 / (0.1 + abs(after - 0.9)))
  expect_equal(tv$outside_previous_interval, after < 0.05 || after > 0.5)
  expect_match(report$summary[[1]], "^Refreshed 2_10_3 of run 20261101T060000Z-de-000001 with 4 new week\\(s\\)")
  expect_true("revenue was restated for 2 old week(s) (2018-01-01 to 2018-01-08)." %in% strings(report$summary))
  log <- readLines(file.path(run$prefix, "log.txt"))
  expect_match(log, "robyn: >>> New bounds freedom: 2.5%", fixed = TRUE, all = FALSE)
  expect_match(log, "robyn_refresh selected 1_8_1 (lowest DECOMP.RSSD)", fixed = TRUE, all = FALSE)
  expect_match(log, "Z refresh: Refreshed 2_10_3", fixed = TRUE, all = FALSE)
})

test_that("Robyn's refusal of a refresh (too many steps) fails the run with Robyn's reason", {
  fakes <- new.env()
  block <- refresh_block()
  block$steps <- 157L
  run <- start_run(
    list(refresh = block), refresh_engine(fakes),
    files = stats::setNames(list(parent_json_text), REFRESH_PARENT_FILE)
  )
  expect_equal(run$outcome, "failed")
  expect_match(run$status$reason, "Refresh input data is completely new")
  expect_false(file.exists(file.path(run$prefix, "output", "refresh_report.json")))
})

test_that("a native refresh report is rebuilt word for word from its figures (contract fixture)", {
  case <- refresh_contract$refresh_report
  expected <- case$report
  by_channel <- function(field) {
    stats::setNames(lapply(expected$channels, function(c) c[[field]]), vapply(expected$channels, function(c) c$channel, character(1)))
  }
  rebuilt <- build_refresh_report(
    case$refresh, case$dep_var_type, case$period, expected$window$after, expected$model, by_channel("after"), by_channel("refit")
  )
  expect_equal(parse_json(to_json(rebuilt)), expected)
})

test_that("the parent's file name is the run-folder contract's", {
  expect_equal(REFRESH_PARENT_FILE, refresh_contract$run_files$refreshParentModel)
})
