# A small JSON Schema validator (draft 2020-12) for the keywords our schemas use: the RunSpec schema
# `r/run-spec.schema.json` (generated from core/run-spec.ts) and the trainer-event schema the tests use.
# `jsonvalidate` is not packaged for Debian, and these keywords are few.
#
# Values come from parse_json(): objects are named lists, arrays unnamed lists. A schema keyword this
# validator does not know is an error, so a new zod feature in the generated schema cannot be ignored
# silently. Problems are reported as "<field> <what is wrong>", the field written as the app writes it
# (`hyperparameters.tv_S_alphas`, `paid_media_spends[0]`).

SCHEMA_KEYWORDS <- c(
  # annotations, ignored
  "$schema", "$id", "title", "description", "default",
  # checked
  "type", "enum", "const", "pattern", "minLength", "maxLength",
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
  "minItems", "maxItems", "items", "prefixItems",
  "properties", "required", "additionalProperties", "propertyNames",
  "anyOf", "oneOf"
)

json_kind <- function(value) {
  if (is.null(value)) {
    return("null")
  }
  if (is.list(value)) {
    return(if (is.null(names(value))) "array" else "object")
  }
  if (length(value) != 1) {
    return("array")
  }
  if (is.logical(value)) {
    return("boolean")
  }
  if (is.numeric(value)) {
    return("number")
  }
  if (is.character(value)) {
    return("string")
  }
  "unknown"
}

matches_type <- function(value, type) {
  kind <- json_kind(value)
  if (type == "integer") {
    return(kind == "number" && is.finite(value) && value == floor(value))
  }
  kind == type
}

join_field <- function(path, key) {
  if (is.numeric(key)) {
    return(paste0(path, "[", key, "]"))
  }
  if (path == "") key else paste0(path, ".", key)
}

TYPE_WORDS <- c(
  string = "a string", number = "a number", integer = "a whole number", boolean = "true or false",
  array = "a list", object = "an object", null = "null"
)

type_words <- function(types) {
  paste(ifelse(types %in% names(TYPE_WORDS), TYPE_WORDS[types], types), collapse = " or ")
}

describe_value <- function(value) {
  kind <- json_kind(value)
  if (kind %in% c("number", "boolean")) {
    return(format(value))
  }
  if (kind == "string") {
    return(paste0("\"", value, "\""))
  }
  type_words(kind)
}

problem <- function(path, text) {
  if (path == "") text else paste(path, text)
}

# Checks `value` against `schema`; returns a character vector of problems (empty when valid).
validate_json <- function(value, schema, path = "") {
  if (isTRUE(schema)) {
    return(character(0))
  }
  if (isFALSE(schema)) {
    return(problem(path, "is not allowed here"))
  }
  unknown <- setdiff(names(schema), SCHEMA_KEYWORDS)
  if (length(unknown) > 0) {
    stop(sprintf(
      "The schema uses %s, which the R validator does not implement (r/R/json-schema.R): add it there.",
      paste(unknown, collapse = ", ")
    ))
  }

  if (!is.null(schema$anyOf) || !is.null(schema$oneOf)) {
    branches <- if (!is.null(schema$anyOf)) schema$anyOf else schema$oneOf
    results <- lapply(branches, function(branch) validate_json(value, branch, path))
    passing <- sum(lengths(results) == 0)
    if (!is.null(schema$oneOf) && passing > 1) {
      return(problem(path, "matches more than one of the allowed forms"))
    }
    if (passing == 0) {
      # Report the problems of a branch of the value's own type (e.g. a [lo, hi] pair with three
      # entries), else say which types are allowed.
      typed <- vapply(branches, function(branch) {
        is.null(branch$type) || any(vapply(unlist(branch$type), function(t) matches_type(value, t), logical(1)))
      }, logical(1))
      if (any(typed)) {
        candidates <- which(typed)
        return(results[[candidates[which.min(lengths(results[candidates]))]]])
      }
      types <- unique(unlist(lapply(branches, function(branch) branch$type)))
      return(problem(path, sprintf("must be %s, not %s", type_words(types), describe_value(value))))
    }
  }

  if (!is.null(schema$type)) {
    types <- unlist(schema$type)
    if (!any(vapply(types, function(t) matches_type(value, t), logical(1)))) {
      return(problem(path, sprintf("must be %s, not %s", type_words(types), describe_value(value))))
    }
  }
  if (!is.null(schema$const) && !identical(value, schema$const)) {
    return(problem(path, sprintf("must be %s", describe_value(schema$const))))
  }
  if (!is.null(schema$enum)) {
    allowed <- unlist(schema$enum)
    if (json_kind(value) %in% c("array", "object", "null") || !(value %in% allowed)) {
      return(problem(path, sprintf("must be one of %s, not %s", paste(allowed, collapse = ", "), describe_value(value))))
    }
  }

  kind <- json_kind(value)
  problems <- character(0)
  if (kind == "string") problems <- c(problems, check_string(value, schema, path))
  if (kind == "number") problems <- c(problems, check_number(value, schema, path))
  if (kind == "array") problems <- c(problems, check_array(value, schema, path))
  if (kind == "object") problems <- c(problems, check_object(value, schema, path))
  problems
}

