/**
 * Which channel bounds bind an allocation, and what relaxing each one would add (issue "Decisions", item 4).
 *
 * A channel whose optimised spend sits on its lower or upper bound is "at" that bound. For each such bound the
 * problem is solved again with only that bound moved to where the widened run puts it (Robyn's
 * `channel_constr_multiplier`: low' = max(0, 1 − (1 − low)·m), up' = 1 + (up − 1)·m), everything else unchanged;
 * the difference in the optimum is what relaxing it adds. Re-solving, rather than reading a Lagrange multiplier,
 * matters here because the curves are S-shaped: a first-order price can promise a gain that the curve's convex
 * foot does not deliver, or miss one that a larger move finds. The bound binds when that gain is positive.
 *
 * For max_response the first-order price is reported too (KKT of max Σ R_i s.t. Σx = B with multiplier μ, the
 * common marginal response of the free channels): an upper bound u_i is worth R_i'(u_i) − μ per unit it moves up,
 * a lower bound l_i is worth μ − R_i'(l_i) per unit it moves down. For target_efficiency the objective is the
 * spend that still meets the target, so the gain is reported as response (target × extra spend) without a price.
 */
import { isMmmError } from "../../common/errors.ts";
import type { SpendBounds } from "./branch-and-bound.ts";
import { curveOf, marginalResponseAt, type ResponseCurves } from "./response-curve.ts";
import { maximiseAtTarget, maximiseResponse, type AllocationSolution } from "./solve.ts";

export interface BindingBound {
  channel: string;
  side: "lower" | "upper";
  /** The bound as a multiple of the channel's initial spend, and as spend per period. */
  multiple: number;
  spend: number;
  /** Where the relaxation moves it (the widened run's bound), as a multiple and as spend per period. */
  relaxedMultiple: number;
  relaxedSpend: number;
  /** Total response per period with only this bound relaxed, minus the allocation's (>= 0 up to rounding). */
  responseGainUnit: number;
  /** True when relaxing the bound raises the optimum: the bound holds the allocation back. */
  binds: boolean;
  /**
   * max_response: response per period gained per unit of spend the bound moves, to first order (R'(bound) − μ
   * for an upper bound, μ − R'(bound) for a lower one); null for target_efficiency or when no channel is free.
   */
  firstOrderGainPerUnit: number | null;
}

/** The optimisation as `allocate.ts` set it up: active channels only, bounds in spend per period. */
export interface BoundProblem {
  names: readonly string[];
  /** The bounds as multiples of the initial spend (what the person typed), plain and widened. */
  multiples: SpendBounds;
  widenedMultiples: SpendBounds;
  curves: ResponseCurves;
  bounds: SpendBounds;
  widened: SpendBounds;
  scenario:
    { kind: "max_response"; budget: number } | { kind: "target_efficiency"; responsePerSpend: number };
}

/** The bounds the bounded solution sits on, each with the gain from relaxing it alone. */
export function bindingBounds(problem: BoundProblem, solution: AllocationSolution): BindingBound[] {
  const { names, multiples, widenedMultiples, curves, bounds, widened, scenario } = problem;
  const out: BindingBound[] = [];
  const price = solution.diagnostics.multiplier;
  for (let i = 0; i < names.length; i++) {
    const x = solution.spend[i]!;
    const width = bounds.upper[i]! - bounds.lower[i]!;
    const near = (bound: number) => Math.abs(x - bound) <= 1e-9 * Math.max(width, Math.abs(bound), 1e-300);
    const side = near(bounds.upper[i]!) ? "upper" : near(bounds.lower[i]!) ? "lower" : null;
    if (side === null) continue;
    const spend = bounds[side][i]!;
    const relaxedSpend = widened[side][i]!;
    if (relaxedSpend === spend) continue; // nothing to relax: a lower bound of 0, or a multiplier of 1
    const gain = relaxedGain(problem, solution, i, side, relaxedSpend);
    const marginal = marginalResponseAt(curveOf(curves, i), spend);
    const firstOrder =
      scenario.kind === "max_response" && Number.isFinite(price)
        ? side === "upper"
          ? marginal - price
          : price - marginal
        : null;
    out.push({
      channel: names[i]!,
      side,
      multiple: multiples[side][i]!,
      spend,
      relaxedMultiple: widenedMultiples[side][i]!,
      relaxedSpend,
      responseGainUnit: gain,
      binds: gain > 1e-9 * Math.max(Math.abs(solution.totalResponse), 1e-300),
      firstOrderGainPerUnit: firstOrder,
    });
  }
  return out;
}

/** The optimum with bound `side` of channel `i` moved to `to`, minus the current optimum (response per period). */
function relaxedGain(
  problem: BoundProblem,
  solution: AllocationSolution,
  i: number,
  side: "lower" | "upper",
  to: number,
): number {
  const lower = Float64Array.from(problem.bounds.lower);
  const upper = Float64Array.from(problem.bounds.upper);
  (side === "upper" ? upper : lower)[i] = to;
  const relaxed = { lower, upper };
  try {
    const better =
      problem.scenario.kind === "max_response"
        ? maximiseResponse(problem.curves, relaxed, problem.scenario.budget)
        : maximiseAtTarget(problem.curves, relaxed, problem.scenario.responsePerSpend);
    return Math.max(0, better.totalResponse - solution.totalResponse);
  } catch (error) {
    // A wider box keeps every point of the narrower one feasible, so a refusal here is a solver limit, not an
    // answer: report the gain as unknown rather than fail the allocation.
    if (isMmmError(error)) return Number.NaN;
    throw error;
  }
}
