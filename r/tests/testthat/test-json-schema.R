test_that("the demo spec is valid and every schema keyword is implemented", {
  expect_equal(validate_json(parse_json(demo_spec_text()), run_spec_schema), character(0))
})

test_that("each kind of violation is reported with the field", {
  check <- function(changes, pattern) {
    value <- parse_json(demo_spec_text())
    for (name in names(changes)) value[name] <- list(changes[[name]])
    problems <- validate_json(value, run_spec_schema)
    expect_true(any(grepl(pattern, problems)), info = paste(c(pattern, problems), collapse = " | "))
  }
  check(list(country = "DEU"), "^country .*expected form")
  check(list(dep_var_type = "profit"), "^dep_var_type must be one of revenue, conversion")
  check(list(iterations = 0L), "^iterations is 0, below the minimum 1")
  check(list(iterations = 100001L), "^iterations is 1e\\+05|^iterations is 100001, above the maximum")
  check(list(iterations = 1.5), "^iterations must be a whole number")
  check(list(trials = "five"), "^trials must be a whole number, not \"five\"")
  check(list(ts_validation = "yes"), "^ts_validation must be true or false")
  check(list(paid_media_spends = list()), "^paid_media_spends needs at least 1 entry")
  check(list(paid_media_spends = list("")), "^paid_media_spends\\[0\\] must not be empty")
  check(list(dep_var = strrep("x", 256)), "^dep_var is longer than 255 characters")
  check(list(data = list(table = "t", sql = "select 1")), "^data.sql is not a known setting here")
  check(list(data = list(country_column = "COUNTRY")), "^data.table is required")
  check(list(pareto_fronts = "many"), "^pareto_fronts must be \"auto\"")
  check(list(hyperparameters = list(tv_S_alphas = list(0.5, 1, 2))), "^hyperparameters.tv_S_alphas allows at most 2 entries")
  check(list(hyperparameters = list(tv_S_alphas = list(0.5, "1"))), "^hyperparameters.tv_S_alphas\\[1\\] must be a number")
  check(list(hyperparameters = list(tv_S_alphas = "a")), "^hyperparameters.tv_S_alphas must be a number or a list")
  check(list(allocator = list(total_budget = 0)), "^allocator.total_budget is 0: it must be greater than 0")
  check(list(calibration_input = list(list(channel = "tv_S"))), "^calibration_input\\[0\\].liftStartDate is required")
  value <- parse_json(demo_spec_text())
  value$dep_var <- NULL
  expect_match(validate_json(value, run_spec_schema), "^dep_var is required")
})

test_that("defaults from the schema are filled, also in nested objects and list items", {
  value <- apply_schema_defaults(parse_json('{"country":"de","allocator":{},"calibration_input":[{"channel":"tv_S"}]}'), run_spec_schema)
  expect_equal(value$engine, "native")
  expect_equal(value$iterations, 2000L)
  expect_equal(value$pareto_fronts, "auto")
  expect_equal(value$allocator$scenario, "max_response")
  expect_equal(value$allocator$channel_constr_multiplier, 3L)
  expect_equal(value$calibration_input[[1]]$confidence, 0.9)
  expect_equal(value$calibration_input[[1]]$calibration_scope, "immediate")
  expect_equal(json_kind(value$organic_vars), "array")
})

test_that("an unknown schema keyword stops the validator instead of being ignored", {
  expect_error(validate_json(1, list(type = "number", multipleOf = 2)), "multipleOf, which the R validator does not implement")
})

test_that("oneOf and const work on the trainer event schema", {
  schema <- event_contract$event_schema
  expect_equal(validate_json(parse_json(event_contract$body), schema), character(0))
  expect_equal(validate_json(list(type = "started", seq = 1L, at = "x"), schema), character(0))
  expect_true(length(validate_json(list(type = "started", seq = 0L, at = "x"), schema)) > 0)
  expect_true(length(validate_json(list(type = "progress", seq = 2L, at = "x", phase = "searching"), schema)) > 0)
  expect_true(length(validate_json(list(type = "finished", seq = 2L, at = "x"), schema)) > 0)
})
