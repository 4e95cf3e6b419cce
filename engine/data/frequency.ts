/**
 * The data's frequency from all its dates, not only the first two (Robyn's `check_datevar` looks at the
 * first two; a missing first period would then read as "14 days apart"): the most common step between
 * consecutive dates, one day, one week or one calendar month, with every other step a whole number of
 * those. Weekly dates must all fall on the same weekday.
 */
import { invalidInput } from "../../common/errors.ts";
import { dayNumber, isoFromDayNumber } from "./dates.ts";
import { missingPeriods, type Interval } from "./interval.ts";
import type { Frequency, FrequencyReport } from "./preparation-report.ts";
import { weekdayLabel, weekdayOfDay } from "./weekday.ts";

const MS_PER_DAY = 86_400_000;

/** Months since year 0 of a day number, to compare calendar months. */
export function monthIndex(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

const ORDER: readonly Frequency[] = ["day", "week", "month"];

/** Detects the frequency of `days` (distinct, ascending) and checks that every date fits it. */
export function detectFrequency(days: readonly number[], dateVar: string): FrequencyReport {
  if (days.length < 2) {
    throw invalidInput(
      "date_var",
      `The data has ${days.length === 0 ? "no dates" : `one date only (${isoFromDayNumber(days[0]!)})`} in ` +
        `"${dateVar}": at least two periods are needed.`,
      { column: dateVar },
    );
  }
  const counts: Record<Frequency, number> = { day: 0, week: 0, month: 0 };
  for (let i = 1; i < days.length; i++) {
    const step = days[i]! - days[i - 1]!;
    if (step === 1) counts.day++;
    else if (step === 7) counts.week++;
    else if (step >= 28 && step <= 31 && monthIndex(days[i]!) - monthIndex(days[i - 1]!) === 1)
      counts.month++;
  }
  const best = ORDER.reduce((a, b) => (counts[b] > counts[a] ? b : a));
  if (counts[best] === 0) {
    const step = days[1]! - days[0]!;
    throw invalidInput(
      "date_var",
      `The dates in "${dateVar}" are not daily, weekly or monthly: ${isoFromDayNumber(days[0]!)} and ` +
        `${isoFromDayNumber(days[1]!)} are ${step} days apart, and no two dates are one day, one week or one ` +
        `month apart. Fix the dates, or aggregate the data to days, weeks or months.`,
      { column: dateVar },
    );
  }
  if (best === "week") requireSameWeekday(days, dateVar);
  if (best === "month") requireDistinctMonths(days, dateVar);
  return { detected: best, weekday: best === "week" ? weekdayOfDay(days[0]!) : null };
}

function requireSameWeekday(days: readonly number[], dateVar: string): void {
  const first = days[0]!;
  const odd = days.find((day) => (day - first) % 7 !== 0);
  if (odd === undefined) return;
  throw invalidInput(
    "date_var",
    `The data in "${dateVar}" is weekly, but ${isoFromDayNumber(odd)} is a ${weekdayLabel(weekdayOfDay(odd))} ` +
      `while the weeks start on ${weekdayLabel(weekdayOfDay(first))}s (first date ${isoFromDayNumber(first)}): ` +
      `date every week by the same weekday.`,
    { column: dateVar, date: isoFromDayNumber(odd) },
  );
}

function requireDistinctMonths(days: readonly number[], dateVar: string): void {
  for (let i = 1; i < days.length; i++) {
    if (monthIndex(days[i]!) === monthIndex(days[i - 1]!)) {
      throw invalidInput(
        "date_var",
        `The data in "${dateVar}" is monthly, but ${isoFromDayNumber(days[i - 1]!)} and ` +
          `${isoFromDayNumber(days[i]!)} fall in the same month: give each month one row.`,
        { column: dateVar, date: isoFromDayNumber(days[i]!) },
      );
    }
  }
}

/**
 * Every period start that should lie between the first and last date but has no row, by the rule the
 * model's checks use (`missingPeriods` in `interval.ts`), as day numbers.
 */
export function missingPeriodDays(days: readonly number[], frequency: Frequency): number[] {
  const interval: Interval = {
    type: frequency,
    days: frequency === "day" ? 1 : frequency === "week" ? 7 : 30,
  };
  const dates = days.map(isoFromDayNumber);
  return missingPeriods(dates, interval).map(dayNumber);
}
