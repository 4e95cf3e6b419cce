/**
 * Hypervolume of a two-objective front (both minimised): the area dominated by the front and bounded by
 * the reference point, the usual single number for "how good is this Pareto front". Points beyond the
 * reference contribute nothing. O(n log n).
 */
export function hypervolume2d(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  reference: readonly [number, number] = [1, 1],
): number {
  const [rx, ry] = reference;
  const points: [number, number][] = [];
  for (let i = 0; i < x.length; i++) if (x[i]! < rx && y[i]! < ry) points.push([x[i]!, y[i]!]);
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let area = 0;
  let lowestY = ry;
  // Sweep from the smallest x: each point adds the strip between its y and the lowest y seen so far.
  for (let i = 0; i < points.length; i++) {
    const [px, py] = points[i]!;
    if (py >= lowestY) continue;
    area += (rx - px) * (lowestY - py);
    lowestY = py;
  }
  return area;
}
