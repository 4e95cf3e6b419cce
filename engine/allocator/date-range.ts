/**
 * Robyn's allocator `date_range` (method notes §5.8, `check_metric_dates`): which periods of the modelling window
 * the initial spend per period is averaged over.
 *
 *   "all"                 every period of the window
 *   "last"                the last period; "last_<n>" the last n periods
 *   "2018-06-04"          one period
 *   ["2018-01-01", "2018-06-25"]   the periods from the first to the second date, both included
 *
 * Like Robyn, a date inside the window that is not one of its period dates is moved to the closest period date
 * (the earlier one on a tie) and the move is reported in `notes`. Unlike Robyn, which silently clips, a date
 * outside the window is an error that names the field: the allocator's carryover and response curves only
 * describe the modelling window.
 */
import { invalidInput } from "../../common/errors.ts";

export type DateRange = string | readonly [string, string];

export interface ResolvedDateRange {
  /** Row index in the window of the first period used. */
  readonly startIndex: number;
  /** Row index in the window of the last period used (inclusive). */
  readonly endIndex: number;
  /** Number of periods: endIndex − startIndex + 1. */
  readonly periods: number;
  readonly dateMin: string;
  readonly dateMax: string;
  /** Human-readable notes, e.g. a date moved to the closest period date. */
  readonly notes: readonly string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LAST_N = /^last_(\d+)$/;
const FORMS = '"all", "last", "last_<n>", one date like 2018-12-31, or a [start, end] pair of dates';

/** Resolves `dateRange` against the window's period dates (ISO strings, ascending). */
export function resolveDateRange(
  dateRange: DateRange,
  windowDates: readonly string[],
  field = "date_range",
): ResolvedDateRange {
  const n = windowDates.length;
  if (n === 0) throw invalidInput(field, `${field}: the modelling window has no periods.`);
  const first = windowDates[0]!;
  const last = windowDates[n - 1]!;
  const span = `${first} to ${last}`;

  if (typeof dateRange === "string") {
    if (dateRange === "all") return rangeOf(windowDates, 0, n - 1, []);
    if (dateRange === "last") return rangeOf(windowDates, n - 1, n - 1, []);
    const lastN = LAST_N.exec(dateRange);
    if (lastN !== null) {
      const count = Number(lastN[1]);
      if (count < 1 || count > n) {
        throw invalidInput(
          field,
          `${field} "${dateRange}" asks for ${count} periods but the modelling window (${span}) has ${n}: ` +
            `use a number from 1 to ${n}, or "all".`,
          { value: dateRange, periods: n },
        );
      }
      return rangeOf(windowDates, n - count, n - 1, []);
    }
    if (ISO_DATE.test(dateRange)) {
      const notes: string[] = [];
      const index = closestIndex(dateRange, windowDates, field, "date", span, notes);
      return rangeOf(windowDates, index, index, notes);
    }
    throw invalidInput(field, `${field} "${dateRange}" is not understood: use ${FORMS}.`, {
      value: dateRange,
    });
  }

  if (Array.isArray(dateRange) && dateRange.length === 2) {
    const [start, end] = dateRange;
    for (const date of [start, end]) {
      if (typeof date !== "string" || !ISO_DATE.test(date)) {
        throw invalidInput(
          field,
          `${field} [${String(start)}, ${String(end)}] must hold two dates like 2018-12-31.`,
          {
            value: dateRange,
          },
        );
      }
    }
    if (start > end) {
      throw invalidInput(field, `${field} starts on ${start}, after its end ${end}: swap the two dates.`, {
        value: dateRange,
      });
    }
    const notes: string[] = [];
    const startIndex = closestIndex(start, windowDates, field, "start", span, notes);
    const endIndex = closestIndex(end, windowDates, field, "end", span, notes);
    return rangeOf(windowDates, startIndex, endIndex, notes);
  }
  throw invalidInput(field, `${field} is not understood: use ${FORMS}.`, { value: dateRange });
}

function rangeOf(
  dates: readonly string[],
  startIndex: number,
  endIndex: number,
  notes: string[],
): ResolvedDateRange {
  return {
    startIndex,
    endIndex,
    periods: endIndex - startIndex + 1,
    dateMin: dates[startIndex]!,
    dateMax: dates[endIndex]!,
    notes,
  };
}

/** Index of the period date closest to `date`; an error when `date` lies outside the window. */
function closestIndex(
  date: string,
  dates: readonly string[],
  field: string,
  role: "date" | "start" | "end",
  span: string,
  notes: string[],
): number {
  const time = parseDay(date, field);
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  const label = role === "date" ? `${field} ${date}` : `${field} ${role} ${date}`;
  if (date < first || date > last) {
    const side = date < first ? "before" : "after";
    throw invalidInput(
      field,
      `${label} is ${side} the modelling window (${span}): pick a date inside the window.`,
      { value: date, windowStart: first, windowEnd: last },
    );
  }
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < dates.length; i++) {
    const distance = Math.abs(parseDay(dates[i]!, "window dates") - time);
    if (distance < bestDistance) [best, bestDistance] = [i, distance];
  }
  if (bestDistance !== 0) notes.push(`${label} is not a period date: using the closest one, ${dates[best]}.`);
  return best;
}

function parseDay(date: string, field: string): number {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (!ISO_DATE.test(date) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) {
    throw invalidInput(field, `${field}: "${date}" is not a valid date like 2018-12-31.`, { value: date });
  }
  return time;
}
