# Data preparation before Robyn, following the native engine's (engine/data/) so that the
# same data and spec give the same table on both engines:
#
# 1. country: rows of the spec's country, on `data.country_column` (which must exist) or else the first
#    of COUNTRY, COUNTRY_CODE, MARKET, COUNTRY_ISO, LOCALE. Without such a column the snapshot is taken
#    to hold one country (the app snapshots per country); the log says so. No rows left is an error.
#    (The replaced product trained on unfiltered data when the value was missing.)
# 2. dates: `date_var` ("auto" = the one column holding only dates), rows in date order.
# 3. duplicate dates: merged, numbers by `aggregations` (default sum), text by its most frequent value.
# 4. frequency: the most common step between dates (day, week, month); a missing period is an error
#    (adstock assumes one row per period; the replaced product zero-filled a daily calendar, which broke
#    weekly data).
# 5. resampling (`resample` week|month): rows cut into the days they cover (a week across two months is
#    split by days), combined per period: sum Σ value·share, mean weighted by days, max, min, text by the
#    value covering most days; partial first and last periods are dropped. Data already at that frequency
#    is left alone; monthly data cannot become weekly.

COUNTRY_COLUMN_CANDIDATES <- c("COUNTRY", "COUNTRY_CODE", "MARKET", "COUNTRY_ISO", "LOCALE")
WEEKDAY_NUMBERS <- c(sunday = 0, monday = 1, tuesday = 2, wednesday = 3, thursday = 4, friday = 5, saturday = 6)

match_column_name <- function(columns, wanted) {
  if (wanted %in% columns) {
    return(wanted)
  }
  matches <- columns[tolower(columns) == tolower(wanted)]
  if (length(matches) == 1) matches else NA_character_
}

list_columns <- function(columns, max = 40) {
  shown <- paste(utils::head(columns, max), collapse = ", ")
  if (length(columns) > max) paste0(shown, " and ", length(columns) - max, " more") else shown
}

filter_country <- function(df, country, named_column, log = function(text) NULL) {
  column <- NA_character_
  if (!is.null(named_column)) {
    column <- match_column_name(names(df), trimws(named_column))
    if (is.na(column)) {
      stop_input("data.country_column", sprintf(
        "The country column \"%s\" is not in the data. Its columns are: %s. Set data.country_column to the column that holds the country code.",
        named_column, list_columns(names(df))
      ))
    }
  } else {
    for (candidate in COUNTRY_COLUMN_CANDIDATES) {
      column <- match_column_name(names(df), candidate)
      if (!is.na(column)) break
    }
  }
  if (is.na(column)) {
    log(sprintf("no country column in the data: it is taken to hold %s only", country))
    return(df)
  }
  values <- toupper(trimws(as.character(df[[column]])))
  keep <- !is.na(values) & values == toupper(country)
  if (!any(keep)) {
    present <- sort(unique(values[!is.na(values)]))
    stop_input("country", sprintf(
      "The data has no rows for country %s in column \"%s\" (it holds %s). Check the country or data.country_column.",
      country, column, list_columns(present, 20)
    ))
  }
  log(sprintf("kept %d of %d rows where %s is %s", sum(keep), nrow(df), column, country))
  df[keep, , drop = FALSE]
}

find_date_column <- function(df, date_var) {
  if (date_var != "auto") {
    column <- if (date_var %in% names(df)) date_var else NA_character_
    if (is.na(column)) {
      stop_input("date_var", sprintf(
        "Column \"%s\" named in date_var is not in the data. The data has: %s.", date_var, list_columns(names(df))
      ))
    }
    return(column)
  }
  candidates <- names(df)[vapply(names(df), function(name) {
    iso <- to_iso_date(df[[name]])
    length(iso) > 0 && !anyNA(iso)
  }, logical(1))]
  if (length(candidates) == 1) {
    return(candidates)
  }
  if (length(candidates) == 0) {
    stop_input("date_var", "No column of the data holds only dates (YYYY-MM-DD): set date_var to the date column.")
  }
  stop_input("date_var", sprintf(
    "Several columns hold dates (%s): set date_var to the one that dates the periods.", paste(candidates, collapse = ", ")
  ))
}

