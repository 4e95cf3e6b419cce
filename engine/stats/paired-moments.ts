/**
 * The sums a correlation or a least-squares line of y on x needs, over the rows where both are finite
 * (pairwise-complete): the count, the means and the centred sums of squares and products
 * Sxx = Σ (x − x̄)², Syy = Σ (y − ȳ)², Sxy = Σ (x − x̄)(y − ȳ). Two passes, for accuracy on large values.
 */
export interface PairedMoments {
  readonly n: number;
  readonly meanX: number;
  readonly meanY: number;
  readonly sxx: number;
  readonly syy: number;
  readonly sxy: number;
}

/** Whether row `t` takes part: both values finite. */
export function complete(x: ArrayLike<number>, y: ArrayLike<number>, t: number): boolean {
  return Number.isFinite(x[t]) && Number.isFinite(y[t]);
}

export function pairedMoments(x: ArrayLike<number>, y: ArrayLike<number>): PairedMoments {
  let n = 0;
  let sumX = 0;
  let sumY = 0;
  for (let t = 0; t < x.length; t++) {
    if (!complete(x, y, t)) continue;
    n++;
    sumX += x[t]!;
    sumY += y[t]!;
  }
  const meanX = n > 0 ? sumX / n : Number.NaN;
  const meanY = n > 0 ? sumY / n : Number.NaN;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let t = 0; t < x.length; t++) {
    if (!complete(x, y, t)) continue;
    const dx = x[t]! - meanX;
    const dy = y[t]! - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { n, meanX, meanY, sxx, syy, sxy };
}
