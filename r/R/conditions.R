# Errors the trainer reports to people. An input error names the spec field or data column and says what
# to do (the native engine's `invalid_input` MmmError); its message becomes the run's failure reason as is.
# Any other error is unexpected and is reported as "The trainer failed unexpectedly: <message>".

input_error <- function(field, message) {
  structure(
    class = c("mmm_input_error", "error", "condition"),
    list(message = message, call = NULL, field = field)
  )
}

stop_input <- function(field, message) {
  stop(input_error(field, message))
}

is_input_error <- function(condition) {
  inherits(condition, "mmm_input_error")
}

# The failure reason shown in Slack and in status.json, worded as the native trainer words it.
failure_reason <- function(condition) {
  message <- conditionMessage(condition)
  if (is_input_error(condition)) message else paste0("The trainer failed unexpectedly: ", message)
}
