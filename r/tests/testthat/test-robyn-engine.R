# robyn_engine()'s sequence of Robyn calls, with Robyn's functions replaced by recorders: which calls a
# fixed and a searched spec make, with which lambda, and that nevergrad is needed only for a search.

recording_robyn <- function(lambda_range = c(min = 10, max = 100010)) {
  calls <- list()
  record <- function(name, value) {
    function(...) {
      calls[[length(calls) + 1]] <<- list(name = name, args = list(...))
      value
    }
  }
  api <- list(
    version = "3.12.1",
    python = function() {
      calls[[length(calls) + 1]] <<- list(name = "python", args = list())
      "1.26.4"
    },
    inputs = function(...) {
      args <- list(...)
      calls[[length(calls) + 1]] <<- list(name = "inputs", args = args)
      list(dt_mod = data.frame(ds = 1:3, dep_var = 1:3, x = 3:1), hyperparameters = args$hyperparameters)
    },
    run = record("run", list(kind = "robyn run")),
    outputs = record("outputs", list(kind = "robyn outputs")),
    allocator = record("allocator", list(dt_optimOut = data.frame())),
    lambda_range = function(dt_mod) lambda_range
  )
  list(api = api, calls = function() calls, names = function() vapply(calls, function(c) c$name, character(1)))
}

engine_context <- function() {
  lines <- character(0)
  list(
    log = list(line = function(text) lines <<- c(lines, text), lines = function() lines),
    warnings = collector(), cores = 2L, work_dir = tempfile("engine-"), progress = function(...) NULL
  )
}

all_fixed_values <- function(lambda) {
  names <- media_hyperparameter_names("geometric", c("tv_S", "ooh_S", "print_S", "facebook_I", "search_clicks_P", "newsletter"))
  values <- setNames(lapply(names, function(n) if (grepl("thetas", n)) 0.2 else 0.5), names)
  values$lambda <- lambda
  values
}

test_that("a fully fixed spec fits one model through dt_hyper_fixed, without nevergrad or clustering", {
  spec <- demo_spec(list(hyperparameters = all_fixed_values(12345)))
  prepared <- demo_prepared(spec)
  hyperparameters <- build_hyperparameters(spec, prepared$interval)
  robyn <- recording_robyn()
  context <- engine_context()
  result <- robyn_engine(spec, prepared, hyperparameters, context, robyn$api)
  expect_equal(robyn$names(), c("inputs", "run"))
  run <- robyn$calls()[[2]]$args
  fixed <- run$dt_hyper_fixed
  expect_equal(nrow(fixed), 1)
  expect_equal(names(fixed), hyperparameters$names)
  expect_equal(fixed$lambda, 12345)
  expect_equal(fixed$train_size, 1)
  expect_equal(fixed$tv_S_thetas, 0.2)
  expect_null(run$clusters)
  expect_equal(run$plot_folder, file.path(context$work_dir, "robyn"))
  expect_equal(result$output_collect, list(kind = "robyn run"))
  expect_match(context$log$lines(), "numpy not needed \\(every hyperparameter is fixed\\)", all = FALSE)
})

test_that("a fixed share (a pair with equal ends) becomes Robyn's absolute penalty for dt_hyper_fixed", {
  spec <- demo_spec(list(hyperparameters = all_fixed_values(list(0.25, 0.25))))
  prepared <- demo_prepared(spec)
  robyn <- recording_robyn(lambda_range = c(min = 10, max = 100010))
  robyn_engine(spec, prepared, build_hyperparameters(spec, prepared$interval), engine_context(), robyn$api)
  expect_equal(robyn$calls()[[2]]$args$dt_hyper_fixed$lambda, 10 + 0.25 * 100000)
})

test_that("a search with an absolute lambda hands Robyn the share of Robyn's own lambda range", {
  hyper <- native_contract$demo$spec$hyperparameters
  hyper$lambda <- 25010
  spec <- demo_spec(list(hyperparameters = hyper))
  prepared <- demo_prepared(spec)
  robyn <- recording_robyn(lambda_range = c(min = 10, max = 100010))
  robyn_engine(spec, prepared, build_hyperparameters(spec, prepared$interval), engine_context(), robyn$api)
  expect_equal(robyn$names(), c("python", "inputs", "run", "outputs"))
  run <- robyn$calls()[[3]]$args
  expect_equal(run$InputCollect$hyperparameters$lambda, 0.25)
  expect_null(run$dt_hyper_fixed)
  expect_true(robyn$calls()[[4]]$args$clusters)
})

test_that("the engine hands Robyn's table and the switches to robyn_inputs", {
  spec <- demo_spec(list(dt_holidays = list(list(ds = "2017-08-09", holiday = "product launch")), prophet_seasonality = list(weekly = TRUE)))
  prepared <- demo_prepared(spec)
  robyn <- recording_robyn()
  api <- robyn$api
  api$holidays <- function() {
    data.frame(ds = as.Date("2017-12-25"), holiday = "Christmas Day", country = "DE", year = 2017L)
  }
  robyn_engine(spec, prepared, build_hyperparameters(spec, prepared$interval), engine_context(), api)
  inputs <- robyn$calls()[[match("inputs", robyn$names())]]$args
  expect_equal(inputs$dt_holidays$holiday, c("Christmas Day", "product launch"))
  expect_identical(inputs$weekly.seasonality, TRUE)
})
