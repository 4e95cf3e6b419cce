# status.json, written as the native trainer writes it (trainer/trainer.ts): states running →
# succeeded | failed | cancelled, with `started_at` and `updated_at`, and on a final state `finished_at`,
# `resources` and, when failed, `reason` and `log_tail`. It is published after the outputs, so a reader
# never sees "succeeded" before the files are there.

STATUS_STATES <- c("running", "succeeded", "failed", "cancelled")

status_document <- function(state, started_at, extra = list(), now = Sys.time()) {
  stopifnot(state %in% STATUS_STATES)
  c(list(state = state, started_at = iso_now(started_at), updated_at = iso_now(now)), extra)
}

# CPU seconds (this process and its finished children, e.g. Robyn's forked workers), peak memory of this
# process in MB (VmHWM; 0 where /proc is missing) and wall seconds, named as the native trainer names them.
resource_usage <- function(started_at, cpu_start = c(0, 0, 0, 0)) {
  times <- proc.time()
  used <- sum(c(times[["user.self"]], times[["sys.self"]], times[["user.child"]], times[["sys.child"]]) - cpu_start)
  peak <- tryCatch(
    {
      line <- grep("^VmHWM:", readLines("/proc/self/status", warn = FALSE), value = TRUE)
      as.numeric(sub("^VmHWM:\\s*(\\d+).*$", "\\1", line)) / 1024
    },
    error = function(e) 0,
    warning = function(w) 0
  )
  if (length(peak) == 0 || is.na(peak)) peak <- 0
  list(
    cpuSeconds = used,
    peakMemoryMb = peak,
    wallSeconds = as.numeric(difftime(Sys.time(), started_at, units = "secs"))
  )
}

cpu_now <- function() {
  times <- proc.time()
  c(times[["user.self"]], times[["sys.self"]], times[["user.child"]], times[["sys.child"]])
}
