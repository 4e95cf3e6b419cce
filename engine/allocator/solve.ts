/**
 * The budget allocator's optimiser (method notes §5.8): the global maximum of a sum of per-channel response
 * curves under one coupling constraint and box bounds.
 *
 *   max_response:       maximise Σ R_i(x_i)  s.t.  Σ x_i = B,              l_i <= x_i <= u_i
 *   target_efficiency:  maximise Σ R_i(x_i)  s.t.  Σ R_i(x_i) = t·Σ x_i,   l_i <= x_i <= u_i
 *                       (t = target ROAS, or 1 / target CPA)
 *
 * Method: spatial branch and bound over the boxes with concave-envelope relaxations ("sigmoidal programming",
 * Udell & Boyd, "Maximizing a sum of sigmoids", 2013). Why: with alpha > 1 the curves are S-shaped, so the problem
 * is not concave and a local method (Robyn's SLSQP inside an augmented Lagrangian, started at the lower bounds)
 * can stop at a local optimum or, as in the golden cases B and C, fail. Replacing every R_i on a box by its concave
 * envelope R̂_i (`concave-envelope.ts`) gives a concave separable problem whose exact solution is cheap: each
 * channel's best reply to a price μ is found exactly in 1-D with the analytic gradient, and the total reply is
 * monotone in μ, so bisection on μ finds the price that meets the constraint (a jump in the reply, caused by a
 * linear piece of an envelope, is bridged along that linear piece, which is exact for the relaxation). The
 * relaxation's value bounds the true maximum on the box from above; its point is feasible (max_response) or is
 * repaired to a feasible point (target_efficiency), which bounds the maximum from below. Boxes are split at the
 * relaxed spend of the channel where envelope and curve differ most, until the best upper bound is within a relative
 * gap (default 1e-11) of the best feasible value. The result is therefore the global optimum up to that gap, with a
 * certificate (`upperBound`), and no start point is needed. The problem is small (one variable per channel), so a
 * relaxation costs well under a millisecond and a typical solve needs a few dozen boxes.
 *
 * target_efficiency is solved as "maximise the spend Σx subject to Σ (R_i(x_i) − t·x_i) >= 0": on the constraint
 * the objective equals t·Σx, and at the optimum the constraint is active unless every channel is at its upper bound
 * (reported as `upper_bounds`, the target is then exceeded). Its relaxation uses the same best replies: at price
 * ν < t the relaxed surplus Σ (R̂_i − t·x_i) is non-decreasing in ν, so bisection on ν finds the largest feasible
 * relaxed spend. The final spend is re-solved as a max_response problem (whose optimum it must be) and refined by
 * a few secant steps so that Σ R = t·Σ x holds to rounding.
 *
 * A last step makes the KKT conditions hold to rounding, not just to the gap: when the optimum has one channel on
 * the convex foot of its S-curve, the gap pins that channel's spend only to about its square root, so the free
 * channels' common marginal is solved for directly (`polishStationary`). The box machinery is in
 * `branch-and-bound.ts`, the per-channel ROAS maths in `efficiency.ts`.
 */
import { MmmError } from "../../common/errors.ts";
import {
  branchAndBound,
  copyOf,
  relaxBudget,
  relaxTarget,
  sumOf,
  type Search,
  type SolverOptions,
  type SolverStatus,
  type SpendBounds,
} from "./branch-and-bound.ts";
import { inverseMarginal, solveMonotone } from "./concave-envelope.ts";
import { bestReplyToEfficiency, feasibleAtTarget, surplus, totalResponse } from "./efficiency.ts";
import {
  curveOf,
  inflectionSpend,
  marginalResponseAt,
  responseAt,
  responseCurvatureAt,
  type ResponseCurve,
  type ResponseCurves,
} from "./response-curve.ts";

