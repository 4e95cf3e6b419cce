/**
 * How one column alone relates to the goal, the three numbers the replaced product showed per paid spend
 * and per media response variable (seed inventory §1.4, step 3): Spearman's ρ (average ranks for ties),
 * the R² of the univariate OLS line with an intercept, and that line's NMAE (mean absolute error / mean
 * |goal|). Rows where either is missing are left out. Null where a number is not defined (a constant
 * column, fewer than three rows, a goal that is 0 throughout).
 */
import { spearman } from "../../engine/stats/rank-correlation.ts";
import { univariateFit } from "../../engine/stats/univariate-fit.ts";

export interface GoalFit {
  readonly spearman: number | null;
  readonly r2: number | null;
  readonly nmae: number | null;
}

export function goalFit(x: Float64Array, goal: Float64Array): GoalFit {
  const fit = univariateFit(x, goal);
  const nmae = fit?.nmae;
  return {
    spearman: spearman(x, goal) ?? null,
    r2: fit?.r2 ?? null,
    nmae: nmae !== undefined && Number.isFinite(nmae) ? nmae : null,
  };
}
