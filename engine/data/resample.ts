/**
 * Daily data to weeks or months, weekly data to months (the replaced product's `resample_freq`, §3.4 of
 * the seed inventory, without its silent fallback to un-resampled data on error).
 *
 * - Weeks start on `weekStart` and are labelled by that first day; months are labelled by the 1st.
 * - A weekly row covers its date and the six days after it. Resampled to months, a week that spans two
 *   months is split between them by days (a sum column gives each month days/7 of the week's total), so
 *   that a month's total does not depend on whether four or five weeks happen to start in it.
 * - A first or last period the data covers only partly (fewer days than a full week or month) is dropped
 *   and reported: a partial week would look like a drop in sales.
 * - The input must have no missing periods (the caller fills them or stops), so only the first and last
 *   periods can be partial.
 * - Data already at the requested frequency is left as it is; monthly data cannot become weekly.
 */
import { invalidInput, MmmError } from "../../common/errors.ts";
import { isoFromDayNumber } from "./dates.ts";
import { aggregateGroups, type Entry } from "./aggregate-groups.ts";
import type { DatedTable } from "./dated-table.ts";
import { monthIndex } from "./frequency.ts";
import type { ColumnRule, FrequencyReport, PartialPeriod, ResamplingReport } from "./preparation-report.ts";
import { weekStartDay, type Weekday } from "./weekday.ts";

const MS_PER_DAY = 86_400_000;

export interface ResampleRequest {
  from: FrequencyReport;
  to: "week" | "month";
  weekStart: Weekday;
  /** The rules of every column of the table (only asked for when rows are combined). */
  rules: () => readonly ColumnRule[];
}

export interface ResampleResult {
  dated: DatedTable;
  report: ResamplingReport;
  /** Periods the data spans, complete or not. */
  periodsSpanned: number;
}

/** Whether resampling from `from` to `to` combines rows (and so needs gap-free input). */
export function combinesRows(from: FrequencyReport["detected"], to: "week" | "month"): boolean {
  return from !== to && !(from === "month" && to === "week");
}

export function resample(dated: DatedTable, request: ResampleRequest): ResampleResult {
  const { from, to, weekStart } = request;
  if (from.detected === "month" && to === "week") {
    throw invalidInput(
      "resample",
      `The data is monthly, so it cannot be resampled to weeks: set resample to "month" or "none".`,
    );
  }
  if (from.detected === to) return unchanged(dated, request);

  const calendar: Calendar = {
    periodOf: (day) => (to === "week" ? weekStartDay(day, weekStart) : monthStartDay(day)),
    lengthOf: (start) => (to === "week" ? 7 : daysInMonth(start)),
    rowDays: from.detected === "week" ? 7 : 1,
  };
  const { segments, weeksSplitAcrossMonths } = segmentRows(dated.days, calendar);
  const { kept, partial, spanned } = completePeriods(segments, calendar);
  if (kept.size === 0) {
    throw invalidInput(
      "resample",
      `The data covers ${isoFromDayNumber(dated.days[0]!)} to ` +
        `${isoFromDayNumber(dated.days.at(-1)! + calendar.rowDays - 1)}, which holds no complete ${to}: ` +
        `resampling to ${to}s needs data for at least one whole ${to}. Load a longer period, or set resample ` +
        `to "none".`,
    );
  }

  const entries: Entry[] = [];
  for (const segment of segments) {
    const group = kept.get(segment.period);
    if (group === undefined) continue;
    entries.push({ row: segment.row, group, days: segment.days, share: segment.days / calendar.rowDays });
  }
  const aggregated = aggregateGroups(dated, entries, [...kept.keys()], request.rules());
  return {
    dated: aggregated.dated,
    periodsSpanned: spanned,
    report: {
      requested: to,
      from: from.detected,
      status: "resampled",
      weekStart: to === "week" ? weekStart : null,
      periods: kept.size,
      partialPeriodsDropped: partial,
      weeksSplitAcrossMonths,
      aggregation: aggregated.report,
    },
  };
}

/** Data already at the requested frequency is left as it is. */
function unchanged(dated: DatedTable, { from, to }: ResampleRequest): ResampleResult {
  return {
    dated,
    periodsSpanned: dated.days.length,
    report: {
      requested: to,
      from: from.detected,
      status: "unchanged",
      weekStart: from.weekday,
      periods: dated.days.length,
      partialPeriodsDropped: [],
      weeksSplitAcrossMonths: 0,
      aggregation: null,
    },
  };
}

interface Calendar {
  /** The start (day number) of the output period holding a day. */
  periodOf: (day: number) => number;
  /** The days of the output period starting on a day. */
  lengthOf: (start: number) => number;
  /** Days one input row covers: 1 (daily) or 7 (weekly). */
  rowDays: number;
}

interface Segment {
  row: number;
  period: number;
  days: number;
}

/** Each row's days, cut at period boundaries (a week across two months gives two segments). */
function segmentRows(
  days: readonly number[],
  calendar: Calendar,
): { segments: Segment[]; weeksSplitAcrossMonths: number } {
  const segments: Segment[] = [];
  let weeksSplitAcrossMonths = 0;
  days.forEach((day, row) => {
    let first = day;
    const last = day + calendar.rowDays - 1;
    let pieces = 0;
    while (first <= last) {
      const period = calendar.periodOf(first);
      const end = Math.min(last, period + calendar.lengthOf(period) - 1);
      segments.push({ row, period, days: end - first + 1 });
      pieces++;
      first = end + 1;
    }
    if (pieces > 1) weeksSplitAcrossMonths++;
  });
  return { segments, weeksSplitAcrossMonths };
}

/** The complete periods (start → output row), the partial first and last ones, and how many there are. */
function completePeriods(
  segments: readonly Segment[],
  calendar: Calendar,
): { kept: Map<number, number>; partial: PartialPeriod[]; spanned: number } {
  const periods: { start: number; days: number }[] = [];
  for (const segment of segments) {
    const current = periods.at(-1);
    if (current?.start === segment.period) current.days += segment.days;
    else periods.push({ start: segment.period, days: segment.days });
  }
  const kept = new Map<number, number>();
  const partial: PartialPeriod[] = [];
  periods.forEach((period, i) => {
    const fullDays = calendar.lengthOf(period.start);
    if (period.days === fullDays) {
      kept.set(period.start, kept.size);
      return;
    }
    if (i !== 0 && i !== periods.length - 1) {
      throw new MmmError(
        "internal",
        `Resampling found an incomplete period inside the data (${isoFromDayNumber(period.start)}): the data ` +
          `should have had no missing periods.`,
      );
    }
    partial.push({
      start: isoFromDayNumber(period.start),
      days: period.days,
      fullDays,
      position: i === 0 ? "first" : "last",
    });
  });
  return { kept, partial, spanned: periods.length };
}

/** The day number of the 1st of the month holding `day`. */
export function monthStartDay(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / MS_PER_DAY;
}

function daysInMonth(start: number): number {
  const index = monthIndex(start) + 1;
  return Date.UTC(Math.floor(index / 12), index % 12, 1) / MS_PER_DAY - start;
}