export interface SolverDiagnostics {
  readonly method: "concave-envelope branch and bound";
  readonly status: SolverStatus;
  /** Boxes whose relaxation was solved. */
  readonly nodes: number;
  /** Certified upper bound on the optimum (total response, or total spend for a target). */
  readonly upperBound: number;
  /** (upperBound − achieved) / |achieved|. */
  readonly relativeGap: number;
  /** Common marginal response dR/dx of the channels not at a bound (NaN when every channel is at a bound). */
  readonly multiplier: number;
  /** Σx − budget (max_response) or Σ R − t·Σ x (target_efficiency) at the returned point. */
  readonly constraintResidual: number;
}

export interface AllocationSolution {
  readonly spend: Float64Array;
  readonly response: Float64Array;
  /** dR_i/dx_i at the solution. */
  readonly marginal: Float64Array;
  readonly totalSpend: number;
  readonly totalResponse: number;
  readonly diagnostics: SolverDiagnostics;
}

/** max Σ R_i(x_i) s.t. Σ x_i = budget and lower <= x <= upper (the caller checks Σ lower <= budget <= Σ upper). */
export function maximiseResponse(
  curves: ResponseCurves,
  bounds: SpendBounds,
  budget: number,
  options: SolverOptions = {},
): AllocationSolution {
  const n = bounds.lower.length;
  const { sumLower, sumUpper } = boundSums(bounds);
  const slack = 1e-12 * Math.max(sumUpper, 1);
  if (!(budget >= sumLower - slack && budget <= sumUpper + slack)) {
    throw new MmmError(
      "invalid_input",
      `The budget ${budget} per period is outside the range the bounds allow (${sumLower} to ${sumUpper}).`,
      { context: { field: "total_budget", budget, sumLower, sumUpper } },
    );
  }
  const search = branchAndBound(
    curves,
    bounds,
    (envelopes) => relaxBudget(envelopes, budget),
    (relaxed) => ({ spend: relaxed.spend, value: totalResponse(curves, relaxed.spend) }),
    options,
  );
  let spend = search.best?.spend ?? copyOf(bounds.lower, n);
  const polished = polishStationary(curves, bounds, spend, budget);
  if (polished !== null && totalResponse(curves, polished) >= totalResponse(curves, spend) * (1 - 1e-14)) {
    spend = polished;
  }
  return finish(curves, bounds, spend, sumOf(spend) - budget, search);
}

/**
 * max Σ R_i(x_i) s.t. Σ R_i(x_i) = responsePerSpend·Σ x_i and lower <= x <= upper.
 * `responsePerSpend` is the target ROAS, or 1 / target CPA. The caller checks feasibility first with
 * `bestReachableEfficiency` and `efficiencyAtUpperBounds`; when the target is exceeded even with every channel at
 * its upper bound, the upper bounds are returned with status `upper_bounds`.
 */
export function maximiseAtTarget(
  curves: ResponseCurves,
  bounds: SpendBounds,
  responsePerSpend: number,
  options: SolverOptions = {},
): AllocationSolution {
  const t = responsePerSpend;
  const n = bounds.lower.length;
  const upper = copyOf(bounds.upper, n);
  // Rounding: a surplus within 1e-13 of t·Σx counts as zero (the target is met to rounding).
  const atUpper = surplus(curves, upper, t);
  if (atUpper >= -1e-13 * t * sumOf(upper)) {
    return finish(curves, bounds, upper, atUpper, emptySearch(sumOf(upper)), "upper_bounds");
  }
  const start = bestReplyToEfficiency(curves, bounds, t);
  if (surplus(curves, start, t) < -1e-13 * t * sumOf(start)) {
    throw new MmmError(
      "invalid_input",
      `No allocation within the bounds reaches a return of ${t} per unit of spend.`,
      {
        context: { field: "target_value", target: t },
      },
    );
  }
  const search = branchAndBound(
    curves,
    bounds,
    (envelopes) => relaxTarget(envelopes, t),
    (relaxed) => feasibleAtTarget(curves, bounds, relaxed.spend, t),
    options,
    { spend: start, value: sumOf(start) },
  );
  const spendTarget = refineTargetSpend(curves, bounds, t, search.best!.value, search.upperBound, options);
  const solution = maximiseResponse(curves, bounds, spendTarget, options);
  const residual = solution.totalResponse - t * solution.totalSpend;
  return finish(curves, bounds, solution.spend, residual, search);
}

