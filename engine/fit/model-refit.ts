/**
 * Robyn's `model_refit` intercept rules around the ridge fit (method notes §3.6):
 * - intercept requested and `intercept_sign = "non_negative"`: when the fitted intercept is negative, refit
 *   without an intercept and count no intercept degree of freedom (`df.int = 0`);
 * - intercept requested and `"unconstrained"`: keep whatever sign comes out;
 * - no intercept requested: fit without one, but Robyn still counts `df.int = 1` (golden README quirk 2).
 */
import type { RidgeFit, RidgeSolver } from "./ridge.ts";

export type InterceptSign = "non_negative" | "unconstrained";

export interface RefitOutcome {
  /** True when the non-negative rule replaced a negative intercept by a fit without intercept. */
  interceptDropped: boolean;
  /** Degrees of freedom Robyn charges for the intercept in adjusted R². */
  dfInt: number;
}

export function modelRefit(
  solver: RidgeSolver,
  x: Float64Array,
  stride: number,
  n: number,
  p: number,
  y: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  lambda: number,
  intercept: boolean,
  interceptSign: InterceptSign,
  out: RidgeFit,
  penalty?: ArrayLike<number>,
): RefitOutcome {
  solver.fit(x, stride, n, p, y, lower, upper, lambda, intercept, out, penalty);
  if (intercept && interceptSign === "non_negative" && out.intercept < 0) {
    solver.fit(x, stride, n, p, y, lower, upper, lambda, false, out, penalty);
    return { interceptDropped: true, dfInt: 0 };
  }
  return { interceptDropped: false, dfInt: 1 };
}
