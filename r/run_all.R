#!/usr/bin/env Rscript
# The Robyn trainer: trains one run (MMM_RUN_ID) with Robyn 3.12.1 and writes the same artifacts and
# events as the native trainer. See r/README.md; the helpers are in r/R/, one job per file.
#
#   MMM_RUN_ID=<runId> MMM_ARTIFACTS_DIR=<folder> [MMM_EVENTS_URL=… MMM_EVENT_TOKEN=…] [MMM_CORES=8] \
#     Rscript r/run_all.R
#
# Exit codes: 0 succeeded (or an idle shard), 1 failed, 2 bad environment, 130 cancelled.

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) > 0) dirname(normalizePath(sub("^--file=", "", file_arg[[1]]))) else getwd()
})
for (helper in sort(list.files(file.path(script_dir, "R"), pattern = "\\.R$", full.names = TRUE))) {
  source(helper)
}

main <- function() {
  env <- tryCatch(read_trainer_env(), error = function(e) {
    message("error: ", conditionMessage(e))
    quit(status = 2L)
  })
  # Before any package that reads core counts is loaded.
  pin_cores(env$cores)
  if (env$task_count > 1 && env$task_index > 0) {
    message(sprintf(
      "task %d of %d: nothing to do. A Robyn run is trained by task 0 alone: Robyn selects Pareto models over every trial in one process.",
      env$task_index, env$task_count
    ))
    quit(status = 0L)
  }
  store <- tryCatch(artifact_store_from_env(env), error = function(e) {
    message("error: ", conditionMessage(e))
    quit(status = 2L)
  })
  deliver <- if (nzchar(env$events_url)) callback_delivery(env$events_url, env$event_token) else stdout_delivery()
  outcome <- run_trainer(env, store, deliver, robyn_engine, file.path(script_dir, "run-spec.schema.json"))
  quit(status = TRAINER_EXIT_CODES[[outcome]])
}

if (sys.nframe() == 0L) main()