/**
 * Makes the marginals of the channels strictly inside their bounds exactly equal. The branch and bound returns a
 * point within the relative gap of the optimum; when the optimum has a channel on the convex foot of its S-curve
 * (possible when another channel's curve bends faster), that channel's spend is only known to about the square root
 * of the gap. Keeping the active bounds and each free channel's side of its inflection point, the spends x_i(μ)
 * with R_i'(x_i) = μ are solved for the μ that spends the budget, by Newton's method on μ
 * (d Σx_i / dμ = Σ 1 / R_i''). Returns null when that does not converge inside the bounds.
 */
function polishStationary(
  curves: ResponseCurves,
  bounds: SpendBounds,
  spend: Float64Array,
  budget: number,
): Float64Array | null {
  const n = spend.length;
  const free: Branch[] = [];
  let fixedTotal = 0;
  for (let i = 0; i < n; i++) {
    const lower = bounds.lower[i]!;
    const upper = bounds.upper[i]!;
    const x = spend[i]!;
    const margin = 1e-10 * Math.max(upper - lower, Math.abs(upper), 1e-300);
    if (!(x > lower + margin && x < upper - margin)) {
      fixedTotal += x;
      continue;
    }
    const curve = curveOf(curves, i);
    const inflection = inflectionSpend(curve);
    const concave = x >= inflection;
    free.push({
      index: i,
      curve,
      concave,
      from: concave ? Math.max(lower, inflection) : lower,
      to: concave ? upper : Math.min(upper, inflection),
    });
  }
  if (free.length < 2) return null;
  const target = budget - fixedTotal;
  let price = 0;
  for (const channel of free) price += marginalResponseAt(channel.curve, spend[channel.index]!) / free.length;
  const out = Float64Array.from(spend);
  for (let iteration = 0; iteration < 60; iteration++) {
    let total = 0;
    let slope = 0;
    for (const channel of free) {
      const x = spendOnBranch(channel, price);
      out[channel.index] = x;
      total += x;
      if (x > channel.from && x < channel.to) slope += 1 / responseCurvatureAt(channel.curve, x);
    }
    const residual = total - target;
    if (Math.abs(residual) <= 1e-14 * Math.max(Math.abs(target), 1e-300)) {
      spreadResidualWithin(out, bounds, budget);
      return out;
    }
    if (!(slope !== 0 && Number.isFinite(slope))) return null;
    const next = price - residual / slope;
    price = next > 0 ? next : price / 2;
  }
  return null;
}

/** One free channel's side of its inflection point: spends in [from, to] where R' is monotone. */
interface Branch {
  index: number;
  curve: ResponseCurve;
  from: number;
  to: number;
  /** True on the concave side (R' decreasing), false on the convex foot (R' increasing). */
  concave: boolean;
}

/** The spend on the branch where R'(x) = price, clamped to the branch's ends. */
function spendOnBranch(branch: Branch, price: number): number {
  const { curve, from, to, concave } = branch;
  const atFrom = marginalResponseAt(curve, from);
  const atTo = marginalResponseAt(curve, to);
  if (concave ? price >= atFrom : price <= atFrom) return from;
  if (concave ? price <= atTo : price >= atTo) return to;
  if (concave) return inverseMarginal(curve, price, from, to);
  const marginal = (x: number): number => marginalResponseAt(curve, x);
  const curvature = (x: number): number => responseCurvatureAt(curve, x);
  return solveMonotone(marginal, curvature, from, to, price, true);
}

