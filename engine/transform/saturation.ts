/**
 * Hill saturation: diminishing returns of (adstocked) media (Robyn `saturation_hill`, method notes §2.3).
 */

/**
 * The inflexion point γ* = γ · max(A) over the window's adstocked series A (Robyn 3.12; Robyn ≤ 3.11
 * interpolated over the range instead).
 */
export function hillInflexion(
  windowAdstocked: ArrayLike<number>,
  gamma: number,
  from = 0,
  to = windowAdstocked.length,
): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let t = from; t < to; t++) if (windowAdstocked[t]! > max) max = windowAdstocked[t]!;
  return gamma * max;
}

/**
 * sat(z) = z^α / (z^α + γ*^α) for z in `x[from..to)`, written to `out[0..to−from)`.
 * Computed as 1 / (1 + exp(α·(ln γ* − ln z))), which equals the ratio above for z > 0 (z = 0 gives 0) and is
 * twice as fast as a `Math.pow` per value on V8; the difference is a few ulps.
 * For the "marginal" form (carryover only), pass the carryover series with the inflexion of the total.
 */
export function hillSaturate(
  x: ArrayLike<number>,
  alpha: number,
  inflexion: number,
  out: Float64Array,
  from = 0,
  to = x.length,
  outOffset = 0,
): void {
  const logInflexion = Math.log(inflexion);
  for (let t = from; t < to; t++) {
    const z = x[t]!;
    out[outOffset + t - from] = z > 0 ? 1 / (1 + Math.exp(alpha * (logInflexion - Math.log(z)))) : 0;
  }
}