check_string <- function(value, schema, path) {
  problems <- character(0)
  length_chars <- nchar(value, type = "chars")
  if (!is.null(schema$minLength) && length_chars < schema$minLength) {
    problems <- c(problems, problem(path, if (schema$minLength == 1) "must not be empty" else sprintf("must have at least %s characters", schema$minLength)))
  }
  if (!is.null(schema$maxLength) && length_chars > schema$maxLength) {
    problems <- c(problems, problem(path, sprintf("is longer than %s characters", schema$maxLength)))
  }
  if (!is.null(schema$pattern) && !grepl(schema$pattern, value, perl = TRUE)) {
    problems <- c(problems, problem(path, sprintf("\"%s\" does not have the expected form (%s)", value, schema$pattern)))
  }
  problems
}

check_number <- function(value, schema, path) {
  problems <- character(0)
  if (!is.null(schema$minimum) && value < schema$minimum) {
    problems <- c(problems, problem(path, sprintf("is %s, below the minimum %s", format(value), format(schema$minimum))))
  }
  if (!is.null(schema$maximum) && value > schema$maximum) {
    problems <- c(problems, problem(path, sprintf("is %s, above the maximum %s", format(value), format(schema$maximum))))
  }
  if (!is.null(schema$exclusiveMinimum) && value <= schema$exclusiveMinimum) {
    problems <- c(problems, problem(path, sprintf("is %s: it must be greater than %s", format(value), format(schema$exclusiveMinimum))))
  }
  if (!is.null(schema$exclusiveMaximum) && value >= schema$exclusiveMaximum) {
    problems <- c(problems, problem(path, sprintf("is %s: it must be less than %s", format(value), format(schema$exclusiveMaximum))))
  }
  problems
}

check_array <- function(value, schema, path) {
  items <- as.list(value)
  problems <- character(0)
  if (!is.null(schema$minItems) && length(items) < schema$minItems) {
    problems <- c(problems, problem(path, sprintf("needs at least %s %s, has %s", schema$minItems, if (schema$minItems == 1) "entry" else "entries", length(items))))
  }
  if (!is.null(schema$maxItems) && length(items) > schema$maxItems) {
    problems <- c(problems, problem(path, sprintf("allows at most %s entries, has %s", schema$maxItems, length(items))))
  }
  prefix <- if (is.null(schema$prefixItems)) list() else schema$prefixItems
  for (i in seq_along(items)) {
    item_schema <- if (i <= length(prefix)) prefix[[i]] else schema$items
    if (is.null(item_schema)) next
    problems <- c(problems, validate_json(items[[i]], item_schema, join_field(path, i - 1)))
  }
  problems
}

check_object <- function(value, schema, path) {
  problems <- character(0)
  keys <- names(value)
  for (key in setdiff(unlist(schema$required), keys)) {
    problems <- c(problems, problem(join_field(path, key), "is required"))
  }
  properties <- if (is.null(schema$properties)) list() else schema$properties
  for (key in keys) {
    field <- join_field(path, key)
    if (!is.null(schema$propertyNames)) {
      problems <- c(problems, validate_json(key, schema$propertyNames, field))
    }
    if (key %in% names(properties)) {
      problems <- c(problems, validate_json(value[[key]], properties[[key]], field))
    } else if (isFALSE(schema$additionalProperties)) {
      problems <- c(problems, problem(field, "is not a known setting here"))
    } else if (is.list(schema$additionalProperties)) {
      problems <- c(problems, validate_json(value[[key]], schema$additionalProperties, field))
    }
  }
  problems
}

# Fills every missing property that has a `default` in the schema, in objects and in array items.
apply_schema_defaults <- function(value, schema) {
  if (!is.list(schema)) {
    return(value)
  }
  kind <- json_kind(value)
  if (kind == "object" && !is.null(schema$properties)) {
    for (key in names(schema$properties)) {
      property <- schema$properties[[key]]
      if (!(key %in% names(value)) && !is.null(property$default)) {
        value[key] <- list(property$default)
      }
      if (key %in% names(value) && !is.null(value[[key]])) {
        value[[key]] <- apply_schema_defaults(value[[key]], property)
      }
    }
  }
  if (kind == "array" && is.list(schema$items)) {
    value <- lapply(value, apply_schema_defaults, schema = schema$items)
  }
  value
}
