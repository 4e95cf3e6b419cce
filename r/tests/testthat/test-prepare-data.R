frame <- function(...) data.frame(..., check.names = FALSE, stringsAsFactors = FALSE)
base_spec <- function(...) {
  spec <- list(country = "DE", date_var = "auto", resample = "none", week_start = "monday", aggregations = character(0), data = NULL)
  changes <- list(...)
  for (name in names(changes)) spec[name] <- list(changes[[name]])
  # As normalise_spec does for a spec without a market: its country is its market.
  if (is.null(spec$market)) spec$market <- spec$country
  spec
}

test_that("the demo data is weekly, in order, with its date column found", {
  prepared <- demo_prepared()
  expect_equal(prepared$date_var, "DATE")
  expect_equal(prepared$interval, "week")
  expect_equal(prepared$rows, 208L)
  expect_s3_class(prepared$data$DATE, "Date")
  expect_equal(format(prepared$data$DATE[[1]]), "2015-11-23")
})

test_that("rows of the spec's country are kept, on a named or a usual country column", {
  df <- frame(date = rep(c("2020-01-06", "2020-01-13"), 2), COUNTRY = c("de", "de", "FR", "FR"), spend = 1:4)
  prepared <- prepare_data(df, base_spec())
  expect_equal(prepared$data$spend, c(1, 2))
  df$market_code <- df$COUNTRY
  df$COUNTRY <- NULL
  expect_equal(prepare_data(df, base_spec(country = "FR", data = list(table = "t", country_column = "MARKET_CODE")))$data$spend, c(3, 4))
  expect_error(prepare_data(df, base_spec(data = list(table = "t", country_column = "LAND"))), "The country column \"LAND\" is not in the data")
  df$COUNTRY <- df$market_code
  expect_error(prepare_data(df, base_spec(country = "US")), "no rows for country US in column \"COUNTRY\" \\(it holds DE, FR\\)")
})

test_that("data without a country column is used whole, and the log says so", {
  lines <- character(0)
  prepare_data(frame(date = c("2020-01-06", "2020-01-13"), x = 1:2), base_spec(), function(text) lines <<- c(lines, text))
  expect_match(lines, "no country column in the data: it is taken to hold DE only")
})

test_that("dates are found, parsed and checked", {
  expect_error(
    prepare_data(frame(a = c("2020-01-06", "2020-01-13"), b = c("2020-01-06", "2020-01-13")), base_spec()),
    "Several columns hold dates \\(a, b\\)"
  )
  expect_error(prepare_data(frame(x = 1:2), base_spec()), "No column of the data holds only dates")
  expect_error(prepare_data(frame(day = c("2020-01-06", "soon"), x = 1:2), base_spec(date_var = "day")), "Row 2 of the date column \"day\" holds \"soon\"")
  expect_error(prepare_data(frame(day = c("2020-01-06"), x = 1), base_spec(date_var = "when")), "Column \"when\" named in date_var is not in the data")
  expect_error(prepare_data(frame(d = c("2020-01-06", "2020-01-09", "2020-01-12"), x = 1:3), base_spec()), "are 3 days apart")
})

test_that("rows come out in date order and gaps are refused", {
  prepared <- prepare_data(frame(d = c("2020-01-13", "2020-01-06", "2020-01-20"), x = c(2, 1, 3)), base_spec())
  expect_equal(prepared$data$x, c(1, 2, 3))
  expect_error(prepare_data(frame(d = c("2020-01-06", "2020-01-13", "2020-01-27"), x = 1:3), base_spec()), "1 week\\(s\\) are missing .* \\(first missing: 2020-01-20\\)")
  expect_error(prepare_data(frame(d = c("2020-01-01", "2020-02-01", "2020-04-01"), x = 1:3), base_spec()), "month\\(s\\) are missing .*2020-03-01")
})

test_that("the frequency is the most common step, so a missing first period does not make it 14 days", {
  expect_error(
    prepare_data(frame(d = c("2020-01-06", "2020-01-20", "2020-01-27", "2020-02-03"), x = 1:4), base_spec()),
    "1 week\\(s\\) are missing"
  )
})

