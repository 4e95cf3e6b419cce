# Trainer events (core/events.ts): started, progress, completed, failed, cancelled, numbered with `seq`
# and stamped with `at`, POSTed to MMM_EVENTS_URL and signed as core/trainer-auth.ts signs them:
#   x-mmm-signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed by the run token>
#   x-mmm-timestamp: <unix seconds>
# Retry policy of trainer/event-sink.ts: progress is throttled to one a second and tried once;
# other events are tried up to 6 times, waiting min(30 s, 0.5 s * 2^(attempt - 1)) between attempts;
# a 4xx answer other than 429 is final (bad token, unknown run); each request times out after 10 s.
#
# The last sequence number is kept in `state_file` too, so the container's SIGTERM handler can send a
# final `cancelled` event with the next number after R has gone (docker/trainer-robyn-entrypoint.sh).

# `timestamp`: unix seconds, as a number or as the text sent in x-mmm-timestamp.
timestamp_text <- function(timestamp) {
  if (is.numeric(timestamp)) sprintf("%.0f", timestamp) else as.character(timestamp)
}

# The run's event token from the event key, as core/trainer-auth.ts's runToken derives it:
# base64url (no padding) of HMAC-SHA256 of "run-events:<runId>" keyed by the key.
run_token <- function(key, run_id) {
  mac <- digest::hmac(enc2utf8(key), paste0("run-events:", run_id), algo = "sha256", serialize = FALSE, raw = TRUE)
  sub("=+$", "", chartr("+/", "-_", jsonlite::base64_enc(mac)))
}

sign_event <- function(token, timestamp, body) {
  timestamp <- timestamp_text(timestamp)
  paste0("v1=", digest::hmac(
    enc2utf8(token), paste0(timestamp, ".", enc2utf8(body)),
    algo = "sha256", serialize = FALSE
  ))
}

# POSTs one body with httr; returns the HTTP status, or NA on a network error or time-out.
http_post_json <- function(url, body, headers, timeout_seconds = 10) {
  response <- tryCatch(
    httr::POST(
      url,
      body = charToRaw(enc2utf8(body)),
      httr::add_headers(.headers = c("content-type" = "application/json", headers)),
      httr::timeout(timeout_seconds)
    ),
    error = function(e) NULL
  )
  if (is.null(response)) NA_integer_ else httr::status_code(response)
}

final_answer <- function(status) {
  !is.na(status) && ((status >= 200 && status < 300) || (status >= 400 && status < 500 && status != 429))
}

retry_delay_seconds <- function(attempt) {
  min(30, 0.5 * 2^(attempt - 1))
}

# `deliver(event)` sends one numbered event; callback_delivery() is the HTTP one.
event_sink <- function(deliver, now = Sys.time, state_file = NULL, first_seq = 1L) {
  seq <- first_seq - 1L
  last_progress <- -Inf
  list(
    send = function(type, ...) {
      at <- now()
      fields <- Filter(Negate(is.null), list(...))
      if (type == "progress") {
        final <- fields$total > 0 && fields$done >= fields$total
        if (!final && as.numeric(at) - last_progress < 1) {
          return(invisible(FALSE))
        }
        last_progress <<- as.numeric(at)
      }
      seq <<- seq + 1L
      if (!is.null(state_file)) writeLines(as.character(seq), state_file)
      event <- c(list(type = type), fields, list(seq = seq, at = iso_now(at)))
      deliver(event)
      invisible(TRUE)
    },
    last_seq = function() seq
  )
}

callback_delivery <- function(url, token, post = http_post_json, sleep = Sys.sleep,
                              clock = function() as.numeric(Sys.time()), attempts = 6L) {
  function(event) {
    body <- to_json(event)
    tries <- if (identical(event$type, "progress")) 1L else attempts
    for (attempt in seq_len(tries)) {
      timestamp <- timestamp_text(floor(clock()))
      status <- post(url, body, c(
        "x-mmm-signature" = sign_event(token, timestamp, body),
        "x-mmm-timestamp" = timestamp
      ))
      if (final_answer(status)) {
        return(invisible(status))
      }
      if (attempt < tries) sleep(retry_delay_seconds(attempt))
    }
    invisible(NA_integer_)
  }
}

# JSON lines on stdout when no callback URL is configured (running by hand).
stdout_delivery <- function(write = function(line) cat(line, "\n", sep = "")) {
  function(event) write(to_json(event))
}
