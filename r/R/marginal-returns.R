# mROI and the next-10 % view of model_summary.json, as the native engine computes them
# (engine/response/marginal-returns.ts on engine/allocator/response-curve.ts): per paid channel of the
# best model, on Robyn's allocator curve R(x) = coef / (1 + (inflexion / (x + carryover))^alpha) at the
# channel's mean spend per period x:
#   mroi = R'(x), marginal_response = R(x + 1) - R(x), next_10pct_response = R(1.1 x) - R(x).

response_at <- function(coef, alpha, inflexion, carryover, x) {
  z <- x + carryover
  if (z <= 0) return(0)
  coef / (1 + (inflexion / z)^alpha)
}

marginal_response_at <- function(coef, alpha, inflexion, carryover, x) {
  z <- x + carryover
  if (z <= 0) {
    if (coef == 0) return(0)
    if (alpha < 1) return(Inf)
    return(if (alpha == 1) coef / inflexion else 0)
  }
  r <- (inflexion / z)^alpha
  if (!is.finite(r)) return(if (alpha < 1) Inf else 0)
  coef * alpha * r / (z * (1 + r)^2)
}

# One list per paid channel row of `channel_rows` (pareto_aggregated rows of the best model), with the
# curve's alpha and inflexion from its pareto_hyperparameters row `best`.
channel_marginal_returns <- function(channel_rows, best) {
  lapply(seq_len(nrow(channel_rows)), function(i) {
    channel <- channel_rows$rn[[i]]
    parameter <- function(suffix) {
      column <- paste0(channel, "_", suffix)
      if (column %in% names(best)) as.numeric(best[[column]][[1]]) else NA_real_
    }
    coef <- as.numeric(channel_rows$coef[[i]])
    alpha <- parameter("alphas")
    inflexion <- parameter("inflexion")
    carryover <- as.numeric(channel_rows$mean_carryover[[i]])
    spend <- as.numeric(channel_rows$mean_spend[[i]])
    if (anyNA(c(coef, alpha, inflexion, carryover, spend))) {
      return(list(channel = channel, spend = spend, mroi = NA_real_, marginal_response = NA_real_, extra = NA_real_, gain = NA_real_))
    }
    now <- response_at(coef, alpha, inflexion, carryover, spend)
    list(
      channel = channel,
      spend = spend,
      mroi = marginal_response_at(coef, alpha, inflexion, carryover, spend),
      marginal_response = response_at(coef, alpha, inflexion, carryover, spend + 1) - now,
      extra = 0.1 * spend,
      gain = response_at(coef, alpha, inflexion, carryover, 1.1 * spend) - now
    )
  })
}

# "Where the next 10 % of budget earns most": channels by the gain, largest first, ties by name.
next_budget_ranking <- function(returns) {
  known <- Filter(function(r) !is.na(r$gain), returns)
  if (length(known) == 0) return(list())
  gains <- vapply(known, function(r) r$gain, numeric(1))
  names <- vapply(known, function(r) r$channel, character(1))
  lapply(known[order(-gains, names)], function(r) {
    list(
      channel = r$channel,
      extra_spend = r$extra,
      response_gain = r$gain,
      roi = if (r$extra == 0) NULL else r$gain / r$extra
    )
  })
}
