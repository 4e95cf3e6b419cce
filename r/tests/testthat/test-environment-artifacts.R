env_of <- function(values) function(name, default = "") if (is.null(values[[name]])) default else values[[name]]
run_id <- "20261126T043012Z-de-7f3a9c"

test_that("the environment is read and checked once", {
  env <- read_trainer_env(env_of(list(MMM_RUN_ID = run_id, MMM_CORES = "8", GCS_BUCKET = "b", CLOUD_RUN_TASK_COUNT = "2")))
  expect_identical(env$cores, 8L)
  expect_identical(env$task_index, 0L)
  expect_identical(env$task_count, 2L)
  expect_error(read_trainer_env(env_of(list(MMM_RUN_ID = "latest"))), "MMM_RUN_ID must be a run id")
  expect_error(read_trainer_env(env_of(list(MMM_RUN_ID = run_id, MMM_CORES = "auto"))), "MMM_CORES must be a whole number")
  expect_error(read_trainer_env(env_of(list(MMM_RUN_ID = run_id, MMM_EVENTS_URL = "http://x"))), "neither MMM_EVENT_TOKEN nor MMM_EVENT_KEY")
  expect_identical(read_trainer_env(env_of(list(MMM_RUN_ID = run_id)))$cores, 1L)
  expect_identical(read_trainer_env(env_of(list(MMM_RUN_ID = run_id, TRAINER_WORKERS = "3")))$cores, 3L)
})

test_that("a Cloud Run trainer derives its run's event token from the event key, as the app does", {
  # The value core/trainer-auth.ts's runToken("k" x 32, run_id) gives.
  expected <- "2gzG3NylEV4kJSjxo4SR6ZtgDs5R1ZMPbs3UHkiSG9c"
  env <- read_trainer_env(env_of(list(MMM_RUN_ID = run_id, MMM_EVENTS_URL = "http://x", MMM_EVENT_KEY = strrep("k", 32))))
  expect_identical(env$event_token, expected)
  expect_null(env$event_key)
  given <- read_trainer_env(env_of(list(MMM_RUN_ID = run_id, MMM_EVENT_TOKEN = "t", MMM_EVENT_KEY = strrep("k", 32))))
  expect_identical(given$event_token, "t")
})

test_that("cores are pinned for parallelly, future and BLAS", {
  old <- Sys.getenv(c("R_PARALLELLY_AVAILABLECORES_SYSTEM", "OMP_NUM_THREADS"), unset = NA)
  on.exit(for (name in names(old)) if (is.na(old[[name]])) Sys.unsetenv(name) else do.call(Sys.setenv, as.list(old[name])))
  pin_cores(6L)
  expect_equal(Sys.getenv("R_PARALLELLY_AVAILABLECORES_SYSTEM"), "6")
  expect_equal(Sys.getenv("OMP_NUM_THREADS"), "1")
  expect_equal(getOption("mc.cores"), 6L)
})

test_that("the local store reads and writes keys as files, atomically", {
  root <- tempfile()
  store <- artifact_store_from_env(list(artifacts_dir = root, bucket = ""))
  source <- tempfile()
  writeLines("hello", source)
  store$upload(source, "runs/x/output/a.txt")
  expect_equal(readLines(file.path(root, "runs/x/output/a.txt")), "hello")
  expect_length(list.files(file.path(root, "runs/x/output"), all.files = TRUE, no.. = TRUE), 1)
  copy <- tempfile()
  store$download("runs/x/output/a.txt", copy)
  expect_equal(readLines(copy), "hello")
  expect_error(store$download("runs/x/missing.json", copy), "does not exist")
  expect_error(artifact_store_from_env(list(artifacts_dir = "", bucket = "")), "nowhere to read the run from")
})

test_that("the Cloud Storage client calls the JSON API with the metadata token", {
  requests <- list()
  fake <- function(status) function(url, ...) {
    requests[[length(requests) + 1]] <<- list(url = url, config = list(...))
    structure(list(url = url, status_code = status, content = charToRaw("no"), headers = list()), class = "response")
  }
  client <- gcs_client("my-bucket", "http://127.0.0.1:1/", token = function() "tok", sleep = function(s) NULL,
    get = fake(200L), post = fake(200L))
  client$download("runs/r 1/spec.json", tempfile())
  file <- tempfile()
  writeLines("{}", file)
  client$upload(file, "runs/r 1/status.json", "application/json")
  expect_equal(requests[[1]]$url, "http://127.0.0.1:1/storage/v1/b/my-bucket/o/runs%2Fr%201%2Fspec.json?alt=media")
  expect_equal(requests[[2]]$url, "http://127.0.0.1:1/upload/storage/v1/b/my-bucket/o?uploadType=media&name=runs%2Fr%201%2Fstatus.json")
  expect_equal(requests[[1]]$config[[1]]$headers[["Authorization"]], "Bearer tok")
  failing <- gcs_client("b", token = function() "t", sleep = function(s) NULL, get = fake(503L))
  expect_error(failing$download("k", tempfile()), "did not answer a request to read k \\(HTTP 503\\)")
  refused <- gcs_client("b", token = function() "t", sleep = function(s) NULL, get = fake(403L))
  expect_error(refused$download("k", tempfile()), "refused to read k \\(HTTP 403\\)")
  expect_equal(content_type_of("runs/x/output/model_summary.json"), "application/json")
  expect_equal(content_type_of("runs/x/output/onepagers/1_1_1.png"), "image/png")
})

test_that("the metadata token is fetched once and reused until it expires", {
  calls <- 0
  get <- function(url, ...) {
    calls <<- calls + 1
    expect_equal(url, "http://meta.test/computeMetadata/v1/instance/service-accounts/default/token")
    structure(list(url = url, status_code = 200L, content = charToRaw('{"access_token":"abc","expires_in":3599}'),
      headers = list(`content-type` = "application/json")), class = "response")
  }
  source <- metadata_token_source("meta.test", http_get = get)
  expect_equal(source(), "abc")
  expect_equal(source(), "abc")
  expect_equal(calls, 1)
})
