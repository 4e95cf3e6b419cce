# output/refresh_report.json of a Robyn refresh, as the native trainer writes it
# (engine/refresh/refresh-report.ts; tests/infra/r-trainer-contract.test.ts exports a native report that the
# R tests rebuild). Per paid channel: ROI (CPA for conversions), effect share, mROI and spend before (the
# parent, from the spec's refresh block), after (Robyn's refresh winner) and refit (the parent's
# hyperparameters fitted by Robyn on the refresh window), flagged when the new value leaves the parent's
# interval, and the change split into
#
#   new data      = |refit - before|     re-estimation = |after - refit|
#
# as shares of their sum. The sentences are the native ones, word for word.

# formatRatio / formatPercent / formatCompact of engine/report/format.ts.
format_ratio <- function(value) {
  if (!is.finite(value)) {
    return("\u2013")
  }
  if (abs(value) < 100) sprintf("%.2f", value) else format_compact(value)
}

format_compact <- function(value, significant = 3) {
  trim <- function(text) sub("\\.$", "", sub("(\\.[0-9]*?)0+$", "\\1", text))
  units <- c(T = 1e12, B = 1e9, M = 1e6, k = 1e3)
  for (suffix in names(units)) {
    if (abs(value) >= units[[suffix]] * (1 - 0.5 * 10^-significant)) {
      return(paste0(trim(formatC(value / units[[suffix]], digits = significant, format = "fg", flag = "#")), suffix))
    }
  }
  trim(formatC(value, digits = significant, format = "fg", flag = "#"))
}

format_percent <- function(share, decimals = 1) {
  if (!is.finite(share)) {
    return("\u2013")
  }
  sprintf(paste0("%.", decimals, "f%%"), share * 100)
}

finite_or_null <- function(x) {
  if (length(x) == 0 || is.null(x)) {
    return(NULL)
  }
  x <- suppressWarnings(as.numeric(x[[1]]))
  if (is.finite(x)) x else NULL
}

no_figures <- function() list(value = NULL, effect_share = NULL, mroi = NULL, mean_spend = NULL)

# Each paid channel's figures in one model: its xDecompAgg / pareto_aggregated rows (`rows`) and its
# resultHypParam / pareto_hyperparameters row (`parameters`, for the response curves' alpha and inflexion).
channel_figures <- function(rows, parameters, metric) {
  paid <- rows[!is.na(rows$spend_share), , drop = FALSE]
  marginal <- channel_marginal_returns(paid, parameters)
  figures <- lapply(seq_len(nrow(paid)), function(i) {
    list(
      value = finite_or_null(if (metric == "roi") paid$roi_total[[i]] else paid$cpa_total[[i]]),
      effect_share = finite_or_null(paid$effect_share[[i]]),
      mroi = finite_or_null(marginal[[i]]$mroi),
      mean_spend = finite_or_null(paid$mean_spend[[i]])
    )
  })
  stats::setNames(figures, paid$rn)
}

change_split <- function(before, refit, after) {
  if (is.null(before) || is.null(refit) || is.null(after)) {
    return(NULL)
  }
  data <- abs(refit - before)
  reestimation <- abs(after - refit)
  total <- data + reestimation
  if (total == 0) NULL else list(data = data / total, reestimation = reestimation / total)
}