test_that("rows sharing a date are merged: numbers by their aggregation, text by the most frequent value", {
  df <- frame(
    d = c("2024-01-01", "2024-01-01", "2024-01-02", "2024-01-03", "2024-01-03", "2024-01-03"),
    sales = c(100, 50, 80, 60, 40, 20), tv_S = c(10, NA, 5, 1, 2, 3), price = c(2, 4, 3, 1, 2, 6),
    region = c("north", "north", "north", "north", "south", "south")
  )
  lines <- character(0)
  prepared <- prepare_data(df, base_spec(aggregations = c(price = "mean")), function(text) lines <<- c(lines, text))
  expect_equal(prepared$data$sales, c(150, 80, 120))
  expect_equal(prepared$data$tv_S, c(10, 5, 6))
  expect_equal(prepared$data$price, c(3, 3, 3))
  expect_equal(prepared$data$region, c("north", "north", "south"))
  expect_equal(prepared$interval, "day")
  expect_match(lines, "merged 3 rows sharing 2 date\\(s\\) \\(first: 2024-01-01\\)", all = FALSE)
})

test_that("daily data resampled to weeks drops partial weeks and aggregates each column as the spec says", {
  days <- format(as.Date("2020-01-01") + 0:20) # Wednesday 1 January to Tuesday 21 January
  df <- frame(d = days, spend = rep(1, 21), price = 1:21, peak = 1:21, low = 1:21, note = c(rep("a", 10), rep("b", 11)))
  spec <- base_spec(resample = "week", week_start = "monday", aggregations = c(price = "mean", peak = "max", low = "min"))
  lines <- character(0)
  prepared <- prepare_data(df, spec, function(text) lines <<- c(lines, text))
  expect_equal(format(prepared$data$d), c("2020-01-06", "2020-01-13"))
  expect_equal(prepared$data$spend, c(7, 7))
  expect_equal(prepared$data$price, c(9, 16))
  expect_equal(prepared$data$peak, c(12, 19))
  expect_equal(prepared$data$low, c(6, 13))
  expect_equal(prepared$data$note, c("a", "b"))
  expect_equal(prepared$interval, "week")
  expect_match(lines, "dropped partial week\\(s\\) starting 2019-12-30, 2020-01-20", all = FALSE)
  sunday <- prepare_data(df, base_spec(resample = "week", week_start = "sunday"))
  expect_equal(format(sunday$data$d), c("2020-01-05", "2020-01-12"))
})

test_that("weekly data resampled to months splits weeks across months by days", {
  weeks <- format(as.Date("2019-12-30") + 7 * 0:9) # Mondays 30 December to 2 March
  df <- frame(d = weeks, spend = rep(7, 10), price = c(rep(1, 5), rep(2, 5)))
  prepared <- prepare_data(df, base_spec(resample = "month", aggregations = c(price = "mean")))
  expect_equal(format(prepared$data$d), c("2020-01-01", "2020-02-01"))
  expect_equal(prepared$data$spend, c(31, 29))
  expect_equal(prepared$interval, "month")
  expect_equal(prepared$data$price, c(1, (1 * 2 + 2 * 27) / 29))
})

test_that("data already at the frequency is left alone; monthly data cannot become weekly", {
  weekly <- demo_prepared()
  same <- prepare_data(read_input_csv(demo_data_file), base_spec(resample = "week", week_start = "sunday"))
  expect_equal(same$data, weekly$data)
  expect_error(
    prepare_data(frame(d = c("2020-01-01", "2020-02-01", "2020-03-01"), x = 1:3), base_spec(resample = "week")),
    "The data is monthly, so it cannot be resampled to weeks"
  )
  expect_error(
    prepare_data(frame(d = format(as.Date("2020-01-02") + 0:5), x = 1), base_spec(resample = "week")),
    "holds no complete week"
  )
})

test_that("large integer columns are summed exactly", {
  df <- frame(d = c("2020-01-06", "2020-01-06", "2020-01-13"), x = c(.Machine$integer.max, 5L, 1L))
  prepared <- prepare_data(df, base_spec())
  expect_equal(prepared$data$x, c(as.numeric(.Machine$integer.max) + 5, 1))
})

test_that("the input file keeps its header, reads missing values and refuses duplicate names", {
  path <- tempfile(fileext = ".csv")
  writeLines(c("DATE,spend,note", "2020-01-06,NA,x", "2020-01-13,Inf,"), path)
  df <- read_input_csv(path)
  expect_equal(names(df), c("DATE", "spend", "note"))
  expect_true(is.na(df$spend[[1]]))
  expect_equal(df$spend[[2]], Inf)
  writeLines(c("a,a", "1,2", "3,4"), path)
  expect_error(read_input_csv(path), "two columns named \"a\"")
})
