# Robyn's error score (errors_scores; method notes §5.2), used when Robyn's tables lack the
# `error_score` column: each error min-max normalised over the models, weighted (1, 1, 1)/3, and the
# weighted distance to the origin. Same rules as the native engine's errorScores (engine/select/pareto.ts):
# ±Inf counts as 1, a constant column (e.g. MAPE without calibration) adds 0, NaN counts as 0.
# `nrmse` is nrmse_test with time-series validation, else nrmse_train.

error_scores <- function(nrmse, decomp_rssd, mape, weights = c(1, 1, 1)) {
  weights <- weights / sum(weights)
  total <- rep(0, length(nrmse))
  columns <- list(nrmse, decomp_rssd, mape)
  for (k in seq_along(columns)) {
    column <- as.numeric(columns[[k]])
    column[is.infinite(column)] <- if (any(is.finite(column))) 1 else 0
    known <- column[!is.na(column)]
    normalised <- if (length(known) == 1) column else (column - min(known)) / (max(known) - min(known))
    normalised[is.na(normalised)] <- 0
    total <- total + (weights[[k]] * normalised)^2
  }
  sqrt(total)
}
