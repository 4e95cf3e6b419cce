# Reading the run's data snapshot (input.csv) into a data frame: header names kept exactly, the usual
# spellings of missing values as NA, numbers as numbers, text as text. Dates stay text until the date
# column is known (prepare-data.R).

MISSING_VALUES <- c("", "NA", "NaN", "nan", "null", "NULL", "#N/A")

read_input_csv <- function(path) {
  header <- tryCatch(
    utils::read.csv(path, nrows = 1, header = FALSE, check.names = FALSE, colClasses = "character",
      encoding = "UTF-8", strip.white = TRUE
    ),
    error = function(e) stop_input("data", paste0("The data file is not a readable CSV file: ", conditionMessage(e)))
  )
  names <- trimws(unlist(header[1, ], use.names = FALSE))
  duplicate <- names[duplicated(names)]
  if (length(duplicate) > 0) {
    stop_input(duplicate[[1]], sprintf(
      "The data file has two columns named \"%s\": rename one of them so every column name is unique.", duplicate[[1]]
    ))
  }
  df <- utils::read.csv(path,
    check.names = FALSE, stringsAsFactors = FALSE, na.strings = MISSING_VALUES,
    encoding = "UTF-8", strip.white = TRUE
  )
  names(df) <- names
  if (nrow(df) < 2) {
    stop_input("data", "The data file needs a header row and at least two data rows.")
  }
  df
}

# The ISO date of each cell (YYYY-MM-DD, also written with / or with a time), NA where it is not a date;
# the same rule as the native engine's toIsoDate.
to_iso_date <- function(values) {
  text <- trimws(as.character(values))
  pattern <- "^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:[T ][\\d:.]+(?:Z|[+-]\\d{2}:?\\d{2})?)?$"
  ok <- !is.na(text) & grepl(pattern, text, perl = TRUE)
  out <- rep(NA_character_, length(text))
  if (!any(ok)) {
    return(out)
  }
  year <- sub(pattern, "\\1", text[ok], perl = TRUE)
  month <- sprintf("%02d", as.integer(sub(pattern, "\\2", text[ok], perl = TRUE)))
  day <- sprintf("%02d", as.integer(sub(pattern, "\\3", text[ok], perl = TRUE)))
  iso <- paste(year, month, day, sep = "-")
  real <- !is.na(as.Date(iso, format = "%Y-%m-%d", optional = TRUE)) &
    format(as.Date(iso, format = "%Y-%m-%d", optional = TRUE), "%Y-%m-%d") == iso
  out[ok] <- ifelse(real, iso, NA_character_)
  out
}
