# The spec's own holidays and seasonality switches on their way into robyn_inputs().

robyn_holidays <- function() {
  data.frame(
    ds = as.Date(c("2017-12-25", "2017-12-25", "2017-10-03")),
    holiday = c("Christmas Day", "Christmas Day", "German Unity Day"),
    country = c("DE", "US", "DE"), year = 2017L, stringsAsFactors = FALSE
  )
}
launch <- list(ds = "2017-08-09", holiday = "product launch")

test_that("dt_holidays reaches Robyn as its dt_holidays: the run country's rows with Robyn's own calendar", {
  spec <- demo_spec(list(dt_holidays = list(launch, list(ds = "2017-06-14", holiday = "lancement", country = "FR"))))
  args <- robyn_inputs_args(spec, demo_prepared(spec), build_hyperparameters(spec, "week"), robyn_holidays)
  frame <- args$dt_holidays
  expect_equal(names(frame), c("ds", "holiday", "country", "year"))
  expect_equal(frame$holiday, c("Christmas Day", "German Unity Day", "product launch"))
  expect_equal(frame$ds, as.Date(c("2017-12-25", "2017-10-03", "2017-08-09")))
  expect_equal(frame$country, rep("DE", 3))
  expect_equal(frame$year, rep(2017L, 3))
  expect_equal(args$prophet_country, "DE")
})

test_that("with country_holidays false the spec's rows alone are Robyn's dt_holidays", {
  spec <- demo_spec(list(dt_holidays = list(launch), country_holidays = FALSE))
  args <- robyn_inputs_args(spec, demo_prepared(spec), build_hyperparameters(spec, "week"), function() stop("not read"))
  expect_equal(args$dt_holidays$holiday, "product launch")
})

test_that("without dt_holidays Robyn keeps its own table and no custom parameter is passed", {
  spec <- demo_spec()
  args <- robyn_inputs_args(spec, demo_prepared(spec), build_hyperparameters(spec, "week"), function() stop("not read"))
  expect_null(args$dt_holidays)
  expect_false(any(c("yearly.seasonality", "weekly.seasonality", "daily.seasonality") %in% names(args)))
})

test_that("seasonality switches become robyn_inputs' custom Prophet parameters", {
  spec <- demo_spec(list(prophet_vars = list("trend", "holiday"), prophet_seasonality = list(yearly = TRUE, weekly = FALSE, daily = FALSE)))
  args <- robyn_inputs_args(spec, demo_prepared(spec), build_hyperparameters(spec, "week"))
  expect_identical(args$yearly.seasonality, TRUE)
  expect_identical(args$weekly.seasonality, FALSE)
  expect_false("daily.seasonality" %in% names(args))
})

test_that("settings that would be ignored or contradict prophet_vars are refused, as the app refuses them", {
  refused <- function(changes, pattern) expect_error(demo_spec(changes), pattern)
  refused(list(prophet_vars = list("trend"), dt_holidays = list(launch)), "dt_holidays has no effect without the holiday component")
  refused(list(prophet = "precomputed", dt_holidays = list(launch)), "dt_holidays has no effect with \"prophet\": \"precomputed\"")
  refused(list(country_holidays = FALSE), "country_holidays is false and there is no dt_holidays")
  refused(list(country_holidays = FALSE, dt_holidays = list(list(ds = "2017-08-09", holiday = "x", country = "FR"))), "no rows for country DE")
  refused(list(prophet_seasonality = list(yearly = FALSE)), "prophet_seasonality.yearly is false but prophet_vars asks for season")
  refused(list(prophet_seasonality = list(daily = TRUE)), "prophet_seasonality.daily")
  refused(list(dt_holidays = list(list(ds = "09/08/2017", holiday = "x"))), "dt_holidays")
})

test_that("a refresh through robyn_refresh gets the spec's dt_holidays too, and Robyn's own table without", {
  spec <- demo_spec(list(dt_holidays = list(launch), country_holidays = FALSE))
  args <- robyn_refresh_args(spec, demo_prepared(spec), "parent.json", tempdir(), 1L, function() stop("not read"))
  expect_equal(args$dt_holidays$holiday, "product launch")
  plain <- demo_spec()
  expect_null(robyn_refresh_args(plain, demo_prepared(plain), "parent.json", tempdir(), 1L)$dt_holidays)
})
