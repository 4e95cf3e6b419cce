spec <- demo_spec()
hyperparameters <- build_hyperparameters(spec, "week")
objects <- fake_robyn_objects(spec, hyperparameters)
result <- collect_robyn_result(objects$input_collect, objects$output_models, objects$output_collect, spec, hyperparameters, 4L)
built <- output_tables(result, spec)
files <- lapply(native_contract$files, strings)

test_that("Robyn's tables become the native files, columns and order included", {
  for (file in names(files)) expect_equal(names(built$tables[[file]]), files[[file]], info = file)
  expect_equal(nrow(built$tables[["all_models.csv"]]), 12)
  expect_equal(nrow(built$tables[["pareto_hyperparameters.csv"]]), 8)
})

test_that("columns Robyn lacks are computed: iterations, error_score, intercept_dropped, clusters", {
  all <- built$tables[["all_models.csv"]]
  expect_equal(all$iterations, (all$iterNG - 1) * 4 + all$iterPar)
  expect_equal(all$error_score, error_scores(all$nrmse_train, all$decomp.rssd, all$mape))
  expect_equal(all$intercept_dropped, seq_len(12) == 2)
  pareto <- built$tables[["pareto_hyperparameters.csv"]]
  expect_equal(pareto$cluster, rep_len(1:3, 8))
  expect_equal(pareto$top_sol, c(TRUE, TRUE, TRUE, rep(FALSE, 5)))
})

test_that("bootstrap intervals are joined per cluster and channel, and ROI is pivoted per channel", {
  aggregated <- built$tables[["pareto_aggregated.csv"]]
  row <- aggregated[aggregated$solID == "1_2_1" & aggregated$rn == "ooh_S", ]
  expect_equal(row$cluster, 2)
  expect_equal(row$boot_mean, 2 + 2)
  expect_true(is.na(aggregated$boot_mean[aggregated$rn == "(Intercept)"][[1]]))
  clusters <- built$tables[["pareto_clusters.csv"]]
  tv <- aggregated$roi_total[aggregated$solID == "1_3_1" & aggregated$rn == "tv_S"]
  expect_equal(clusters$tv_S_roi_total[clusters$solID == "1_3_1"], tv)
  expect_equal(clusters$error_score, built$tables[["pareto_hyperparameters.csv"]]$error_score)
})

test_that("only adstocked and decomposed media vectors are kept", {
  expect_setequal(unique(built$tables[["pareto_media_transform_matrix.csv"]]$type), c("adstockedMedia", "decompMedia"))
})

test_that("columns Robyn has not got are written as NA and named in the notes", {
  expect_true(all(is.na(built$tables[["all_models.csv"]]$newsletter_inflexion)))
  expect_false(anyNA(built$tables[["all_models.csv"]]$tv_S_inflexion))
  expect_match(built$notes, "all_models.csv: Robyn's output has no newsletter_inflexion, newsletter_inflation; written as NA", all = FALSE, fixed = TRUE)
})

test_that("an error score of Robyn's quirks: constant MAPE adds nothing, infinities count as 1", {
  expect_equal(error_scores(c(0, 1), c(0, 0), c(0, 0)), c(0, 1 / 3))
  expect_equal(error_scores(c(0, Inf, 0.5), c(1, 1, 1), c(0, 0, 0)), c(0, 1 / 3, 1 / 6))
})

