test_that("names sort as the native engine sorts them (ICU root collation)", {
  expected <- strings(native_contract$name_order)
  expect_equal(sort_names(rev(expected)), expected)
  expect_equal(sort_names(sample(expected)), expected)
})

test_that("the demo's hyperparameters pass through, without train_size and with lambda searched", {
  spec <- demo_spec()
  built <- build_hyperparameters(spec, "week")
  expect_equal(built$values$tv_S_thetas, c(0.3, 0.8))
  expect_equal(built$values$facebook_I_alphas, c(0.5, 3))
  expect_null(built$values$train_size)
  expect_null(built$values$lambda)
  expect_equal(built$names, c(media_hyperparameter_names("geometric", built$media), "train_size", "lambda"))
  expect_equal(built$media, c("tv_S", "ooh_S", "print_S", "facebook_I", "search_clicks_P", "newsletter"))
  expect_false(built$all_fixed)
  expect_length(built$searched, 18)
})

test_that("presets fill missing ranges by channel type and data frequency", {
  spec <- demo_spec(list(hyperparameters = setNames(list(), character(0))))
  weekly <- build_hyperparameters(spec, "week")$values
  expect_equal(weekly$tv_S_thetas, c(0.3, 0.8))
  expect_equal(weekly$ooh_S_thetas, c(0.1, 0.4))
  expect_equal(weekly$print_S_thetas, c(0.1, 0.4))
  expect_equal(weekly$facebook_I_thetas, c(0, 0.3))
  expect_equal(weekly$newsletter_alphas, c(0.5, 3))
  expect_equal(weekly$newsletter_gammas, c(0.3, 1))
  daily <- build_hyperparameters(spec, "day")$values
  expect_equal(daily$tv_S_thetas, c(0.3^(1 / 7), min(0.8^(1 / 7), 0.99)))
  monthly <- build_hyperparameters(spec, "month")$values
  expect_equal(monthly$ooh_S_thetas, c(0.1^(30.4 / 7), 0.4^(30.4 / 7)))
  defaults <- build_hyperparameters(demo_spec(list(hyperparameters = setNames(list(), character(0)), hyperparameter_preset = "robyn_defaults")), "week")$values
  expect_equal(defaults$tv_S_thetas, c(0, 0.8))
  expect_equal(defaults$tv_S_gammas, c(0.01, 1))
})

test_that("Weibull models get shapes and scales instead of thetas", {
  spec <- demo_spec(list(adstock = "weibull_pdf", hyperparameters = setNames(list(), character(0))))
  built <- build_hyperparameters(spec, "week")
  expect_true(all(c("tv_S_shapes", "tv_S_scales") %in% names(built$values)))
  expect_false(any(grepl("thetas", names(built$values))))
  expect_equal(built$values$tv_S_shapes, c(0.0001, 10))
  expect_equal(built$values$tv_S_scales, c(0, 0.1))
})

test_that("time-series validation searches train_size; a fixed value or equal ends fix an entry", {
  built <- build_hyperparameters(demo_spec(list(ts_validation = TRUE)), "week")
  expect_equal(built$values$train_size, c(0.5, 0.8))
  hyper <- native_contract$demo$spec$hyperparameters
  hyper$tv_S_alphas <- list(0.7, 0.7)
  hyper$train_size <- list(0.6, 0.9)
  hyper$lambda <- 0.5
  built <- build_hyperparameters(demo_spec(list(ts_validation = TRUE, hyperparameters = hyper)), "week")
  expect_equal(built$values$tv_S_alphas, 0.7)
  expect_equal(built$values$train_size, c(0.6, 0.9))
  expect_equal(built$values$lambda, 0.5)
})

test_that("a model with every value fixed is one model; a single lambda is the absolute penalty", {
  names <- media_hyperparameter_names("geometric", c("tv_S", "ooh_S", "print_S", "facebook_I", "search_clicks_P", "newsletter"))
  fixed <- setNames(lapply(names, function(n) if (grepl("thetas", n)) 0.2 else 0.5), names)
  fixed$lambda <- 1000
  built <- build_hyperparameters(demo_spec(list(hyperparameters = fixed)), "week")
  expect_true(built$all_fixed)
  expect_true(built$lambda_absolute)
  expect_equal(built$values$lambda, 1000)
  expect_length(built$searched, 0)
  # A pair with equal ends is still a share; without lambda, lambda is searched and the model is not fixed.
  fixed$lambda <- list(0.3, 0.3)
  share <- build_hyperparameters(demo_spec(list(hyperparameters = fixed)), "week")
  expect_true(share$all_fixed)
  expect_false(share$lambda_absolute)
  expect_equal(share$values$lambda, 0.3)
  fixed$lambda <- NULL
  expect_false(build_hyperparameters(demo_spec(list(hyperparameters = fixed)), "week")$all_fixed)
  fixed$lambda <- -1
  expect_error(build_hyperparameters(demo_spec(list(hyperparameters = fixed)), "week"), "lambda is -1, outside the allowed range \\[0, Inf\\)")
  fixed$lambda <- list(0, 5000)
  expect_error(build_hyperparameters(demo_spec(list(hyperparameters = fixed)), "week"), "lambda is 5000, outside the allowed range \\[0, 1\\]")
})

test_that("unknown names, values outside Robyn's limits and reversed ranges are refused", {
  expect_error(
    build_hyperparameters(demo_spec(list(hyperparameters = list(facebook_S_alphas = list(0.5, 3)))), "week"),
    "match no medium of this geometric model: facebook_S_alphas"
  )
  expect_error(
    build_hyperparameters(demo_spec(list(hyperparameters = list(tv_S_thetas = list(0, 1)))), "week"),
    "hyperparameters.tv_S_thetas is 1, outside the allowed range \\[0, 1\\) for thetas"
  )
  expect_error(
    build_hyperparameters(demo_spec(list(hyperparameters = list(tv_S_alphas = list(2, 1)))), "week"),
    "is \\[2, 1\\]: the lower end must not exceed the upper end"
  )
})

test_that("penalty factors pass through to Robyn with add_penalty_factor, and are refused without", {
  hyper <- native_contract$demo$spec$hyperparameters
  hyper$tv_S_penalty <- 0.4
  hyper$competitor_sales_B_penalty <- list(0.2, 0.9)
  built <- build_hyperparameters(demo_spec(list(add_penalty_factor = TRUE, hyperparameters = hyper)), "week")
  expect_equal(built$values$tv_S_penalty, 0.4)
  expect_equal(built$values$competitor_sales_B_penalty, c(0.2, 0.9))
  expect_true("competitor_sales_B_penalty" %in% built$searched)
  expect_error(
    build_hyperparameters(demo_spec(list(hyperparameters = hyper)), "week"),
    "match no medium of this geometric model: tv_S_penalty, competitor_sales_B_penalty"
  )
  hyper$tv_S_penalty <- 2
  expect_error(
    build_hyperparameters(demo_spec(list(add_penalty_factor = TRUE, hyperparameters = hyper)), "week"),
    "hyperparameters.tv_S_penalty is 2, outside the allowed range \\[0, 1\\] for penalty"
  )
  fixed <- setNames(lapply(media_hyperparameter_names("geometric", built$media), function(n) 0.5), media_hyperparameter_names("geometric", built$media))
  fixed$lambda <- 100
  expect_false(build_hyperparameters(demo_spec(list(add_penalty_factor = TRUE, hyperparameters = fixed)), "week")$all_fixed)
})
