# The run's log.txt: one line per event, "<UTC ISO time> <text>", as the native trainer writes it
# (trainer/run-log.ts), and its tail for failure reports. Lines are also printed to stderr, which
# Cloud Logging keeps.

iso_now <- function(time = Sys.time()) {
  format(time, "%Y-%m-%dT%H:%M:%OS3Z", tz = "UTC")
}

run_log <- function(path, echo = TRUE) {
  list(
    path = path,
    line = function(text) {
      lines <- paste(iso_now(), strsplit(as.character(text), "\n", fixed = TRUE)[[1]])
      cat(paste0(lines, "\n"), file = path, append = TRUE, sep = "")
      if (echo) cat(paste0(lines, "\n"), file = stderr(), sep = "")
      invisible(NULL)
    },
    tail = function(lines = 30) {
      if (!file.exists(path)) {
        return("")
      }
      text <- readLines(path, warn = FALSE, encoding = "UTF-8")
      paste(utils::tail(text, lines), collapse = "\n")
    }
  )
}
