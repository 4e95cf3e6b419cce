#!/usr/bin/env Rscript
# Marks a run cancelled when its trainer could not do so itself: the image's entrypoint runs this after
# R ignored SIGINT for too long during a Cloud Run cancel (SIGTERM, then SIGKILL 10 s later). It writes
# status.json "cancelled" unless the trainer already wrote a final state, and sends the `cancelled`
# event with the next sequence number (kept by the trainer in MMM_STATE_DIR).

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) > 0) dirname(normalizePath(sub("^--file=", "", file_arg[[1]]))) else getwd()
})
for (helper in sort(list.files(file.path(script_dir, "R"), pattern = "\\.R$", full.names = TRUE))) {
  source(helper)
}

mark_cancelled <- function(env, store, deliver, now = Sys.time()) {
  work_dir <- tempfile("mmm-cancel-")
  dir.create(work_dir)
  on.exit(unlink(work_dir, recursive = TRUE))
  status_path <- file.path(work_dir, "status.json")
  previous <- tryCatch(
    {
      store$download(run_key(env$run_id, "status.json"), status_path)
      parse_json(paste(readLines(status_path, warn = FALSE), collapse = "\n"))
    },
    error = function(e) NULL
  )
  if (!is.null(previous) && previous$state != "running") {
    return(invisible(previous$state))
  }
  started_at <- if (is.null(previous)) now else as.POSIXct(previous$started_at, format = "%Y-%m-%dT%H:%M:%OS", tz = "UTC")
  document <- status_document("cancelled", started_at, list(finished_at = iso_now(now)), now)
  write_text_file(to_json(document, pretty = TRUE), status_path)
  store$upload(status_path, run_key(env$run_id, "status.json"))
  seq_file <- file.path(env$state_dir, paste0("mmm-events-", env$run_id, ".seq"))
  last <- if (file.exists(seq_file)) as.integer(readLines(seq_file, warn = FALSE)[[1]]) else 0L
  event_sink(deliver, first_seq = last + 1L)$send("cancelled", reason = "stopped on request")
  invisible("cancelled")
}

if (sys.nframe() == 0L) {
  env <- read_trainer_env()
  deliver <- if (nzchar(env$events_url)) callback_delivery(env$events_url, env$event_token, attempts = 2L) else stdout_delivery()
  mark_cancelled(env, artifact_store_from_env(env), deliver)
}
