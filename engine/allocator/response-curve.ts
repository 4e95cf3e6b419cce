/**
 * The allocator's response curve of one paid channel (Robyn `fx_objective` / `fx_gradient`, method notes §5.8):
 *
 *   R(x) = coef / (1 + (inflexion / (x + carryover))^alpha)
 *
 * x is the spend per period, `carryover` the channel's mean adstock carryover over the modelling window (quirk 12:
 * the whole window, whatever the date range), `inflexion` the stored Hill inflexion γ* and `coef` the ridge
 * coefficient. With z = x + carryover and r = (inflexion / z)^alpha:
 *
 *   R(x)   = coef / (1 + r)
 *   R'(x)  = coef·alpha·inflexion^alpha·z^(alpha−1) / (z^alpha + inflexion^alpha)^2 = coef·alpha·r / (z·(1 + r)^2)
 *   R''(x) = R'(x)/z · ((alpha − 1)·r − (alpha + 1)) / (1 + r)
 *
 * The r-form is used because it cannot overflow for large spends or large alpha. For alpha > 1 the curve is
 * S-shaped: convex for z below inflexion·((alpha − 1)/(alpha + 1))^(1/alpha), concave above; for alpha <= 1 it is
 * concave for every z > 0. At z = 0 the limits are taken explicitly (R = 0; R' = +Inf, coef/inflexion or 0 for
 * alpha <, =, > 1), as Robyn's `fx_gradient` gives −Inf for the negated gradient when alpha < 1.
 */

/** One channel's curve parameters, with Robyn's names. */
export interface ResponseCurve {
  readonly coef: number;
  readonly alpha: number;
  readonly inflexion: number;
  /** Mean carryover (adstocked minus immediate spend) per period over the modelling window. */
  readonly carryover: number;
}

/** The same parameters for many channels, one Float64Array entry per channel (the solver's layout). */
export interface ResponseCurves {
  readonly coef: Float64Array;
  readonly alpha: Float64Array;
  readonly inflexion: Float64Array;
  readonly carryover: Float64Array;
}

/** R(x): the response to spending x per period (Robyn `fx_objective`, without its sign flip). */
export function responseAt(curve: ResponseCurve, x: number): number {
  const z = x + curve.carryover;
  if (z <= 0) return 0;
  return curve.coef / (1 + Math.pow(curve.inflexion / z, curve.alpha));
}

/** R'(x) = dR/dx, the marginal response (Robyn `fx_gradient` is its negation). */
export function marginalResponseAt(curve: ResponseCurve, x: number): number {
  const z = x + curve.carryover;
  const { coef, alpha, inflexion } = curve;
  if (z <= 0) {
    if (coef === 0) return 0;
    if (alpha < 1) return Number.POSITIVE_INFINITY;
    return alpha === 1 ? coef / inflexion : 0;
  }
  const r = Math.pow(inflexion / z, alpha);
  if (!Number.isFinite(r)) return alpha < 1 ? Number.POSITIVE_INFINITY : 0;
  const onePlusR = 1 + r;
  const slope = (coef * alpha * r) / (z * onePlusR * onePlusR);
  // Near a zero input r approaches the top of the double range, and coef·r and (1 + r)² overflow to a
  // NaN: the same slope with r divided out stays finite.
  return Number.isFinite(slope) ? slope : (coef * alpha) / (z * onePlusR * (1 + 1 / r));
}

/** R''(x): negative where the curve is concave (diminishing returns), positive on the convex foot of an S-curve. */
export function responseCurvatureAt(curve: ResponseCurve, x: number): number {
  const z = x + curve.carryover;
  if (z <= 0) return curve.alpha < 2 && curve.coef !== 0 ? Number.NaN : 0;
  const { alpha } = curve;
  const r = Math.pow(curve.inflexion / z, alpha);
  if (!Number.isFinite(r)) return 0;
  return ((marginalResponseAt(curve, x) / z) * ((alpha - 1) * r - (alpha + 1))) / (1 + r);
}

/**
 * The spend at which the curve turns from convex to concave: inflexion·((alpha−1)/(alpha+1))^(1/alpha) − carryover.
 * −Infinity when the curve has no convex part (alpha <= 1). May be negative: then the curve is concave for all
 * spends x >= 0.
 */
export function inflectionSpend(curve: ResponseCurve): number {
  if (curve.alpha <= 1) return Number.NEGATIVE_INFINITY;
  const ratio = (curve.alpha - 1) / (curve.alpha + 1);
  return curve.inflexion * Math.pow(ratio, 1 / curve.alpha) - curve.carryover;
}

/** Channel `i` of a struct-of-arrays set as a plain curve object. */
export function curveOf(curves: ResponseCurves, i: number): ResponseCurve {
  return {
    coef: curves.coef[i]!,
    alpha: curves.alpha[i]!,
    inflexion: curves.inflexion[i]!,
    carryover: curves.carryover[i]!,
  };
}

/** Writes R_i(spend_i) for every channel into `out` and returns the sum Σ R_i. */
export function evaluateResponses(
  curves: ResponseCurves,
  spend: ArrayLike<number>,
  out: Float64Array,
): number {
  let total = 0;
  for (let i = 0; i < out.length; i++) {
    const value = responseAt(curveOf(curves, i), spend[i]!);
    out[i] = value;
    total += value;
  }
  return total;
}

/** Writes R_i'(spend_i) for every channel into `out`. */
export function evaluateMarginals(curves: ResponseCurves, spend: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = marginalResponseAt(curveOf(curves, i), spend[i]!);
}

/**
 * Robyn's reported "marginal response" R(x + 1) − R(x) (`initResponseMargUnit`, `optmResponseMargUnit`): the
 * response to one more currency unit, not the derivative.
 */
export function responseOfOneMoreUnit(curve: ResponseCurve, x: number): number {
  return responseAt(curve, x + 1) - responseAt(curve, x);
}
