/**
 * Data frequency and period arithmetic (Robyn `check_datevar`, `.next_date`; method notes §1.3).
 */
import { invalidInput } from "../../common/errors.ts";
import { addDays, addMonths, dayNumber } from "./dates.ts";

export type IntervalType = "day" | "week" | "month";

export interface Interval {
  type: IntervalType;
  /** Days between the first two dates, as Robyn's `dayInterval` (28–31 for months). */
  days: number;
}

/** Daily, weekly or monthly from the first two dates, as Robyn decides it. */
export function detectInterval(dates: readonly string[], dateVar: string): Interval {
  if (dates.length < 2) {
    throw invalidInput(
      "date_var",
      `The data has ${dates.length} row(s): at least two dated rows are needed.`,
    );
  }
  const days = dayNumber(dates[1]!) - dayNumber(dates[0]!);
  if (days === 1) return { type: "day", days };
  if (days === 7) return { type: "week", days };
  if (days >= 28 && days <= 31) return { type: "month", days };
  throw invalidInput(
    "date_var",
    `The first two dates in "${dateVar}" (${dates[0]} and ${dates[1]}) are ${days} days apart: the data must be ` +
      `daily, weekly or monthly. Resample it (resample: "week" or "month") or fix the dates.`,
  );
}

/** The start of the period after `date`. */
export function nextPeriod(date: string, interval: Interval): string {
  if (interval.type === "month") return addMonths(date, 1);
  return addDays(date, interval.days);
}

/** Every period start that should lie between the first and last date but is missing. */
export function missingPeriods(dates: readonly string[], interval: Interval): string[] {
  const missing: string[] = [];
  for (let i = 1; i < dates.length; i++) {
    let expected = nextPeriod(dates[i - 1]!, interval);
    // Monthly data may be stamped on any day; compare month by month.
    while (dayNumber(expected) < dayNumber(dates[i]!) && !sameMonth(expected, dates[i]!, interval)) {
      missing.push(expected);
      expected = nextPeriod(expected, interval);
    }
  }
  return missing;
}

function sameMonth(a: string, b: string, interval: Interval): boolean {
  return interval.type === "month" && a.slice(0, 7) === b.slice(0, 7);
}
