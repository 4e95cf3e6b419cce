/**
 * Adstock: how media effects carry over into later periods (Robyn `transformation.R`, method notes §2.1–2.2).
 *
 * Every kernel reads `x[0..n)` and writes the adstocked series into `out[0..n)`; nothing is allocated
 * except where noted, so the search can call them once per model and channel.
 */
import { quantileOfSequence, roundHalfEven } from "../stats/r-numbers.ts";

/**
 * Geometric adstock (`adstock_geometric`): a_1 = x_1, a_t = x_t + θ·a_{t−1}. θ in [0, 1).
 * The immediate part is x itself; the carryover is a − x.
 */
export function geometricAdstock(x: ArrayLike<number>, theta: number, out: Float64Array, n = x.length): void {
  let carried = 0;
  for (let t = 0; t < n; t++) {
    carried = x[t]! + theta * carried;
    out[t] = carried;
  }
}

/**
 * The Weibull scale in periods: L = round(quantile(1:windowLength, scale)), R's half-to-even rounding.
 * Robyn passes the full data length as `windlen`, so `scale` is a share of all rows, not of the window.
 */
export function weibullScalePeriods(scale: number, windowLength: number): number {
  return roundHalfEven(quantileOfSequence(windowLength, scale));
}

/**
 * Weibull CDF decay weights d_1..d_n (`adstock_weibull(type = "cdf")`): d_1 = 1 and
 * d_j = Π_{i=1}^{j−1} S(i) with S(i) = 1 − F(i), F the Weibull CDF with the given shape and scale L.
 * S is computed as `1 − F` (not exp(−(i/L)^shape)) because Robyn does so: far in the tail the weights lose
 * their relative precision in exactly the same way (golden README, quirk 9).
 * Shape 0 or scale 0 means no adstock: all weights are 0 and the series is left unchanged.
 */
export function weibullCdfWeights(shape: number, scale: number, n: number, out: Float64Array): void {
  if (shape === 0 || scale === 0) {
    out.fill(0, 0, n);
    return;
  }
  const L = weibullScalePeriods(scale, n);
  let product = 1;
  out[0] = 1;
  for (let j = 1; j < n; j++) {
    const cdf = -Math.expm1(-Math.pow(j / L, shape));
    product *= 1 - cdf;
    out[j] = product;
  }
}

/**
 * Weibull PDF decay weights (`adstock_weibull(type = "pdf")`): the Weibull density at lags 1..n with
 * scale L, min–max normalised so that the largest weight is exactly 1 and the smallest exactly 0; when all
 * densities are equal the weights are (1, 0, …, 0).
 */
export function weibullPdfWeights(shape: number, scale: number, n: number, out: Float64Array): void {
  if (shape === 0 || scale === 0) {
    out.fill(0, 0, n);
    return;
  }
  const L = weibullScalePeriods(scale, n);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    const density = weibullDensity(j + 1, shape, L);
    out[j] = density;
    if (density < min) min = density;
    if (density > max) max = density;
  }
  if (max === min) {
    out.fill(0, 0, n);
    out[0] = 1;
    return;
  }
  const range = max - min;
  for (let j = 0; j < n; j++) out[j] = (out[j]! - min) / range;
}

/** Weibull density f(x; k, λ) = (k/λ)(x/λ)^(k−1) exp(−(x/λ)^k), as R's `dweibull` (log-space form). */
function weibullDensity(x: number, shape: number, scale: number): number {
  const z = x / scale;
  const zk = Math.pow(z, shape);
  return (shape / scale) * Math.exp((shape - 1) * Math.log(z) - zk);
}

/**
 * Finite causal convolution with decay weights: a_t = Σ_{u ≤ t} x_u · d_{t−u+1} (1-based), O(n²).
 * With all-zero weights (no adstock) the series is copied unchanged, as Robyn does.
 * `out` must not alias `x`.
 */
export function convolveDecay(
  x: ArrayLike<number>,
  weights: Float64Array,
  out: Float64Array,
  n = x.length,
): void {
  if (weights[0] === 0 && isAllZero(weights, n)) {
    for (let t = 0; t < n; t++) out[t] = x[t]!;
    return;
  }
  out.fill(0, 0, n);
  // Scatter each period's input forward: skips the work for zero-spend periods, common in media data.
  for (let u = 0; u < n; u++) {
    const xu = x[u]!;
    if (xu === 0) continue;
    for (let t = u; t < n; t++) out[t] = out[t]! + xu * weights[t - u]!;
  }
}

function isAllZero(values: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (values[i] !== 0) return false;
  return true;
}

/** Σ adstocked / Σ raw over all rows: Robyn's `inflation`. */
export function inflation(x: ArrayLike<number>, adstocked: ArrayLike<number>, n = x.length): number {
  let sumX = 0;
  let sumA = 0;
  for (let t = 0; t < n; t++) {
    sumX += x[t]!;
    sumA += adstocked[t]!;
  }
  return sumA / sumX;
}
