/**
 * Pearson's correlation of two equally long series over the rows where both are finite (pairwise-complete,
 * R's `cor(x, y, use = "pairwise.complete.obs")`):
 *
 *   r = Σ (x − x̄)(y − ȳ) / √(Σ (x − x̄)² · Σ (y − ȳ)²)
 *
 * `undefined` when fewer than two rows are complete or either series is constant over them (r is 0/0).
 */
import { pairedMoments } from "./paired-moments.ts";

export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | undefined {
  const { n, sxx, syy, sxy } = pairedMoments(x, y);
  if (n < 2 || !(sxx > 0) || !(syy > 0)) return undefined;
  // Rounding can push |r| a hair above 1 for (anti-)proportional series.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
