/**
 * Pearson's correlation of two equally long series over the rows where both are finite (pairwise-complete,
 * R's `cor(x, y, use = "pairwise.complete.obs")`):
 *
 *   r = Σ (x − x̄)(y − ȳ) / √(Σ (x − x̄)² · Σ (y − ȳ)²)
 *
 * `undefined` when fewer than two rows are complete or either series is constant over them (r is 0/0).
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | undefined {
  let n = 0;
  let sumX = 0;
  let sumY = 0;
  for (let t = 0; t < x.length; t++) {
    if (!Number.isFinite(x[t]) || !Number.isFinite(y[t])) continue;
    n++;
    sumX += x[t]!;
    sumY += y[t]!;
  }
  if (n < 2) return undefined;
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let t = 0; t < x.length; t++) {
    if (!Number.isFinite(x[t]) || !Number.isFinite(y[t])) continue;
    const dx = x[t]! - meanX;
    const dy = y[t]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return undefined;
  // Rounding can push |r| a hair above 1 for (anti-)proportional series.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
