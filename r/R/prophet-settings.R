# The spec's holidays and seasonality switches as Robyn takes them (core/prophet-settings.ts is the
# TypeScript side):
# - dt_holidays: the user's rows of the run's country (a row without a country is the run's), plus
#   Robyn's own dt_prophet_holidays rows of that country unless country_holidays is false. Without user
#   rows nothing is passed and Robyn uses its own table, as before.
# - prophet_seasonality yearly/weekly become robyn_inputs' custom parameters yearly.seasonality and
#   weekly.seasonality, which Robyn hands to prophet(); daily seasonality stays FALSE (Robyn fixes it).

# Robyn's dt_holidays for the spec, or NULL to leave Robyn's default table; `builtin` is Robyn's
# dt_prophet_holidays (read only when needed).
holidays_frame <- function(spec, builtin) {
  rows <- spec$dt_holidays
  if (length(rows) == 0 || spec$prophet != "native" || !("holiday" %in% spec$prophet_vars)) {
    return(NULL)
  }
  country_of <- function(row) if (is.null(row$country)) spec$country else toupper(row$country)
  own <- Filter(function(row) country_of(row) == spec$country, rows)
  ds <- as.Date(vapply(own, function(row) row$ds, character(1)))
  frame <- data.frame(
    ds = ds,
    holiday = vapply(own, function(row) row$holiday, character(1)),
    country = spec$country,
    year = vapply(seq_along(own), function(i) {
      year <- own[[i]]$year
      if (is.null(year)) as.integer(format(ds[[i]], "%Y")) else as.integer(year)
    }, integer(1)),
    stringsAsFactors = FALSE
  )
  if (!isFALSE(spec$country_holidays)) {
    calendar <- as.data.frame(builtin())
    calendar <- calendar[calendar$country == spec$country, c("ds", "holiday", "country", "year"), drop = FALSE]
    calendar$ds <- as.Date(calendar$ds)
    calendar$year <- as.integer(calendar$year)
    frame <- rbind(calendar, frame)
  }
  frame
}

# robyn_inputs' custom Prophet parameters (its `...`): only the switches the spec sets.
prophet_custom_params <- function(spec) {
  switches <- spec$prophet_seasonality
  if (spec$prophet != "native" || is.null(switches)) {
    return(list())
  }
  params <- list(yearly.seasonality = switches$yearly, weekly.seasonality = switches$weekly)
  params[!vapply(params, is.null, logical(1))]
}

# The zod refinement of core/prophet-settings.ts, same wording.
prophet_settings_problems <- function(spec) {
  problems <- character(0)
  holiday <- "holiday" %in% spec$prophet_vars
  native <- spec$prophet == "native"
  if (!is.null(spec$dt_holidays)) {
    if (!native) {
      problems <- c(problems, 'dt_holidays has no effect with "prophet": "precomputed" (the holiday column is read from the data): remove it or use the native decomposition')
    } else if (!holiday) {
      problems <- c(problems, "dt_holidays has no effect without the holiday component: add holiday to prophet_vars or remove it")
    }
  }
  if (isFALSE(spec$country_holidays) && native && holiday) {
    own <- Filter(function(row) is.null(row$country) || toupper(row$country) == spec$country, spec$dt_holidays)
    if (length(own) == 0) {
      problems <- c(problems, if (is.null(spec$dt_holidays)) {
        "country_holidays is false and there is no dt_holidays, so the holiday component would be empty: give dt_holidays or set it to true"
      } else {
        sprintf("dt_holidays has no rows for country %s and country_holidays is false, so the holiday component would be empty: add rows for %s", spec$country, spec$country)
      })
    }
  }
  switches <- spec$prophet_seasonality
  if (!is.null(switches) && !native) {
    problems <- c(problems, 'prophet_seasonality has no effect with "prophet": "precomputed": remove it or use the native decomposition')
  }
  for (pair in list(c("yearly", "season"), c("weekly", "weekday"))) {
    if (isFALSE(switches[[pair[[1]]]]) && pair[[2]] %in% spec$prophet_vars) {
      problems <- c(problems, sprintf(
        "prophet_seasonality.%s is false but prophet_vars asks for %s, which is that seasonality: remove %s from prophet_vars or turn %s on",
        pair[[1]], pair[[2]], pair[[2]], pair[[1]]
      ))
    }
  }
  problems
}