parse_dates <- function(df, date_column) {
  iso <- to_iso_date(df[[date_column]])
  bad <- which(is.na(iso))
  if (length(bad) > 0) {
    stop_input("date_var", sprintf(
      "Row %d of the date column \"%s\" holds \"%s\", which is not a date. Dates must be written YYYY-MM-DD (e.g. 2016-01-04).",
      bad[[1]], date_column, as.character(df[[date_column]][[bad[[1]]]])
    ))
  }
  as.Date(iso)
}

# The first day of each date's period.
period_start <- function(dates, resample, week_start) {
  if (resample == "month") {
    return(as.Date(format(dates, "%Y-%m-01")))
  }
  weekday <- as.POSIXlt(dates)$wday
  offset <- (weekday - WEEKDAY_NUMBERS[[week_start]] + 7) %% 7
  dates - offset
}

period_length <- function(starts, resample) {
  if (resample == "week") {
    return(rep(7, length(starts)))
  }
  next_month <- as.Date(format(as.Date(format(starts, "%Y-%m-28")) + 4, "%Y-%m-01"))
  as.numeric(next_month - starts)
}

# The most frequent text value, weighted by days; the first seen wins a tie.
most_frequent <- function(values, days) {
  known <- !is.na(values)
  if (!any(known)) {
    return(NA_character_)
  }
  totals <- tapply(days[known], factor(values[known], levels = unique(values[known])), sum)
  names(totals)[which.max(totals)]
}

combine_numbers <- function(values, days, share, how) {
  known <- !is.na(values)
  if (!any(known)) {
    return(NA_real_)
  }
  values <- as.numeric(values[known])
  switch(how,
    sum = sum(values * share[known]),
    mean = sum(values * days[known]) / sum(days[known]),
    max = max(values),
    min = min(values)
  )
}

# Combines rows per group: `entries` has columns row, group, days, share; groups are 1..n.
aggregate_entries <- function(df, date_column, entries, group_dates, aggregations) {
  out <- list()
  for (column in names(df)) {
    if (column == date_column) {
      out[[column]] <- group_dates
      next
    }
    values <- df[[column]][entries$row]
    by_group <- split(seq_len(nrow(entries)), entries$group)
    if (is.numeric(df[[column]])) {
      how <- if (column %in% names(aggregations)) aggregations[[column]] else "sum"
      out[[column]] <- vapply(by_group, function(i) combine_numbers(values[i], entries$days[i], entries$share[i], how), numeric(1))
    } else {
      out[[column]] <- vapply(by_group, function(i) most_frequent(as.character(values[i]), entries$days[i]), character(1))
    }
  }
  result <- as.data.frame(out, check.names = FALSE, stringsAsFactors = FALSE)
  rownames(result) <- NULL
  result
}

collapse_duplicates <- function(df, date_column, dates, aggregations) {
  group_dates <- unique(dates)
  entries <- data.frame(row = seq_len(nrow(df)), group = match(dates, group_dates), days = 1, share = 1)
  aggregate_entries(df, date_column, entries, group_dates, aggregations)
}

# Rows cut into the days each covers per output period; partial first and last periods dropped.
resample_rows <- function(df, date_column, dates, from, resample, week_start, aggregations, log) {
  if (from == "month" && resample == "week") {
    stop_input("resample", "The data is monthly, so it cannot be resampled to weeks: set resample to \"month\" or \"none\".")
  }
  if (from == resample) {
    log(sprintf("the data is already %sly: not resampled", resample))
    return(df)
  }
  row_days <- if (from == "week") 7 else 1
  covered <- data.frame(row = rep(seq_len(nrow(df)), each = row_days), day = rep(dates, each = row_days) + rep(seq_len(row_days) - 1, nrow(df)))
  covered$period <- period_start(covered$day, resample, week_start)
  segments <- stats::aggregate(list(days = rep(1, nrow(covered))), by = list(row = covered$row, period = covered$period), FUN = sum)
  segments <- segments[order(segments$row, segments$period), ]
  coverage <- tapply(segments$days, as.character(segments$period), sum)
  starts <- as.Date(names(coverage))
  complete <- as.character(starts[coverage == period_length(starts, resample)])
  if (length(complete) == 0) {
    stop_input("resample", sprintf(
      "The data covers %s to %s, which holds no complete %s: resampling to %ss needs data for at least one whole %s. Load a longer period, or set resample to \"none\".",
      format(dates[[1]]), format(dates[[length(dates)]] + row_days - 1), resample, resample, resample
    ))
  }
  dropped <- setdiff(as.character(starts), complete)
  if (length(dropped) > 0) log(sprintf("dropped partial %s(s) starting %s", resample, paste(dropped, collapse = ", ")))
  segments <- segments[as.character(segments$period) %in% complete, ]
  group_dates <- sort(as.Date(complete))
  entries <- data.frame(
    row = segments$row, group = match(segments$period, group_dates), days = segments$days, share = segments$days / row_days
  )
  entries <- entries[order(entries$group, entries$row), ]
  aggregate_entries(df, date_column, entries, group_dates, aggregations)
}

