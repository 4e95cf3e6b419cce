/**
 * The window of a refresh (Robyn `robyn_refresh`; method notes §5.9 steps 1–2): start and end move forward
 * by `steps` periods (dayInterval · steps days), each snapped to the closest data date as Robyn's
 * `which.min`; the first new period (`refreshAddedStart`) is the period after the parent's window end.
 * Refused as Robyn refuses it: steps not below the parent's window length ("completely new" data), or data
 * that does not reach the new end. More than half of the periods being new only warns.
 */
import { invalidInput } from "../../common/errors.ts";
import { addDays, dayNumber } from "../data/dates.ts";
import type { Interval } from "../data/interval.ts";

export interface ParentWindow {
  startDate: string;
  endDate: string;
  /** Rows in the parent's window (Robyn's `rollingWindowLength`). */
  length: number;
}

export interface RefreshWindow {
  startDate: string;
  endDate: string;
  length: number;
  /** The first period after the parent's window (Robyn's `refreshAddedStart`). */
  addedStart: string;
  /** Data rows after the parent's window end (Robyn's `check_refresh_data` count). */
  newPeriods: number;
  warnings: string[];
}

export function refreshWindow(
  dates: readonly string[],
  interval: Interval,
  parent: ParentWindow,
  steps: number,
): RefreshWindow {
  if (!Number.isInteger(steps) || steps < 1) {
    throw invalidInput(
      "steps",
      `steps is ${steps}: a refresh moves the window forward by a whole number of periods, at least 1.`,
    );
  }
  if (steps >= parent.length) {
    throw invalidInput(
      "steps",
      `steps is ${steps} but the model's window has ${parent.length} ${interval.type}s: with that many new periods the data is ` +
        `completely new. Use fewer steps, or train a new model instead of refreshing.`,
    );
  }
  const shift = interval.days * steps;
  const wantedStart = addDays(parent.startDate, shift);
  const wantedEnd = addDays(parent.endDate, shift);
  const last = dates[dates.length - 1]!;
  if (dayNumber(wantedEnd) > dayNumber(last)) {
    throw invalidInput(
      "data",
      `Not enough data for a refresh of ${steps} ${interval.type}(s): the new window ends ${wantedEnd} but the data ends ${last}. ` +
        `Add data up to ${wantedEnd}, or use fewer steps.`,
    );
  }
  const start = closestIndex(dates, wantedStart);
  const end = closestIndex(dates, wantedEnd);
  const parentEnd = dayNumber(parent.endDate);
  const newPeriods = dates.filter((date) => dayNumber(date) > parentEnd).length;
  const warnings: string[] = [];
  if (newPeriods > 0.5 * (parent.length + newPeriods)) {
    warnings.push(
      `More than 50% of the refresh data is new (${newPeriods} of ${parent.length + newPeriods} ${interval.type}s): ` +
        `we recommend training a new model rather than refreshing this one.`,
    );
  }
  return {
    startDate: dates[start]!,
    endDate: dates[end]!,
    length: end - start + 1,
    addedStart: addDays(parent.endDate, interval.days),
    newPeriods,
    warnings,
  };
}

/** Index of the date closest to `target`, the earlier on a tie (R's `which.min`). */
function closestIndex(dates: readonly string[], target: string): number {
  const wanted = dayNumber(target);
  let best = 0;
  for (let i = 1; i < dates.length; i++)
    if (Math.abs(dayNumber(dates[i]!) - wanted) < Math.abs(dayNumber(dates[best]!) - wanted)) best = i;
  return best;
}
