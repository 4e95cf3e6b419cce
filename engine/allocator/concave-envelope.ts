/**
 * The smallest concave function above one channel's response curve on a spend interval [lower, upper], and the
 * channel's best reply to a price per unit of spend. These are the building blocks of the allocator's global solver
 * (`solve.ts`; method notes §5.8).
 *
 * The response curve R (see `response-curve.ts`) is convex below its inflection spend s* and concave above it.
 * Its concave envelope R̂ on [lower, upper] is therefore:
 *   - R itself when the interval lies in the concave part (lower >= s*, always the case for alpha <= 1);
 *   - otherwise a straight line from (lower, R(lower)) to the tangent point w, then R on [w, upper]. The tangent
 *     point solves R'(w)·(w − lower) = R(w) − R(lower) on [max(lower, s*), upper]; the left-hand side minus the
 *     right-hand side is increasing there (its derivative is −R''(w)·(w − lower) >= 0), so the root is unique.
 *     When no root lies below `upper`, the envelope is the chord from lower to upper (w = upper).
 * R̂ is concave with derivative `slope` on (lower, w) and R' (decreasing) on (w, upper).
 *
 * The best reply to a price μ >= 0 is the smallest maximiser of R̂(x) − μ·x over [lower, upper]: `lower` when μ is
 * at least the envelope's largest slope, `upper` when μ is at most R'(upper), else the solution of R'(x) = μ on the
 * concave part. It is non-increasing in μ and jumps from w down to `lower` as μ crosses `slope`.
 */
import {
  inflectionSpend,
  marginalResponseAt,
  responseAt,
  responseCurvatureAt,
  type ResponseCurve,
} from "./response-curve.ts";

export interface ChannelEnvelope {
  readonly curve: ResponseCurve;
  readonly lower: number;
  readonly upper: number;
  /** End of the linear part; equals `lower` when the curve is concave on the whole interval. */
  readonly tangent: number;
  /** Slope of the linear part (R̂' on (lower, tangent)); NaN when there is none. */
  readonly slope: number;
  readonly valueAtLower: number;
  /** R̂'(lower+): the largest slope of the envelope (may be +Infinity for alpha < 1 at zero spend and carryover). */
  readonly topSlope: number;
  /** R'(upper): below this price the best reply is `upper`. */
  readonly marginalAtUpper: number;
}

export function concaveEnvelope(curve: ResponseCurve, lower: number, upper: number): ChannelEnvelope {
  const valueAtLower = responseAt(curve, lower);
  const marginalAtUpper = marginalResponseAt(curve, upper);
  const inflection = inflectionSpend(curve);
  const base = { curve, lower, upper, valueAtLower, marginalAtUpper };
  if (!(upper > lower) || inflection <= lower) {
    return { ...base, tangent: lower, slope: Number.NaN, topSlope: marginalResponseAt(curve, lower) };
  }
  // Tangent condition φ(w) = R(w) − R(lower) − R'(w)(w − lower) = 0, φ increasing on [max(lower, s*), upper].
  const phi = (w: number): number =>
    responseAt(curve, w) - valueAtLower - marginalResponseAt(curve, w) * (w - lower);
  const phiPrime = (w: number): number => -responseCurvatureAt(curve, w) * (w - lower);
  const start = Math.min(Math.max(lower, inflection), upper);
  let tangent = upper;
  if (phi(upper) > 0) tangent = solveMonotone(phi, phiPrime, start, upper, 0, true);
  const slope =
    tangent > lower ? (responseAt(curve, tangent) - valueAtLower) / (tangent - lower) : Number.NaN;
  if (!(tangent > lower)) {
    return { ...base, tangent: lower, slope: Number.NaN, topSlope: marginalResponseAt(curve, lower) };
  }
  return { ...base, tangent, slope, topSlope: slope };
}

/** R̂(x) for x in [lower, upper]. */
export function envelopeValue(envelope: ChannelEnvelope, x: number): number {
  if (envelope.tangent > envelope.lower && x < envelope.tangent) {
    return envelope.valueAtLower + envelope.slope * (x - envelope.lower);
  }
  return responseAt(envelope.curve, x);
}

/** The smallest maximiser of R̂(x) − price·x over [lower, upper]. */
export function bestReply(envelope: ChannelEnvelope, price: number): number {
  const { lower, upper, tangent } = envelope;
  if (!(upper > lower)) return lower;
  if (price >= envelope.topSlope) return lower;
  if (tangent >= upper) return upper; // the envelope is one chord and price < its slope
  if (price <= envelope.marginalAtUpper) return upper;
  return inverseMarginal(envelope.curve, price, tangent, upper);
}

/**
 * The x in [from, to] with R'(x) = price, where R' is decreasing on [from, to] (the concave part) and
 * R'(from) >= price >= R'(to).
 */
export function inverseMarginal(curve: ResponseCurve, price: number, from: number, to: number): number {
  return solveMonotone(
    (x) => marginalResponseAt(curve, x),
    (x) => responseCurvatureAt(curve, x),
    from,
    to,
    price,
    false,
  );
}

/**
 * The x in [lo, hi] where the monotone function g crosses `target` (g(lo) <= target <= g(hi) when increasing,
 * the reverse when decreasing): Newton steps with derivative dg, kept inside a bracket that bisection shrinks
 * whenever a step would leave it. Stops when the bracket is a few ulps wide or g hits the target exactly.
 */
export function solveMonotone(
  g: (x: number) => number,
  dg: (x: number) => number,
  lo: number,
  hi: number,
  target: number,
  increasing: boolean,
): number {
  let left = lo;
  let right = hi;
  let x = 0.5 * (left + right);
  for (let iteration = 0; iteration < 300; iteration++) {
    const value = g(x) - target;
    if (value === 0) return x;
    // For an increasing g the root lies left of x when g(x) > target.
    if (value > 0 === increasing) right = x;
    else left = x;
    if (!(right - left > 2 * Number.EPSILON * Math.max(Math.abs(left), Math.abs(right)))) break;
    const slope = dg(x);
    let next = slope !== 0 && Number.isFinite(slope) ? x - value / slope : Number.NaN;
    if (!(next > left && next < right)) next = 0.5 * (left + right);
    if (next === x) break;
    x = next;
  }
  return x;
}
