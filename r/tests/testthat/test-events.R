test_that("signatures are byte-compatible with core/trainer-auth.ts (UTF-8 body included)", {
  expect_equal(
    sign_event(event_contract$token, event_contract$timestamp, event_contract$body),
    event_contract$signature
  )
  expect_false(sign_event(event_contract$token, event_contract$timestamp + 1, event_contract$body) == event_contract$signature)
})

test_that("events are numbered, stamped, keep their fields, and fit the app's event schema", {
  sent <- list()
  state <- tempfile()
  clock <- as.POSIXct("2026-11-26 04:30:13", tz = "UTC")
  sink <- event_sink(function(event) sent[[length(sent) + 1]] <<- event, now = function() clock, state_file = state)
  sink$send("started", execution = NULL)
  sink$send("progress", phase = "searching", done = 0L, total = 300L, etaSeconds = 12.5)
  sink$send("failed", reason = "broken", logTail = "a\nb", resources = list(cpuSeconds = 1, peakMemoryMb = 2, wallSeconds = 3))
  expect_equal(vapply(sent, function(e) e$seq, integer(1)), 1:3)
  expect_equal(sent[[1]]$at, "2026-11-26T04:30:13.000Z")
  expect_equal(names(sent[[1]]), c("type", "seq", "at"))
  expect_equal(names(sent[[2]]), c("type", "phase", "done", "total", "etaSeconds", "seq", "at"))
  for (event in sent) expect_equal(validate_json(parse_json(to_json(event)), event_contract$event_schema), character(0))
  expect_equal(readLines(state), "3")
  expect_equal(sink$last_seq(), 3L)
})

test_that("progress is throttled to one a second, except the final one", {
  sent <- 0
  time <- 0
  sink <- event_sink(function(event) sent <<- sent + 1, now = function() as.POSIXct(time, origin = "1970-01-01", tz = "UTC"))
  sink$send("progress", phase = "searching", done = 1L, total = 10L)
  time <- 0.5
  sink$send("progress", phase = "searching", done = 2L, total = 10L)
  sink$send("progress", phase = "searching", done = 10L, total = 10L)
  time <- 1.6
  sink$send("progress", phase = "searching", done = 3L, total = 10L)
  expect_equal(sent, 3)
})

retry_trial <- function(answers, type = "completed") {
  calls <- list()
  sleeps <- numeric(0)
  post <- function(url, body, headers) {
    calls[[length(calls) + 1]] <<- list(url = url, body = body, headers = headers)
    answers[[min(length(calls), length(answers))]]
  }
  deliver <- callback_delivery("http://127.0.0.1:9/internal/runs/x/events", "token", post = post,
    sleep = function(s) sleeps <<- c(sleeps, s), clock = function() 1800000000)
  deliver(list(type = type, seq = 1L, at = "t"))
  list(calls = calls, sleeps = sleeps)
}

test_that("failed deliveries are retried with backoff like the native event sink", {
  trial <- retry_trial(list(500L, NA_integer_, 200L))
  expect_length(trial$calls, 3)
  expect_equal(trial$sleeps, c(0.5, 1))
  headers <- trial$calls[[1]]$headers
  expect_equal(headers[["x-mmm-timestamp"]], "1800000000")
  expect_equal(headers[["x-mmm-signature"]], sign_event("token", "1800000000", trial$calls[[1]]$body))
  expect_length(retry_trial(list(401L))$calls, 1)
  expect_length(retry_trial(list(429L, 204L))$calls, 2)
  all_fail <- retry_trial(list(503L))
  expect_length(all_fail$calls, 6)
  expect_equal(all_fail$sleeps, c(0.5, 1, 2, 4, 8))
  expect_length(retry_trial(list(503L), type = "progress")$calls, 1)
  expect_equal(retry_delay_seconds(10), 30)
})

test_that("status documents carry the native fields per state", {
  started <- as.POSIXct("2026-11-26 04:30:00", tz = "UTC")
  status <- native_contract$status
  expect_equal(names(status_document("running", started)), strings(status$running))
  usage <- resource_usage(started, cpu_now())
  expect_equal(names(usage), strings(status$resources))
  expect_true(usage$peakMemoryMb >= 0)
  succeeded <- status_document("succeeded", started, list(finished_at = iso_now(), resources = usage))
  expect_equal(names(succeeded), strings(status$succeeded))
  failed <- status_document("failed", started, list(finished_at = iso_now(), reason = "r", log_tail = "t", resources = usage))
  expect_equal(names(failed), strings(status$failed))
  expect_error(status_document("done", started))
})

test_that("the run log writes timestamped lines and returns its tail", {
  log <- run_log(tempfile(), echo = FALSE)
  for (i in 1:40) log$line(paste("line", i))
  log$line("two\nlines")
  tail <- strsplit(log$tail(), "\n")[[1]]
  expect_length(tail, 30)
  expect_match(tail[[30]], "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z lines$")
})
