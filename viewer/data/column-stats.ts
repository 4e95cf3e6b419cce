/**
 * Per-column statistics of a run's snapshot for the data page, as the replaced product's preparation
 * page showed them (seed inventory §1.4): type, nulls, zeros, distinct values, min / median / max, and a
 * distribution sparkline (a 10-bin histogram for numbers, the top-5 shares for text, rows per year for
 * dates). Pure. Missing cells are `""` and `NA` (R's writing); every other cell is a value.
 */
import { distributionOf } from "../../engine/stats/distribution.ts";

export interface ColumnStats {
  readonly name: string;
  readonly type: "number" | "date" | "text";
  readonly rows: number;
  readonly nulls: number;
  readonly zeros: number;
  readonly distinct: number;
  /** Numbers and dates only (dates as text). */
  readonly min?: number | string;
  readonly median?: number | string;
  readonly max?: number | string;
  readonly mean?: number;
  /** Bar heights of the sparkline. */
  readonly sparkline: readonly number[];
  /** What the sparkline shows, for its label. */
  readonly sparklineLabel: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const BINS = 10;

export function columnStats(name: string, cells: readonly string[]): ColumnStats {
  const present = cells.filter((c) => c !== "" && c !== "NA");
  const nulls = cells.length - present.length;
  const distinct = new Set(present).size;
  const base = { name, rows: cells.length, nulls, distinct };
  if (present.length > 0 && present.every((c) => DATE.test(c))) {
    const sorted = [...present].sort();
    const years = new Map<string, number>();
    for (const c of sorted) years.set(c.slice(0, 4), (years.get(c.slice(0, 4)) ?? 0) + 1);
    return {
      ...base,
      type: "date",
      zeros: 0,
      min: sorted[0]!,
      median: sorted[Math.floor((sorted.length - 1) / 2)]!,
      max: sorted[sorted.length - 1]!,
      sparkline: [...years.values()],
      sparklineLabel: `rows per year: ${[...years].map(([y, n]) => `${y} ${n}`).join(", ")}`,
    };
  }
  const numbers = present.map(Number);
  if (present.length > 0 && numbers.every(Number.isFinite)) {
    const d = distributionOf(numbers)!;
    const counts = histogram(numbers, d.min, d.max);
    return {
      ...base,
      type: "number",
      zeros: numbers.filter((v) => v === 0).length,
      min: d.min,
      median: d.median,
      max: d.max,
      mean: d.mean,
      sparkline: counts,
      sparklineLabel: `histogram of ${numbers.length} values from ${d.min} to ${d.max}`,
    };
  }
  const counts = new Map<string, number>();
  for (const c of present) counts.set(c, (counts.get(c) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5);
  return {
    ...base,
    type: "text",
    zeros: 0,
    sparkline: top.map(([, n]) => n),
    sparklineLabel: `most frequent: ${top.map(([v, n]) => `${v} (${n})`).join(", ")}`,
  };
}

/** Counts in `BINS` equal bins from `min` to `max` (one bin when they are equal). */
export function histogram(values: readonly number[], min: number, max: number): number[] {
  if (!(max > min)) return [values.length];
  const counts = new Array<number>(BINS).fill(0);
  for (const v of values) counts[Math.min(BINS - 1, Math.floor(((v - min) / (max - min)) * BINS))]!++;
  return counts;
}
