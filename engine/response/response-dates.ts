/**
 * The periods a response query is about (Robyn 3.12.1 `check_metric_dates` as called by `robyn_response`;
 * method notes §5.3, golden README B6 rule 2).
 *
 * The candidate periods are the data rows from the first one up to the end of the modelling window (not from the
 * window start: rows before the window are included). Forms of `date_range`:
 *
 *   null / "all"          every candidate period
 *   "last" / "last_<n>"   the last 1 / n candidate periods
 *   dates (one or more)   if every date is a data date, exactly those rows (two dates give two rows, not a span);
 *                         otherwise each date moves to its nearest row (the earlier on a tie) and every row from
 *                         the first to the last of them is used
 *
 * Unlike Robyn, which silently clips, a date before the first period or after the window's end, a `last_<n>` with
 * more periods than there are, and text that is neither form are errors naming `date_range`: the model says
 * nothing about periods it was not fitted on, and a clipped answer would look like an answer to the question
 * asked.
 */
import { invalidInput } from "../../common/errors.ts";
import { dayNumber } from "../data/dates.ts";

export type ResponseDateRange = string | readonly string[];

export interface ResponseDates {
  /** 0-based data rows, ascending (Robyn's `metric_loc` − 1). */
  readonly rows: number[];
  /** The dates of those rows (Robyn's `date_range_updated`). */
  readonly dates: string[];
  /** Dates moved to the nearest period, in words, for the person who asked. */
  readonly notes: string[];
}

const LAST_N = /^last(?:_(\d+))?$/;

/**
 * @param dates all data dates, ascending
 * @param windowEnd 0-based row of the modelling window's last period
 */
export function resolveResponseDates(
  dateRange: ResponseDateRange | null | undefined,
  dates: readonly string[],
  windowEnd: number,
): ResponseDates {
  const candidates = dates.slice(0, windowEnd + 1);
  const periods = candidates.length;
  const given = dateRange === null || dateRange === undefined ? ["all"] : [dateRange].flat();
  if (given.length === 0)
    throw invalidInput("date_range", "date_range is empty: give all, last, last_N or one or more dates.");
  const first = given[0]!.trim();
  if (first === "all" || LAST_N.test(first)) {
    if (given.length > 1)
      throw invalidInput(
        "date_range",
        `date_range "${given.join(",")}" mixes ${first} with other values: give ${first} alone, or only dates.`,
      );
    const n = first === "all" ? periods : Number(LAST_N.exec(first)![1] ?? 1);
    if (!Number.isSafeInteger(n) || n < 1 || n > periods)
      throw invalidInput(
        "date_range",
        `date_range "${first}" asks for ${n} periods; the data has 1 to ${periods} periods up to the end of the modelling window (${candidates[periods - 1]}).`,
      );
    return rowsOf(range(periods - n, periods - 1), candidates, []);
  }
  return datesToRows(
    given.map((d) => d.trim()),
    candidates,
  );
}

function datesToRows(given: string[], candidates: readonly string[]): ResponseDates {
  const days = candidates.map(dayNumber);
  const firstDay = days[0]!;
  const lastDay = days[days.length - 1]!;
  const wanted = given.map((text) => {
    const day = dayNumber(text);
    if (Number.isNaN(day))
      throw invalidInput(
        "date_range",
        `date_range has "${text}", which is neither a date YYYY-MM-DD nor all, last or last_N.`,
      );
    if (day < firstDay || day > lastDay)
      throw invalidInput(
        "date_range",
        `date_range has ${text}, outside the periods the model knows (${candidates[0]} to ${candidates[candidates.length - 1]}, the end of the modelling window).`,
      );
    return day;
  });
  const exact = wanted.map((day) => days.indexOf(day));
  if (exact.every((row) => row >= 0)) {
    const rows = [...new Set(exact)].sort((a, b) => a - b);
    return rowsOf(rows, candidates, []);
  }
  const snapped = wanted.map((day) => nearestRow(days, day));
  const notes = given.flatMap((text, i) =>
    exact[i]! < 0
      ? [`${text} is not a period date; the nearest period ${candidates[snapped[i]!]} is used.`]
      : [],
  );
  const from = snapped.reduce((a, b) => Math.min(a, b));
  const to = snapped.reduce((a, b) => Math.max(a, b));
  return rowsOf(range(from, to), candidates, notes);
}

/** R's `which.min(abs(day − days))`: the first row at the smallest distance. */
function nearestRow(days: readonly number[], day: number): number {
  let best = 0;
  for (let row = 1; row < days.length; row++) {
    if (Math.abs(days[row]! - day) < Math.abs(days[best]! - day)) best = row;
  }
  return best;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function rowsOf(rows: number[], candidates: readonly string[], notes: string[]): ResponseDates {
  return { rows, dates: rows.map((row) => candidates[row]!), notes };
}
