/**
 * A locally weighted linear smooth (Cleveland's LOWESS without the robustness iterations, as ggplot2's
 * `geom_smooth(method = "loess")` draws for small data): at each evaluation point, a weighted least-squares line
 * through the `span` share of points nearest to it, with tricube weights w = (1 − (d/d_max)³)³.
 */

export interface Smooth {
  x: Float64Array;
  y: Float64Array;
}

/** The smooth of (x, y) at `points` evenly spaced x values over the data's range. O(points · n). */
export function lowess(x: ArrayLike<number>, y: ArrayLike<number>, span = 0.75, points = 60): Smooth {
  const n = x.length;
  const outX = new Float64Array(n === 0 ? 0 : points);
  const outY = new Float64Array(outX.length);
  if (n === 0) return { x: outX, y: outY };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    min = Math.min(min, x[i]!);
    max = Math.max(max, x[i]!);
  }
  const k = Math.min(n, Math.max(2, Math.ceil(span * n)));
  const distances = new Float64Array(n);
  for (let p = 0; p < outX.length; p++) {
    const at = outX.length === 1 ? min : min + ((max - min) * p) / (outX.length - 1);
    for (let i = 0; i < n; i++) distances[i] = Math.abs(x[i]! - at);
    const reach = kthSmallest(distances, k) || 1e-12;
    let sw = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      const d = distances[i]! / reach;
      if (d >= 1) continue;
      const w = (1 - d * d * d) ** 3;
      const xi = x[i]! - at;
      sw += w;
      sx += w * xi;
      sy += w * y[i]!;
      sxx += w * xi * xi;
      sxy += w * xi * y[i]!;
    }
    const denominator = sw * sxx - sx * sx;
    outX[p] = at;
    // Intercept of the local line at `at` (x centred there); a weighted mean when the line is undetermined.
    outY[p] =
      Math.abs(denominator) > 1e-12 * Math.max(1, sw * sxx) ? (sy * sxx - sx * sxy) / denominator : sy / sw;
  }
  return { x: outX, y: outY };
}

/** The k-th smallest value (1-based) times a small margin, so the k-th point itself gets a weight > 0. */
function kthSmallest(values: Float64Array, k: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[k - 1]! * (1 + 1e-9);
}
