# The RunSpec as the R trainer reads it: parsed from spec.json, validated against the JSON Schema
# generated from core/run-spec.ts (r/run-spec.schema.json), checked across fields as the zod schema's
# superRefine does, and given the schema's defaults. Lists of names become character vectors.

STRING_LISTS <- c(
  "paid_media_spends", "paid_media_vars", "paid_media_signs", "organic_vars", "organic_signs",
  "context_vars", "context_signs", "factor_vars", "prophet_vars"
)

read_schema <- function(path) {
  parse_json(paste(readLines(path, warn = FALSE, encoding = "UTF-8"), collapse = "\n"))
}

# Parses and validates spec text; stops with an input error listing every problem, as the app does
# ("The run settings are not valid: field problem; ...").
parse_run_spec <- function(text, schema) {
  value <- tryCatch(parse_json(text), error = function(e) {
    stop_input("spec", paste0("spec.json is not valid JSON: ", conditionMessage(e)))
  })
  if (json_kind(value) != "object") stop_input("spec", "spec.json must hold a JSON object (the RunSpec).")
  problems <- validate_json(value, schema)
  if (length(problems) == 0) {
    spec <- normalise_spec(apply_schema_defaults(value, schema))
    problems <- spec_cross_checks(spec)
  }
  if (length(problems) > 0) {
    stop_input(
      sub(" .*$", "", problems[[1]]),
      paste0("The run settings are not valid: ", paste(problems, collapse = "; "), ".")
    )
  }
  spec
}

as_strings <- function(x) {
  if (is.null(x)) {
    return(NULL)
  }
  as.character(unlist(x))
}

normalise_spec <- function(value) {
  spec <- value
  spec$country <- toupper(value$country)
  for (field in STRING_LISTS) {
    if (!is.null(value[[field]])) spec[[field]] <- as_strings(value[[field]])
  }
  for (field in c("organic_vars", "context_vars", "factor_vars", "prophet_vars")) {
    if (is.null(spec[[field]])) spec[[field]] <- character(0)
  }
  spec$hyperparameters <- lapply(value$hyperparameters, function(h) as.numeric(unlist(h)))
  if (is.null(names(spec$hyperparameters))) names(spec$hyperparameters) <- character(0)
  if (!is.null(value$objective_weights)) spec$objective_weights <- as.numeric(unlist(value$objective_weights))
  spec$aggregations <- vapply(value$aggregations, as.character, character(1))
  if (!is.null(value$allocator)) {
    allocator <- value$allocator
    for (field in c("channel_constr_low", "channel_constr_up")) {
      if (!is.null(allocator[[field]])) allocator[[field]] <- as.numeric(unlist(allocator[[field]]))
    }
    allocator$date_range <- as.character(unlist(allocator$date_range))
    spec$allocator <- allocator
  }
  spec
}

# The zod superRefine rules of core/run-spec.ts, same wording.
spec_cross_checks <- function(spec) {
  problems <- character(0)
  spends <- spec$paid_media_spends
  vars <- spec$paid_media_vars
  if (!is.null(vars) && length(vars) != length(spends)) {
    problems <- c(problems, sprintf(
      "paid_media_vars has %d entries but paid_media_spends has %d: give one exposure (or the spend itself) per spend column, in the same order",
      length(vars), length(spends)
    ))
  }
  sign_checks <- list(
    list("paid_media_signs", spec$paid_media_signs, length(spends)),
    list("organic_signs", spec$organic_signs, length(spec$organic_vars)),
    list("context_signs", spec$context_signs, length(spec$context_vars))
  )
  for (check in sign_checks) {
    if (!is.null(check[[2]]) && length(check[[2]]) != check[[3]]) {
      problems <- c(problems, sprintf(
        "%s has %d entries but there are %d variables: give one sign per variable",
        check[[1]], length(check[[2]]), check[[3]]
      ))
    }
  }
  for (factor in setdiff(spec$factor_vars, spec$context_vars)) {
    problems <- c(problems, sprintf(
      "factor_vars \"%s\" is a factor variable but not a context variable: add it to context_vars too", factor
    ))
  }
  roles <- character(0)
  claim <- function(column, role) {
    previous <- roles[column]
    if (!is.na(previous) && previous != role) {
      problems <<- c(problems, sprintf(
        "%s column \"%s\" is used both as %s and as %s: give each column one role", role, column, previous, role
      ))
    }
    roles[column] <<- role
  }
  claim(spec$dep_var, "dep_var")
  for (column in spends) claim(column, "paid_media_spends")
  for (i in seq_along(vars)) if (vars[[i]] != spends[[i]]) claim(vars[[i]], "paid_media_vars")
  for (column in spec$organic_vars) claim(column, "organic_vars")
  for (column in spec$context_vars) claim(column, "context_vars")
  if (!is.null(spec$window_start) && !is.null(spec$window_end) && spec$window_end < spec$window_start) {
    problems <- c(problems, sprintf("window_end (%s) is before window_start (%s)", spec$window_end, spec$window_start))
  }
  if (anyDuplicated(spec$prophet_vars) > 0) {
    problems <- c(problems, "prophet_vars lists the same component twice")
  }
  c(problems, prophet_settings_problems(spec))
}

# The paid media variable per spend column (the exposure when given, else the spend itself).
paid_media_vars_of <- function(spec) {
  if (is.null(spec$paid_media_vars)) spec$paid_media_spends else spec$paid_media_vars
}
