/**
 * Return on spend (ROAS, or response per unit of spend = 1 / CPA) over a spend box, for the allocator's
 * target_efficiency scenario (method notes §5.8): the best return any allocation reaches, each channel's best reply
 * to a required return t, and feasible points of "Σ R_i(x_i) >= t·Σ x_i".
 *
 * Everything here is exact per channel: R_i(x) − t·x is convex below the curve's inflection spend and concave above
 * it, so its maximum over an interval is at an end, at the inflection point or where R'(x) = t on the concave part.
 */
import { copyOf, sumOf, type Candidate, type SpendBounds } from "./branch-and-bound.ts";
import { inverseMarginal } from "./concave-envelope.ts";
import {
  curveOf,
  inflectionSpend,
  marginalResponseAt,
  responseAt,
  type ResponseCurve,
  type ResponseCurves,
} from "./response-curve.ts";

/**
 * The best ratio Σ R / Σ x over the box (the highest ROAS any allocation reaches) by Dinkelbach's iteration:
 * t_{k+1} = Σ R(x_k) / Σ x_k with x_k = argmax Σ (R_i(x) − t_k·x), which is separable and solved exactly per channel.
 * The ratio is +Infinity when every lower bound is 0 and carryover alone gives a response (R(0) > 0): spending
 * almost nothing then returns arbitrarily much per unit.
 */
export function bestReachableEfficiency(
  curves: ResponseCurves,
  bounds: SpendBounds,
): { ratio: number; spend: Float64Array } {
  let spend = copyOf(bounds.upper, bounds.upper.length);
  let ratio = sumOf(spend) > 0 ? totalResponse(curves, spend) / sumOf(spend) : 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    const next = bestReplyToEfficiency(curves, bounds, ratio);
    const total = sumOf(next);
    if (!(total > 0)) {
      if (totalResponse(curves, next) > 0) return { ratio: Number.POSITIVE_INFINITY, spend: next };
      break;
    }
    const nextRatio = totalResponse(curves, next) / total;
    if (!(nextRatio > ratio * (1 + 1e-15))) {
      if (nextRatio >= ratio) [spend, ratio] = [next, nextRatio];
      break;
    }
    [spend, ratio] = [next, nextRatio];
  }
  return { ratio, spend };
}

/** Σ R_i(u_i) / Σ u_i: the return when every channel spends its upper bound. */
export function efficiencyAtUpperBounds(curves: ResponseCurves, bounds: SpendBounds): number {
  return totalResponse(curves, bounds.upper) / sumOf(bounds.upper);
}

/** Per channel, argmax over [l_i, u_i] of R_i(x) − t·x (exact: endpoints, the inflection point and R' = t). */
export function bestReplyToEfficiency(curves: ResponseCurves, bounds: SpendBounds, t: number): Float64Array {
  const n = bounds.lower.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const curve = curveOf(curves, i);
    const lower = bounds.lower[i]!;
    const upper = bounds.upper[i]!;
    const candidates = [lower, upper];
    const concaveFrom = Math.min(Math.max(lower, inflectionSpend(curve)), upper);
    candidates.push(concaveFrom);
    if (marginalResponseAt(curve, concaveFrom) > t && marginalResponseAt(curve, upper) < t) {
      candidates.push(concaveRoot(curve, t, concaveFrom, upper));
    }
    let best = lower;
    let bestValue = -Infinity;
    for (const x of candidates) {
      const value = responseAt(curve, x) - t * x;
      if (value > bestValue) [best, bestValue] = [x, value];
    }
    out[i] = best;
  }
  return out;
}

/** Σ (R_i(x_i) − t·x_i). */
export function surplus(curves: ResponseCurves, spend: ArrayLike<number>, t: number): number {
  let total = 0;
  for (let i = 0; i < spend.length; i++) total += responseAt(curveOf(curves, i), spend[i]!) - t * spend[i]!;
  return total;
}

/**
 * A feasible point near a relaxed one: the relaxed point itself when its true surplus is >= 0 (to rounding), else
 * the best single-channel repair (the largest spend of one channel that restores a non-negative surplus).
 */
export function feasibleAtTarget(
  curves: ResponseCurves,
  bounds: SpendBounds,
  spend: Float64Array,
  t: number,
): Candidate | null {
  const total = sumOf(spend);
  const s = surplus(curves, spend, t);
  if (s >= -1e-13 * t * total) return { spend, value: total };
  let best: Candidate | null = null;
  for (let j = 0; j < spend.length; j++) {
    const curve = curveOf(curves, j);
    const own = responseAt(curve, spend[j]!) - t * spend[j]!;
    const y = largestSpendWithSurplus(curve, t, bounds.lower[j]!, bounds.upper[j]!, own - s);
    if (y === null) continue;
    const value = total - spend[j]! + y;
    if (best === null || value > best.value) {
      const repaired = Float64Array.from(spend);
      repaired[j] = y;
      best = { spend: repaired, value };
    }
  }
  return best;
}

/** The largest y in [lower, upper] with R(y) − t·y >= need, or null. Convex then concave ⇒ two cases. */
function largestSpendWithSurplus(
  curve: ResponseCurve,
  t: number,
  lower: number,
  upper: number,
  need: number,
): number | null {
  const h = (x: number): number => responseAt(curve, x) - t * x;
  if (h(upper) >= need) return upper;
  const concaveFrom = Math.min(Math.max(lower, inflectionSpend(curve)), upper);
  let peak = concaveFrom;
  if (marginalResponseAt(curve, concaveFrom) > t && marginalResponseAt(curve, upper) < t) {
    peak = concaveRoot(curve, t, concaveFrom, upper);
  }
  // On [peak, upper] h decreases; on [lower, concaveFrom] h is convex, so {h >= need} there is [lower, y].
  let from: number;
  let to: number;
  if (h(peak) >= need) [from, to] = [peak, upper];
  else if (h(lower) >= need && concaveFrom > lower) [from, to] = [lower, concaveFrom];
  else return h(lower) >= need ? lower : null;
  for (let iteration = 0; iteration < 200; iteration++) {
    const mid = 0.5 * (from + to);
    if (mid <= from || mid >= to) break;
    if (h(mid) >= need) from = mid;
    else to = mid;
  }
  return from;
}

/** The x in [from, to] (concave part) with R'(x) = t. */
function concaveRoot(curve: ResponseCurve, t: number, from: number, to: number): number {
  return inverseMarginal(curve, t, from, to);
}

export function totalResponse(curves: ResponseCurves, spend: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < spend.length; i++) total += responseAt(curveOf(curves, i), spend[i]!);
  return total;
}
