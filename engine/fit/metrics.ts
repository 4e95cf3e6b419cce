/**
 * Fit metrics as Robyn computes them (`get_rsq`, NRMSE in `model_refit`; method notes §3.7).
 * All functions read `y[from..to)` and `predicted[from..to)`.
 */

/**
 * Adjusted R²: R² = 1 − SSE/SST around the subset's own mean, then
 * 1 − (1 − R²)(n − dfInt)/(n − p − 1) where n is the number of **training** rows for every subset
 * (Robyn passes n_train for validation and test too) and p the number of regressors.
 */
export function adjustedRsq(
  y: ArrayLike<number>,
  predicted: ArrayLike<number>,
  from: number,
  to: number,
  p: number,
  dfInt: number,
  nTrain: number,
): number {
  let mean = 0;
  for (let t = from; t < to; t++) mean += y[t]!;
  mean /= to - from;
  let sse = 0;
  let sst = 0;
  for (let t = from; t < to; t++) {
    const residual = y[t]! - predicted[t]!;
    const deviation = y[t]! - mean;
    sse += residual * residual;
    sst += deviation * deviation;
  }
  const rsq = 1 - sse / sst;
  return 1 - ((1 - rsq) * (nTrain - dfInt)) / (nTrain - p - 1);
}

/** NRMSE = sqrt(mean((y − ŷ)²)) / (max(y) − min(y)), normalised by the range of this subset's actual y. */
export function nrmse(y: ArrayLike<number>, predicted: ArrayLike<number>, from: number, to: number): number {
  let sse = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let t = from; t < to; t++) {
    const residual = y[t]! - predicted[t]!;
    sse += residual * residual;
    if (y[t]! < min) min = y[t]!;
    if (y[t]! > max) max = y[t]!;
  }
  return Math.sqrt(sse / (to - from)) / (max - min);
}
