# JSON text written the way the native trainer writes it (JSON.stringify): numbers at full precision
# (the shortest text that reads back to the same double), non-finite numbers and NA as null, and
# `pretty = TRUE` laid out like JSON.stringify(value, null, 2).
#
# Shapes: a named list is an object, an unnamed list an array, a vector of length 1 a scalar, a longer
# vector an array, NULL null. Wrap a vector in as.list() (or use json_array()) when it must be an array
# even with one element; an empty named list (json_object()) is {}.

json_array <- function(x) as.list(x)

json_object <- function() setNames(list(), character(0))

# The shortest of 15, 16 or 17 significant digits that reads back to the same double, with the exponent
# written as JavaScript writes it (1e-7, not 1e-07). NA and non-finite values give NA. "Reads back" is
# judged by a correctly rounded parser (read_doubles_exactly), as JavaScript and every JSON reader parse;
# 17 digits always read back under correct rounding.
format_number <- function(x) {
  out <- rep(NA_character_, length(x))
  finite <- is.finite(x)
  if (is.integer(x)) {
    out[finite] <- as.character(x[finite])
    return(out)
  }
  todo <- which(finite)
  for (digits in 15:17) {
    if (length(todo) == 0) break
    text <- sprintf(paste0("%.", digits, "g"), x[todo])
    exact <- digits == 17 | read_doubles_exactly(text) == x[todo]
    out[todo[exact]] <- text[exact]
    todo <- todo[!exact]
  }
  out <- sub("e([+-])0*([0-9])", "e\\1\\2", out)
  sub("e\\+", "e+", out)
}

# Number texts parsed with correct rounding: jsonlite's parser reads numbers with C's strtod, which
# rounds correctly; R's own as.numeric() (R_strtod) does not, and misjudges about 1 in 3000 16-digit
# texts as exact when a correct reader gets the neighbouring double (1 ulp off).
read_doubles_exactly <- function(text) {
  as.numeric(jsonlite::fromJSON(paste0("[", paste(text, collapse = ","), "]")))
}

json_string <- function(x) {
  x <- enc2utf8(x)
  x <- gsub("\\", "\\\\", x, fixed = TRUE)
  x <- gsub("\"", "\\\"", x, fixed = TRUE)
  x <- gsub("\n", "\\n", x, fixed = TRUE)
  x <- gsub("\r", "\\r", x, fixed = TRUE)
  x <- gsub("\t", "\\t", x, fixed = TRUE)
  x <- gsub("\b", "\\b", x, fixed = TRUE)
  x <- gsub("\f", "\\f", x, fixed = TRUE)
  # Other control characters as \u00XX.
  if (!any(grepl("[[:cntrl:]]", x))) {
    return(paste0("\"", x, "\""))
  }
  chars <- strsplit(x, "", useBytes = FALSE)
  x <- vapply(chars, function(cs) {
    control <- vapply(cs, function(ch) {
      code <- utf8ToInt(ch)
      length(code) == 1 && !is.na(code) && code < 32
    }, logical(1))
    cs[control] <- sprintf("\\u%04x", vapply(cs[control], utf8ToInt, integer(1)))
    paste(cs, collapse = "")
  }, character(1))
  paste0("\"", x, "\"")
}

json_scalar <- function(x) {
  if (length(x) == 0 || is.na(x)) {
    return("null")
  }
  if (is.logical(x)) {
    return(if (x) "true" else "false")
  }
  if (is.numeric(x)) {
    text <- format_number(x)
    return(if (is.na(text)) "null" else text)
  }
  if (inherits(x, "Date")) {
    return(json_string(format(x, "%Y-%m-%d")))
  }
  if (is.factor(x)) x <- as.character(x)
  json_string(as.character(x))
}

to_json <- function(value, pretty = FALSE) {
  render(value, pretty, 0L)
}

render <- function(value, pretty, depth) {
  if (is.null(value)) {
    return("null")
  }
  if (is.data.frame(value)) value <- data_frame_rows(value)
  if (is.list(value)) {
    keys <- names(value)
    is_object <- !is.null(keys)
    parts <- vapply(seq_along(value), function(i) {
      inner <- render(value[[i]], pretty, depth + 1L)
      if (!is_object) {
        return(inner)
      }
      paste0(json_string(keys[[i]]), if (pretty) ": " else ":", inner)
    }, character(1))
    open <- if (is_object) "{" else "["
    close <- if (is_object) "}" else "]"
    if (length(parts) == 0) {
      return(paste0(open, close))
    }
    if (!pretty) {
      return(paste0(open, paste(parts, collapse = ","), close))
    }
    indent <- strrep("  ", depth + 1L)
    return(paste0(
      open, "\n", indent, paste(parts, collapse = paste0(",\n", indent)), "\n",
      strrep("  ", depth), close
    ))
  }
  if (length(value) == 1) {
    return(json_scalar(value))
  }
  render(as.list(value), pretty, depth)
}

# Rows of a data frame as a list of objects (missing cells as null).
data_frame_rows <- function(df) {
  lapply(seq_len(nrow(df)), function(i) {
    row <- lapply(names(df), function(column) df[[column]][[i]])
    names(row) <- names(df)
    row
  })
}

# Parses JSON text into lists (objects are named lists, arrays unnamed lists), keeping every value's JSON
# type visible for the schema validator.
parse_json <- function(text) {
  jsonlite::fromJSON(text, simplifyVector = FALSE)
}
