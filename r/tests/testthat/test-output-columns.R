demo <- native_contract$demo
files <- lapply(native_contract$files, strings)
media <- c(strings(demo$paid_media_vars), strings(demo$organic_vars))
names_in_order <- c(media_hyperparameter_names(demo$adstock, media), "train_size", "lambda")

test_that("every CSV has the native writer's columns for the demo model", {
  expect_equal(hyperparameter_columns(names_in_order, media), files[["all_models.csv"]])
  expect_equal(pareto_hyperparameter_columns(names_in_order, media), files[["pareto_hyperparameters.csv"]])
  expect_equal(PARETO_AGGREGATED_COLUMNS, files[["pareto_aggregated.csv"]])
  expect_equal(media_transform_columns(media), files[["pareto_media_transform_matrix.csv"]])
  expect_equal(alldecomp_columns(strings(demo$regressors)), files[["pareto_alldecomp_matrix.csv"]])
  expect_equal(clusters_columns(strings(demo$paid_media_vars), demo$dep_var_type), files[["pareto_clusters.csv"]])
  expect_equal(CLUSTER_CI_COLUMNS, files[["pareto_clusters_ci.csv"]])
  expect_equal(allocator_columns(), strings(native_contract$allocator_columns))
})

test_that("the native trainer writes no CSV the R trainer does not know", {
  expect_setequal(names(files), c(
    "all_models.csv", "pareto_hyperparameters.csv", "pareto_aggregated.csv", "pareto_media_transform_matrix.csv",
    "pareto_alldecomp_matrix.csv", "pareto_clusters.csv", "pareto_clusters_ci.csv"
  ))
})

test_that("the regressor order Robyn uses is the native one", {
  expect_equal(default_regressors(demo_spec()), strings(demo$regressors))
})

test_that("conversion runs report CPA per channel in the cluster table", {
  expect_equal(utils::tail(clusters_columns(c("a", "b"), "conversion"), 2), c("a_cpa_total", "b_cpa_total"))
})
