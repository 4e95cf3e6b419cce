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
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    // Positions start+1 … end share their mean rank.
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i]!] = rank;
    start = end;
  }
  return ranks;
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
