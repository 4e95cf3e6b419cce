test_that("CSV cells follow the native writer: NA, Inf, TRUE/FALSE, dates, quotes only when needed", {
  df <- data.frame(
    a = c(1.5, NA, Inf, -Inf, NaN), b = c("x,y", "say \"hi\"", NA, "z", "line\nbreak"), c = c(TRUE, FALSE, NA, TRUE, TRUE),
    d = as.Date("2016-01-04") + 0:4, e = c(1L, 2L, NA, 4L, 5L), check.names = FALSE, stringsAsFactors = FALSE
  )
  expect_equal(to_csv(df), paste0(
    "a,b,c,d,e\n1.5,\"x,y\",TRUE,2016-01-04,1\nNA,\"say \"\"hi\"\"\",FALSE,2016-01-05,2\n",
    "Inf,NA,NA,2016-01-06,NA\n-Inf,z,TRUE,2016-01-07,4\nNA,\"line\nbreak\",TRUE,2016-01-08,5\n"
  ))
  expect_equal(to_csv(data.frame(a = c(1, NA)), na = ""), "a\n1\n\n")
  expect_equal(to_csv(data.frame(decomp.rssd = numeric(0), check.names = FALSE)), "decomp.rssd\n")
})

test_that("numbers are written at full precision and read back exactly", {
  values <- c(0.1 + 0.2, 1 / 3, 2754371.66666667, 65481090.25336266, 1e-7, 1e21, 123456789012, -0.5, 0)
  text <- format_number(values)
  expect_identical(read_doubles_exactly(text), values)
  expect_equal(text[c(1, 5, 6, 7, 9)], c("0.30000000000000004", "1e-7", "1e+21", "123456789012", "0"))
})

test_that("JSON is written as JSON.stringify writes it", {
  value <- list(a = 1, b = 0.1 + 0.2, c = NULL, d = NA, e = list(), f = json_object(), g = c(1, 2), h = "K\u00f6ln \"x\"\n\t",
    i = TRUE, j = json_array("one"), k = Inf)
  expect_equal(
    to_json(value),
    "{\"a\":1,\"b\":0.30000000000000004,\"c\":null,\"d\":null,\"e\":[],\"f\":{},\"g\":[1,2],\"h\":\"K\u00f6ln \\\"x\\\"\\n\\t\",\"i\":true,\"j\":[\"one\"],\"k\":null}"
  )
  expect_equal(to_json(list(a = list(1, 2), b = json_object()), pretty = TRUE), "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}")
  expect_equal(to_json(list(x = "\001")), "{\"x\":\"\\u0001\"}")
  expect_equal(parse_json(to_json(value))$h, value$h)
})

test_that("numbers round-trip exactly through a correctly rounded reader, as JavaScript reads them", {
  # Doubles whose 16-digit text R's own parser reads back as the same double while a correctly rounded
  # reader (JavaScript, jsonlite's strtod) gets its neighbour: JavaScript's String() of each is expected.
  hard <- c(0x1.e735325848p+8, 0x1.ab1f68a6acp+12, 0x1.ebf5ac499999ap-5, 0x1.e987f8a6acp+12, 0x1.416d025954p+12, 0x1.b60e833b645a2p-13)
  expect_equal(format_number(hard), c(
    "487.20779945142567", "6833.9630495756865", "0.060053669451735917", "7832.4982058256865",
    "5142.8130734711885", "0.00020888170716352761"
  ))
  set.seed(3)
  x <- c(runif(20000) * 10^sample(-3:6, 20000, TRUE), runif(2000, 1, 10) * 10^sample(-300:300, 2000, TRUE))
  expect_identical(read_doubles_exactly(format_number(x)), x)
  expect_identical(unlist(parse_json(to_json(as.list(x)))), x)
  # Still the shortest text where it reads back.
  expect_equal(format_number(c(0.1, 1 / 3, 1e-7, 123456789012)), c("0.1", "0.3333333333333333", "1e-7", "123456789012"))
})