/** `spreadResidual` for a point that is not tied to a box's envelopes: uses the global bounds. */
function spreadResidualWithin(spend: Float64Array, bounds: SpendBounds, budget: number): void {
  const residual = budget - sumOf(spend);
  if (residual === 0) return;
  let widest = -1;
  let room = 0;
  for (let i = 0; i < spend.length; i++) {
    const channelRoom = residual > 0 ? bounds.upper[i]! - spend[i]! : spend[i]! - bounds.lower[i]!;
    if (channelRoom > room) [widest, room] = [i, channelRoom];
  }
  if (widest < 0) return;
  spend[widest] = Math.min(bounds.upper[widest]!, Math.max(bounds.lower[widest]!, spend[widest]! + residual));
}

/**
 * The largest spend S with max_response value V(S) >= t·S, given a feasible S_low and a certified upper bound
 * S_high from the branch and bound: regula falsi (Illinois) on V(S) − t·S using the max_response solver.
 */
function refineTargetSpend(
  curves: ResponseCurves,
  bounds: SpendBounds,
  t: number,
  spendLow: number,
  spendHigh: number,
  options: SolverOptions,
): number {
  const { sumUpper } = boundSums(bounds);
  const excess = (spend: number): number =>
    maximiseResponse(curves, bounds, spend, options).totalResponse - t * spend;
  let low = spendLow;
  let high = Math.min(spendHigh, sumUpper);
  if (!(high > low)) return low;
  let excessLow = excess(low);
  let excessHigh = excess(high);
  if (excessHigh >= 0) return high;
  if (excessLow < 0) return low;
  let side = 0;
  for (let iteration = 0; iteration < 60; iteration++) {
    const next = low + (excessLow * (high - low)) / (excessLow - excessHigh);
    if (!(next > low && next < high)) break;
    const value = excess(next);
    if (value >= 0) {
      [low, excessLow] = [next, value];
      if (side === 1) excessHigh /= 2;
      side = 1;
    } else {
      [high, excessHigh] = [next, value];
      if (side === -1) excessLow /= 2;
      side = -1;
    }
    if (value === 0 || high - low <= 4 * Number.EPSILON * high) break;
  }
  return low;
}

function finish(
  curves: ResponseCurves,
  bounds: SpendBounds,
  spend: Float64Array,
  constraintResidual: number,
  search: Search,
  status: SolverStatus = search.status,
): AllocationSolution {
  const n = spend.length;
  const response = new Float64Array(n);
  const marginal = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const curve = curveOf(curves, i);
    response[i] = responseAt(curve, spend[i]!);
    marginal[i] = marginalResponseAt(curve, spend[i]!);
    total += response[i]!;
  }
  const achieved = search.best === null ? total : search.best.value;
  return {
    spend,
    response,
    marginal,
    totalSpend: sumOf(spend),
    totalResponse: total,
    diagnostics: {
      method: "concave-envelope branch and bound",
      status,
      nodes: search.nodes,
      upperBound: search.upperBound,
      relativeGap: Math.max(0, search.upperBound - achieved) / Math.max(Math.abs(achieved), 1e-300),
      multiplier: commonMarginal(bounds, spend, marginal),
      constraintResidual,
    },
  };
}

/** The median marginal of channels strictly inside their bounds (NaN when there is none). */
function commonMarginal(bounds: SpendBounds, spend: Float64Array, marginal: Float64Array): number {
  const free: number[] = [];
  for (let i = 0; i < spend.length; i++) {
    const lower = bounds.lower[i]!;
    const upper = bounds.upper[i]!;
    const margin = 1e-9 * Math.max(upper - lower, Math.abs(upper), 1e-300);
    if (spend[i]! > lower + margin && spend[i]! < upper - margin) free.push(marginal[i]!);
  }
  if (free.length === 0) return Number.NaN;
  free.sort((a, b) => a - b);
  return free[Math.floor(free.length / 2)]!;
}

function emptySearch(value: number): Search {
  return { best: null, upperBound: value, nodes: 0, status: "optimal" };
}

function boundSums(bounds: SpendBounds): { sumLower: number; sumUpper: number } {
  return { sumLower: sumOf(bounds.lower), sumUpper: sumOf(bounds.upper) };
}
