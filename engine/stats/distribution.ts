/**
 * Five-number summaries for box plots and summary tables (stability across runs, the data page).
 * Quantiles are R's default (type 7): for p in [0, 1], h = (n − 1)·p, interpolate between the sorted
 * values at ⌊h⌋ and ⌈h⌉. Non-finite values are left out; `sd` is the sample standard deviation.
 */
export interface Distribution {
  readonly n: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  readonly mean: number;
  /** NaN for fewer than two values. */
  readonly sd: number;
}

/** The summary of the finite values, or `undefined` when there are none. */
export function distributionOf(values: Iterable<number>): Distribution | undefined {
  const sorted = Float64Array.from([...values].filter(Number.isFinite)).sort();
  const n = sorted.length;
  if (n === 0) return undefined;
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  return {
    n,
    min: sorted[0]!,
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    max: sorted[n - 1]!,
    mean,
    sd: n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN,
  };
}

/** R's type-7 quantile of ascending `sorted` (non-empty). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
