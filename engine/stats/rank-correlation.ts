/**
 * Spearman's rank correlation ρ: Pearson's correlation of the ranks, with tied values given the average of
 * the ranks they span (R's `cor(x, y, method = "spearman")`, scipy's `spearmanr`). Only rows where both
 * series are finite take part, and they are ranked among themselves.
 */
import { pearson } from "./pearson.ts";

/**
 * 1-based ranks of `values` (all finite), ties sharing the mean of their positions: [10, 20, 20, 30] →
 * [1, 2.5, 2.5, 4].
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  // A typed-array sort is native and numeric; each value's rank then comes from where its run of equal
  // values starts and ends in the sorted copy (positions lo+1 … hi share their mean rank).
  const sorted = Float64Array.from(values).sort();
  return Float64Array.from(
    values,
    (v) => (firstAbove(sorted, v, false) + 1 + firstAbove(sorted, v, true)) / 2,
  );
}

/** The index of the first element of ascending `sorted` that is ≥ `v` (or > `v` with `strict`). */
function firstAbove(sorted: Float64Array, v: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v || (strict && sorted[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** ρ over the pairwise-complete rows; `undefined` when fewer than two or either side is constant. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = 0; t < x.length; t++) {
    if (Number.isFinite(x[t]) && Number.isFinite(y[t])) {
      xs.push(x[t]!);
      ys.push(y[t]!);
    }
  }
  return pearson(averageRanks(xs), averageRanks(ys));
}
