/**
 * A long series shrunk to at most `points` values for a sparkline: the rows are cut into `points` runs
 * of (nearly) equal length and each run becomes the mean of its finite values (null when it has none).
 * A series that already fits is returned as is, with missing values as null.
 */
export function downsample(values: ArrayLike<number>, points: number): (number | null)[] {
  const n = values.length;
  const buckets = Math.min(n, Math.max(1, Math.floor(points)));
  const out: (number | null)[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let sum = 0;
    let count = 0;
    for (let t = from; t < to; t++) {
      if (Number.isFinite(values[t])) {
        sum += values[t]!;
        count++;
      }
    }
    out.push(count > 0 ? sum / count : null);
  }
  return out;
}
