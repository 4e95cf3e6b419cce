/**
 * The modelling window (Robyn `check_windows`; method notes §1.4): the rows the model is fitted on. Rows
 * before it only contribute adstock carry-in; Prophet and exposure scaling use all rows.
 */
import { invalidInput } from "../../common/errors.ts";
import type { ColumnRole } from "../data/column-checks.ts";
import { addDays, dayNumber } from "../data/dates.ts";
import { nextPeriod, type Interval } from "../data/interval.ts";

export interface ModelWindow {
  /** 0-based index of the first window row. */
  start: number;
  /** 0-based index of the last window row (inclusive). */
  end: number;
  length: number;
  /** The window's first date (a data date: Robyn snaps window_start to the closest row). */
  startDate: string;
  /** The window's last data date. */
  endDate: string;
}

export function resolveWindow(
  dates: readonly string[],
  interval: Interval,
  windowStart?: string,
  windowEnd?: string,
): ModelWindow {
  const days = dates.map(dayNumber);
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const endOfData = dayNumber(addDays(nextPeriod(dates[dates.length - 1]!, interval), -1));

  let start = 0;
  if (windowStart !== undefined) {
    const wanted = dayNumber(windowStart);
    if (wanted > last) {
      throw invalidInput(
        "window_start",
        `window_start ${windowStart} is after the last date in the data (${dates[dates.length - 1]}): choose an earlier start.`,
      );
    }
    start = wanted <= first ? 0 : closestIndex(days, wanted);
  }

  let end = days.length - 1;
  if (windowEnd !== undefined) {
    const wanted = Math.min(dayNumber(windowEnd), endOfData);
    end = wanted < days[start]! ? days.length - 1 : closestIndex(days, wanted);
  }
  if (end < start) end = days.length - 1;
  return { start, end, length: end - start + 1, startDate: dates[start]!, endDate: dates[end]! };
}

/** Index of the date closest to `target` (the earlier one on a tie, as R's `which.min`). */
function closestIndex(days: readonly number[], target: number): number {
  let best = 0;
  for (let i = 1; i < days.length; i++) {
    if (Math.abs(days[i]! - target) < Math.abs(days[best]! - target)) best = i;
  }
  return best;
}

/** How messages name the window: "of the modelling window (2016-01-04 to 2018-12-31)". */
export function windowScope(window: ModelWindow): string {
  return `of the modelling window (${window.startDate} to ${window.endDate})`;
}

export function windowSum(values: Float64Array, window: ModelWindow): number {
  let sum = 0;
  for (let t = window.start; t <= window.end; t++) sum += values[t]!;
  return sum;
}

/** A media column (paid spend, exposure or organic) must be non-zero somewhere in the window. */
export function requireActiveInWindow(
  total: number,
  name: string,
  role: ColumnRole,
  window: ModelWindow,
): void {
  if (total !== 0) return;
  throw invalidInput(
    role,
    `Media column "${name}" is zero in every period ${windowScope(window)}, so its effect cannot be ` +
      `measured. Remove it from ${role}, or move the window to a period where it was active.`,
    { column: name },
  );
}