test_that("the summary has the native fields and picks the best cluster-top model", {
  result$date_var <- "DATE"
  summary <- build_model_summary(result, built$tables, spec, "Robyn 3.12.1", "2026-11-26T04:30:00.000Z", list(search = 2), c("w1"))
  keys <- native_contract$model_summary
  expect_equal(names(summary), strings(keys$top))
  expect_equal(names(summary$pareto_models[[1]]), strings(keys$pareto_model))
  expect_equal(names(summary$best_model), strings(keys$best_model))
  expect_equal(names(summary$best_model$channels[[1]]), strings(keys$channel))
  expect_equal(names(summary$clusters), strings(keys$clusters))
  expect_equal(names(summary$clusters$top_models[[1]]), strings(keys$top_model))
  expect_equal(names(summary$clusters$intervals[[1]]), strings(keys$interval))
  expect_equal(names(summary$convergence[[1]]), strings(keys$convergence))
  expect_equal(names(summary$input_metadata), strings(keys$input_metadata))
  expect_equal(summary$engine, "robyn")
  expect_equal(summary$candidate_model_count, 12)
  expect_equal(summary$pareto_fronts, 2L)
  tops <- built$tables[["pareto_hyperparameters.csv"]]
  tops <- tops[tops$top_sol, ]
  expect_equal(summary$best_model$model_id, tops$solID[[which.min(tops$error_score)]])
  expect_equal(summary$best_model$coefficients[["(Intercept)"]], 1000)
  expect_length(summary$best_model$channels, 5)
  expect_equal(summary$clusters$k, 3L)
  expect_equal(summary$clusters$wss, list(10, 6, 4, 3.5))
  expect_equal(summary$convergence[[2]]$objective, "DECOMP.RSSD")
  expect_false(summary$convergence[[2]]$converged)
  expect_true(summary$convergence[[1]]$converged)
  text <- to_json(summary, pretty = TRUE)
  parsed <- parse_json(text)
  expect_equal(json_kind(parsed$input_metadata$organic_vars), "array")
  expect_null(parsed$best_model$rsq_val)

  # mROI is the slope of the allocator's curve at mean spend (central difference), the ranking is by the
  # response 10 % more spend adds, largest first.
  best <- tops[which.min(tops$error_score), , drop = FALSE]
  rows <- built$tables[["pareto_aggregated.csv"]]
  for (channel in summary$best_model$channels) {
    row <- rows[rows$solID == best$solID & rows$rn == channel$channel, , drop = FALSE]
    curve <- function(x) {
      response_at(row$coef, best[[paste0(channel$channel, "_alphas")]], best[[paste0(channel$channel, "_inflexion")]], row$mean_carryover, x)
    }
    h <- 1e-4 * (row$mean_spend + row$mean_carryover)
    slope <- (curve(row$mean_spend + h) - curve(row$mean_spend - h)) / (2 * h)
    expect_equal(channel$mroi, slope, tolerance = 1e-6)
    expect_equal(channel$next_10pct_response, curve(1.1 * row$mean_spend) - curve(row$mean_spend))
  }
  gains <- vapply(summary$best_model$next_budget_ranking, function(r) r$response_gain, numeric(1))
  expect_length(gains, 5)
  expect_equal(gains, sort(gains, decreasing = TRUE))
})

test_that("a calibrated run's resultCalibration becomes pareto_calibration.csv, with the native columns", {
  expect_null(built$tables[["pareto_calibration.csv"]])
  calibrated <- result
  pareto <- result$pareto_hyperparameters
  calibrated$pareto_calibration <- data.frame(
    rn = "tv_S", liftStart = as.Date("2016-05-02"), liftEnd = as.Date("2016-05-30"), liftAbs = 40000,
    decompStart = as.Date("2016-05-02"), decompEnd = as.Date("2016-05-30"), decompAbsScaled = 36000,
    decompAbsTotalScaled = 41000, calibrated_pct = 36000 / 41000, mape_lift = 0.1,
    solID = pareto$solID, trial = 1L, iterNG = 1L, iterPar = seq_len(nrow(pareto)), iterations = seq_len(nrow(pareto)),
    stringsAsFactors = FALSE
  )
  table <- output_tables(calibrated, spec)$tables[["pareto_calibration.csv"]]
  expect_equal(names(table), strings(native_contract$calibration_columns))
  expect_equal(table$cluster, rep_len(1:3, 8))
  expect_equal(table$mape_lift, rep(0.1, 8))
})
