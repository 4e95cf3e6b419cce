test_that("the demo spec reads with defaults, an upper-case country and vectors of names", {
  spec <- demo_spec(list(country = "de"))
  expect_equal(spec$country, "DE")
  expect_equal(spec$engine, "robyn")
  expect_equal(spec$paid_media_vars, c("tv_S", "ooh_S", "print_S", "facebook_I", "search_clicks_P"))
  expect_equal(spec$organic_vars, "newsletter")
  expect_equal(spec$prophet_vars, c("trend", "season", "holiday"))
  expect_equal(spec$hyperparameters$tv_S_thetas, c(0.3, 0.8))
  expect_equal(spec$resample, "none")
  expect_equal(spec$seed, 123L)
  expect_null(spec$allocator)
})

test_that("problems are listed as the app lists them, with the first field", {
  error <- tryCatch(demo_spec(list(country = "DEU", iterations = 0L)), error = identity)
  expect_true(is_input_error(error))
  expect_equal(error$field, "country")
  expect_match(conditionMessage(error), "^The run settings are not valid: country .*; iterations is 0, below the minimum 1\\.$")
})

test_that("the cross-field rules of the zod schema are checked", {
  expect_error(demo_spec(list(paid_media_vars = list("tv_S"))), "paid_media_vars has 1 entries but paid_media_spends has 5")
  expect_error(demo_spec(list(paid_media_signs = list("positive"))), "paid_media_signs has 1 entries but there are 5 variables")
  expect_error(demo_spec(list(factor_vars = list("newsletter"))), "\"newsletter\" is a factor variable but not a context variable")
  expect_error(demo_spec(list(organic_vars = list("tv_S"))), "column \"tv_S\" is used both as paid_media_spends and as organic_vars")
  expect_error(demo_spec(list(window_end = "2015-01-01")), "window_end \\(2015-01-01\\) is before window_start")
  expect_error(demo_spec(list(prophet_vars = list("trend", "trend"))), "prophet_vars lists the same component twice")
})

test_that("text that is not JSON, or not an object, is refused", {
  expect_error(parse_run_spec("{", run_spec_schema), "spec.json is not valid JSON")
  expect_error(parse_run_spec("[1]", run_spec_schema), "must hold a JSON object")
})

test_that("allocator settings become numeric vectors", {
  spec <- demo_spec(list(allocator = list(channel_constr_low = 0.7, channel_constr_up = list(1.2, 1.5, 1.5, 1.5, 1.5), date_range = list("2018-01-01", "2018-12-31"))))
  expect_equal(spec$allocator$channel_constr_up, c(1.2, 1.5, 1.5, 1.5, 1.5))
  expect_equal(spec$allocator$date_range, c("2018-01-01", "2018-12-31"))
  expect_equal(spec$allocator$scenario, "max_response")
})