# Day, week or month: the most common step between consecutive dates (Robyn looks at the first two only,
# so one missing first period would read as "14 days apart").
detect_interval <- function(dates, date_column) {
  if (length(dates) < 2) {
    stop_input("date_var", sprintf("The data has %d row(s): at least two dated rows are needed.", length(dates)))
  }
  steps <- as.numeric(diff(dates))
  kinds <- ifelse(steps == 1, "day", ifelse(steps == 7, "week", ifelse(steps >= 28 & steps <= 31, "month", NA)))
  if (all(is.na(kinds))) {
    stop_input("date_var", sprintf(
      "The first two dates in \"%s\" (%s and %s) are %s days apart: the data must be daily, weekly or monthly. Resample it (resample: \"week\" or \"month\") or fix the dates.",
      date_column, dates[[1]], dates[[2]], format(steps[[1]])
    ))
  }
  counts <- table(factor(kinds[!is.na(kinds)], levels = c("day", "week", "month")))
  names(counts)[which.max(counts)]
}

missing_periods <- function(dates, interval) {
  if (interval == "month") {
    months <- as.numeric(format(dates, "%Y")) * 12 + as.numeric(format(dates, "%m"))
    all <- seq(min(months), max(months))
    gaps <- setdiff(all, months)
    return(as.Date(sprintf("%04d-%02d-01", (gaps - 1) %/% 12, (gaps - 1) %% 12 + 1)))
  }
  step <- if (interval == "day") 1 else 7
  expected <- seq(dates[[1]], dates[[length(dates)]], by = step)
  expected[!(expected %in% dates)]
}

prepare_data <- function(df, spec, log = function(text) NULL) {
  rows_read <- nrow(df)
  df <- filter_country(df, spec$market, spec$data$country_column, log)
  date_column <- find_date_column(df, spec$date_var)
  dates <- parse_dates(df, date_column)
  order_rows <- order(dates)
  df <- df[order_rows, , drop = FALSE]
  dates <- dates[order_rows]
  df[[date_column]] <- dates
  rownames(df) <- NULL

  repeated <- unique(dates[duplicated(dates)])
  if (length(repeated) > 0) {
    before <- nrow(df)
    df <- collapse_duplicates(df, date_column, dates, spec$aggregations)
    dates <- df[[date_column]]
    log(sprintf(
      "merged %d rows sharing %d date(s) (first: %s): numbers by their aggregation, text by its most frequent value",
      before - nrow(df), length(repeated), format(sort(repeated)[[1]])
    ))
  }

  interval <- detect_interval(dates, date_column)
  gaps <- missing_periods(dates, interval)
  if (length(gaps) > 0) {
    stop_input("date_var", sprintf(
      "%d %s(s) are missing between %s and %s (first missing: %s): the model needs one row per period. Add rows with zeros for periods without activity, or resample to a coarser period.",
      length(gaps), interval, format(dates[[1]]), format(dates[[length(dates)]]), format(gaps[[1]])
    ))
  }
  if (spec$resample != "none") {
    before <- nrow(df)
    df <- resample_rows(df, date_column, dates, interval, spec$resample, spec$week_start, spec$aggregations, log)
    if (interval != spec$resample) {
      log(sprintf(
        "resampled %d rows to %d %ss%s", before, nrow(df), spec$resample,
        if (spec$resample == "week") paste0(" starting on ", spec$week_start) else ""
      ))
      interval <- spec$resample
    }
  }
  list(data = df, date_var = date_column, interval = interval, rows_read = rows_read, rows = nrow(df))
}
