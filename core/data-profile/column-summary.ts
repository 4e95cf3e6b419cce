/**
 * One column of a table summarised for the data profile: its kind (the auto-mapping's own reading,
 * `core/mapping/column-profile.ts`), missing and zero cells, distinct values, the five-number summary (R's
 * type-7 quantiles) and, for numbers, mean, standard deviation, coefficient of variation and a sparkline of
 * the values in date order, shrunk to at most `SPARKLINE_POINTS` bucket means.
 */
import type { Cell } from "../../common/table.ts";
import { distributionOf } from "../../engine/stats/distribution.ts";
import { downsample } from "../../engine/stats/downsample.ts";
import { parseDate, profileColumn, type ColumnProfile } from "../mapping/column-profile.ts";

export const SPARKLINE_POINTS = 60;

export interface ColumnSummary {
  readonly type: ColumnProfile["kind"];
  readonly rows: number;
  /** Missing cells (null or blank). */
  readonly nulls: number;
  /** Cells equal to the number 0. */
  readonly zeros: number;
  /** Distinct non-missing values. */
  readonly distinct: number;
  /** Numbers for a number column, ISO days for a date column, null otherwise. */
  readonly min: number | string | null;
  readonly p25: number | string | null;
  readonly median: number | string | null;
  readonly p75: number | string | null;
  readonly max: number | string | null;
  /** Number columns only (null otherwise, and `sd` for fewer than two values). */
  readonly mean: number | null;
  readonly sd: number | null;
  /** sd / |mean|: how much the column moves relative to its size (null when the mean is 0). */
  readonly cv: number | null;
  /** Number columns: the values in date order, at most `SPARKLINE_POINTS` bucket means; empty otherwise. */
  readonly sparkline: readonly (number | null)[];
}

/** `order`: row indices in date order (the table's order when there is no date column). */
export function summariseColumn(cells: readonly Cell[], order: readonly number[]): ColumnSummary {
  const profile = profileColumn(cells);
  const present = cells.filter((c) => c !== null && !(typeof c === "string" && c.trim() === ""));
  const base = {
    type: profile.kind,
    rows: cells.length,
    nulls: profile.missing,
    zeros: cells.filter((c) => c === 0).length,
    distinct: new Set(present).size,
  };
  const none = { min: null, p25: null, median: null, p75: null, max: null, mean: null, sd: null, cv: null };
  if (profile.kind === "number") {
    const numbers = numericValues(cells);
    const d = distributionOf(numbers)!;
    const sd = Number.isFinite(d.sd) ? d.sd : null;
    return {
      ...base,
      min: d.min,
      p25: d.q1,
      median: d.median,
      p75: d.q3,
      max: d.max,
      mean: d.mean,
      sd,
      cv: sd !== null && d.mean !== 0 ? sd / Math.abs(d.mean) : null,
      sparkline: downsample(
        order.map((i) => numbers[i]!),
        SPARKLINE_POINTS,
      ),
    };
  }
  if (profile.kind === "date") {
    // Days sort as text; quantiles of days are the days at R's type-1 positions (no halfway days).
    const days = present.flatMap((c) => parseDate(String(c)) ?? []).sort();
    const at = (p: number) => days[Math.max(0, Math.ceil(p * days.length) - 1)]!;
    return {
      ...base,
      ...none,
      min: days[0]!,
      p25: at(0.25),
      median: at(0.5),
      p75: at(0.75),
      max: days.at(-1)!,
      sparkline: [],
    };
  }
  return { ...base, ...none, sparkline: [] };
}

/** The cells as numbers, NaN for anything that is not a number (missing, text). */
export function numericValues(cells: readonly Cell[]): Float64Array {
  return Float64Array.from(cells, (c) => (typeof c === "number" ? c : Number.NaN));
}