channel_sentence <- function(change, metric, period) {
  label <- paste(change$channel, toupper(metric))
  before <- change$before
  after <- change$after
  if (is.null(before$value) || is.null(after$value)) {
    return(paste0(label, ": not comparable (no value before or after)."))
  }
  text <- if (change$change == 0) {
    sprintf("%s stayed at %s", label, format_ratio(before$value))
  } else {
    sprintf(
      "%s %s %s to %s", label, if (change$change > 0) "rose from" else "fell from",
      format_ratio(before$value), format_ratio(after$value)
    )
  }
  interval <- change$previous_interval
  if (!is.null(interval)) {
    text <- sprintf(
      "%s, %s the previous range %s\u2013%s", text, if (isTRUE(change$outside_previous_interval)) "outside" else "within",
      format_ratio(interval$low), format_ratio(interval$up)
    )
  }
  reasons <- character(0)
  if (!is.null(before$mean_spend) && before$mean_spend != 0 && !is.null(after$mean_spend)) {
    spend <- after$mean_spend / before$mean_spend - 1
    if (abs(spend) >= 0.05) {
      reasons <- c(reasons, sprintf(
        "spend per %s %s %s", period, if (spend > 0) "rose" else "fell", format_percent(abs(spend), 0)
      ))
    }
  }
  new_data <- change$explained_by_new_data
  if (!is.null(new_data) && !is.null(change$explained_by_reestimation)) {
    reasons <- c(reasons, if (new_data >= 0.5) {
      sprintf("the new data explains %s of the change", format_percent(new_data, 0))
    } else {
      sprintf("re-estimating the model explains %s of the change", format_percent(change$explained_by_reestimation, 0))
    })
  }
  # "Spend rose, so the new data explains it" reads as a cause only when the new data explains most of it.
  joiner <- if (!is.null(new_data) && new_data >= 0.5) ", so " else "; "
  if (length(reasons) > 0) paste0(text, "; ", paste(reasons, collapse = joiner), ".") else paste0(text, ".")
}

channel_change <- function(parent, before, after, refit, metric, period) {
  now <- if (is.null(after)) no_figures() else after
  interval <- parent$interval
  outside <- if (!is.null(interval) && !is.null(now$value)) now$value < interval$low || now$value > interval$up
  split <- change_split(before$value, refit$value, now$value)
  change <- list(
    channel = parent$channel,
    before = before,
    after = now,
    refit = if (is.null(refit)) no_figures() else refit,
    previous_interval = interval,
    outside_previous_interval = outside,
    change = if (!is.null(before$value) && !is.null(now$value)) now$value - before$value,
    explained_by_new_data = split$data,
    explained_by_reestimation = split$reestimation
  )
  c(change, list(sentence = channel_sentence(change, metric, period)))
}

# `after` and `refit`: channel figures (channel_figures()) of the winner and of the refit, by channel.
build_refresh_report <- function(refresh, dep_var_type, period, window, model, after, refit) {
  metric <- if (dep_var_type == "revenue") "roi" else "cpa"
  channels <- lapply(refresh$parent$channels, function(parent) {
    before <- list(
      value = finite_or_null(if (metric == "roi") parent$roi_total else parent$cpa_total),
      effect_share = finite_or_null(parent$effect_share),
      mroi = finite_or_null(parent$mroi),
      mean_spend = finite_or_null(parent$mean_spend)
    )
    channel_change(parent, before, after[[parent$channel]], refit[[parent$channel]], metric, period)
  })
  flagged <- Filter(function(c) isTRUE(c$outside_previous_interval), channels)
  restated <- refresh$restated
  summary <- c(
    sprintf(
      "Refreshed %s of run %s with %d new %s(s): the window now runs %s to %s; model %s stays closest to the previous story.",
      refresh$of$model, refresh$of$run, as.integer(refresh$steps), period, window$start, window$end, model
    ),
    if (length(flagged) == 0) {
      sprintf("No channel's %s moved outside its previous range.", toupper(metric))
    } else {
      sprintf("%s moved outside the previous range.", paste(vapply(flagged, function(c) c$channel, character(1)), collapse = ", "))
    },
    vapply(restated, function(r) {
      sprintf("%s was restated for %d old %s(s) (%s to %s).", r$column, as.integer(r$periods), period, r$first_date, r$last_date)
    }, character(1)),
    vapply(channels, function(c) c$sentence, character(1))
  )
  list(
    refresh_of = refresh$of,
    model = model,
    metric = metric,
    steps = as.integer(refresh$steps),
    freedom = refresh$freedom,
    window = list(
      before = list(start = refresh$parent$window_start, end = refresh$parent$window_end),
      after = list(start = window$start, end = window$end),
      added_start = refresh$added_start
    ),
    channels = channels,
    restated = json_array(restated),
    summary = json_array(summary)
  )
}
