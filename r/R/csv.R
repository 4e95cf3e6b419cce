# CSV text as the native trainer writes it (engine/outputs/csv.ts; R's write.csv(row.names = FALSE)
# conventions): a header row, missing values as NA, infinities as Inf/-Inf, logicals as TRUE/FALSE,
# numbers at full precision (format_number), dates as YYYY-MM-DD, and a field quoted only when it holds
# a comma, a quote or a line break. Lines end with "\n", the last one too.
#
# The allocator table uses an empty cell for missing values, as the native allocator table does
# (`na = ""`).

csv_cells <- function(values, na = "NA") {
  if (inherits(values, "Date")) {
    out <- format(values, "%Y-%m-%d")
  } else if (is.logical(values)) {
    out <- ifelse(values, "TRUE", "FALSE")
  } else if (is.numeric(values)) {
    out <- format_number(values)
    out[!is.na(values) & values == Inf] <- "Inf"
    out[!is.na(values) & values == -Inf] <- "-Inf"
    out[is.nan(values)] <- NA_character_
  } else {
    out <- as.character(values)
  }
  quote <- !is.na(out) & grepl("[\",\r\n]", out)
  out[quote] <- paste0("\"", gsub("\"", "\"\"", out[quote], fixed = TRUE), "\"")
  out[is.na(out)] <- na
  out
}

to_csv <- function(df, na = "NA") {
  header <- csv_cells(names(df))
  if (ncol(df) == 0) {
    return("\n")
  }
  cells <- lapply(df, csv_cells, na = na)
  rows <- if (nrow(df) == 0) character(0) else do.call(paste, c(cells, sep = ","))
  paste0(paste(c(paste(header, collapse = ","), rows), collapse = "\n"), "\n")
}

write_csv_file <- function(df, path, na = "NA") {
  dir.create(dirname(path), recursive = TRUE, showWarnings = FALSE)
  connection <- file(path, open = "wb")
  on.exit(close(connection))
  writeBin(charToRaw(enc2utf8(to_csv(df, na))), connection)
  invisible(path)
}
