# The trainer's environment, read once here (as core/config.ts is on the app side):
#   MMM_RUN_ID            the run (required): inputs runs/<id>/spec.json and runs/<id>/input.csv
#   MMM_EVENTS_URL        where events go (absent: JSON lines on stdout)
#   MMM_EVENT_TOKEN       the run's event token (local trainers), else
#   MMM_EVENT_KEY         the key it is derived from (Cloud Run Jobs, from Secret Manager: no token travels
#                         in the execution's overrides); one of them is required with MMM_EVENTS_URL
#   MMM_ARTIFACTS_DIR     a local folder holding runs/… (tests, child-process launcher), else
#   GCS_BUCKET            the bucket holding runs/… (Cloud Run Jobs)
#   GCS_API_ENDPOINT, GCE_METADATA_HOST   fakes for tests
#   MMM_CORES             Robyn's worker count (explicit: never detected); else TRAINER_WORKERS (the
#                         app's setting for local trainers); else 1
#   CLOUD_RUN_TASK_INDEX, CLOUD_RUN_TASK_COUNT, CLOUD_RUN_EXECUTION   set by Cloud Run Jobs

read_trainer_env <- function(get = Sys.getenv) {
  integer_var <- function(name, default, min) {
    text <- get(name, "")
    if (!nzchar(text)) {
      return(as.integer(default))
    }
    value <- suppressWarnings(as.integer(text))
    if (is.na(value) || value < min || as.character(value) != trimws(text)) {
      stop(sprintf("%s must be a whole number of at least %d, not \"%s\".", name, min, text))
    }
    value
  }
  env <- list(
    run_id = get("MMM_RUN_ID", ""),
    events_url = get("MMM_EVENTS_URL", ""),
    event_token = get("MMM_EVENT_TOKEN", ""),
    event_key = get("MMM_EVENT_KEY", ""),
    artifacts_dir = get("MMM_ARTIFACTS_DIR", ""),
    bucket = get("GCS_BUCKET", ""),
    gcs_endpoint = get("GCS_API_ENDPOINT", ""),
    metadata_host = get("GCE_METADATA_HOST", ""),
    cores = integer_var("MMM_CORES", integer_var("TRAINER_WORKERS", 1, 1), 1),
    task_index = integer_var("CLOUD_RUN_TASK_INDEX", 0, 0),
    task_count = integer_var("CLOUD_RUN_TASK_COUNT", 1, 1),
    execution = get("CLOUD_RUN_EXECUTION", ""),
    state_dir = get("MMM_STATE_DIR", tempdir())
  )
  if (!grepl("^[0-9]{8}T[0-9]{6}Z-[a-z]{2}-[0-9a-f]{6}$", env$run_id)) {
    stop(sprintf("MMM_RUN_ID must be a run id such as 20261126T043012Z-de-7f3a9c, not \"%s\".", env$run_id))
  }
  if (!nzchar(env$event_token) && nzchar(env$event_key)) env$event_token <- run_token(env$event_key, env$run_id)
  env$event_key <- NULL
  if (nzchar(env$events_url) && !nzchar(env$event_token)) {
    stop("MMM_EVENTS_URL is set but neither MMM_EVENT_TOKEN nor MMM_EVENT_KEY is: events cannot be signed.")
  }
  env
}

# Cores are pinned before any parallel package loads (the replaced product set them too late and got 2
# of 8): parallelly and future then report exactly MMM_CORES, and BLAS runs one thread per worker.
pin_cores <- function(cores) {
  Sys.setenv(
    R_PARALLELLY_AVAILABLECORES_SYSTEM = cores,
    R_PARALLELLY_AVAILABLECORES_FALLBACK = cores,
    R_FUTURE_AVAILABLECORES_SYSTEM = cores,
    MC_CORES = cores,
    "_R_CHECK_LIMIT_CORES_" = "false",
    OMP_NUM_THREADS = 1,
    OPENBLAS_NUM_THREADS = 1
  )
  options(mc.cores = cores, Ncpus = cores)
  invisible(cores)
}

run_key <- function(run_id, name) {
  paste0("runs/", run_id, "/", name)
}
