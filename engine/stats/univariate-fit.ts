/**
 * How well one variable alone explains a goal: the ordinary least squares line with an intercept,
 * ŷ = a + b·x, over the rows where both are finite, and two measures of its fit:
 *
 *   b   = Σ (x − x̄)(y − ȳ) / Σ (x − x̄)²,   a = ȳ − b·x̄
 *   R²  = 1 − Σ (y − ŷ)² / Σ (y − ȳ)²                       (the share of the goal's variance the line explains)
 *   NMAE = mean |y − ŷ| / mean |y|                         (the typical miss as a share of the goal's typical size)
 *
 * NMAE is normalised by the mean absolute goal, so 0.1 reads "the line misses by 10 % of an average period's
 * goal"; the replaced product divided by the goal's range (max − min) instead, which gives smaller numbers
 * for the same fit. With an intercept, R² equals the squared Pearson correlation of x and y.
 */
import { complete, pairedMoments } from "./paired-moments.ts";

export interface UnivariateFit {
  readonly intercept: number;
  readonly slope: number;
  readonly r2: number;
  readonly nmae: number;
  /** Rows where both x and y were finite. */
  readonly rows: number;
}

/**
 * `undefined` when fewer than three rows are complete or x or y is constant over them (no line, or R² is
 * 0/0); `nmae` is NaN when every goal value is 0.
 */
export function univariateFit(x: ArrayLike<number>, y: ArrayLike<number>): UnivariateFit | undefined {
  const { n: rows, meanX, meanY, sxx, syy, sxy } = pairedMoments(x, y);
  if (rows < 3 || !(sxx > 0) || !(syy > 0)) return undefined;
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let squaredErrors = 0;
  let absoluteErrors = 0;
  let absoluteGoal = 0;
  for (let t = 0; t < x.length; t++) {
    if (!complete(x, y, t)) continue;
    const residual = y[t]! - (intercept + slope * x[t]!);
    squaredErrors += residual * residual;
    absoluteErrors += Math.abs(residual);
    absoluteGoal += Math.abs(y[t]!);
  }
  return {
    intercept,
    slope,
    r2: 1 - squaredErrors / syy,
    nmae: absoluteGoal > 0 ? absoluteErrors / absoluteGoal : Number.NaN,
    rows,
  };
}
