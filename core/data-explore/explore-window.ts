/**
 * Where each row of a table falls for Explore: its date as a day number, the data's first and last date
 * and cadence, the timeframe asked for (default: all the data), the previous window of the same length
 * just before it and whether the data covers it, and the periods of the chosen grain. Each row gets one
 * slot: its period's index in the timeframe, `PREVIOUS` in the previous window, `OUTSIDE` otherwise, so
 * the columns are then summed in a single pass each (`aggregate-explore.ts`).
 */
import { invalidInput } from "../../common/errors.ts";
import type { Table } from "../../common/table.ts";
import { dayNumber, isoFromDayNumber, requireDayNumber, toIsoDate } from "../../engine/data/dates.ts";
import { monthIndex } from "../../engine/data/frequency.ts";
import { type Grain, grainRule, nextPeriodStart, periodLabel, periodStart } from "./time-grain.ts";

export const PREVIOUS = -1;
export const OUTSIDE = -2;

export type Cadence = "day" | "week" | "month" | "irregular";

export interface WindowRequest {
  /** First day of the timeframe, `YYYY-MM-DD`; default: the data's first date. */
  readonly start?: string;
  /** Last day of the timeframe (included); default: the data's last date. */
  readonly end?: string;
  /** Default: weeks for daily and weekly data, months for monthly data. */
  readonly grain?: Grain;
}

export interface PreviousWindow {
  readonly start: string;
  readonly end: string;
  /** Whether the data reaches back over the whole previous window. */
  readonly covered: boolean;
  readonly rows: number;
  /** Why there is no comparison, when `covered` is false. */
  readonly reason?: string;
}

export interface ExploreWindow {
  readonly data: {
    readonly first: string;
    readonly last: string;
    readonly rows: number;
    readonly cadence: Cadence;
  };
  readonly grain: Grain;
  readonly grainRule: string;
  readonly window: {
    readonly start: string;
    readonly end: string;
    readonly days: number;
    readonly rows: number;
  };
  readonly previous: PreviousWindow;
  /** Period labels, in order (`periodLabel`). */
  readonly periods: readonly string[];
  /** Rows in each period. */
  readonly rowsPerPeriod: readonly number[];
  /** Per row: its period's index, `PREVIOUS` or `OUTSIDE`. */
  readonly slots: Int32Array;
  readonly notes: readonly string[];
}

const CADENCE_DAYS: Record<Cadence, number> = { day: 1, week: 7, month: 28, irregular: 1 };

/** Longer than 60 lines: the timeframe checks and the one pass over the dates read best in order. */
export function exploreWindow(table: Table, dateColumn: string, request: WindowRequest): ExploreWindow {
  const cells = table.data[dateColumn] ?? [];
  const days = new Float64Array(cells.length);
  let undated = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    // Warehouses and datasets give YYYY-MM-DD; other spellings of a date are normalised first.
    let day = typeof cell === "string" ? dayNumber(cell) : Number.NaN;
    if (Number.isNaN(day) && typeof cell === "string") {
      const iso = toIsoDate(cell);
      if (iso !== undefined) day = dayNumber(iso);
    }
    days[i] = day;
    if (Number.isNaN(day)) undated++;
    else {
      if (day < first) first = day;
      if (day > last) last = day;
    }
  }
  if (!Number.isFinite(first)) {
    throw invalidInput(
      "date",
      `Column ${dateColumn} holds no dates written YYYY-MM-DD, so nothing can be shown over time.`,
    );
  }
  const cadence = cadenceOf(days);
  const grain = request.grain ?? (cadence === "month" ? "month" : "week");
  const fallback = defaultTimeframe(first, last, cadence, grain);
  const bothDefault = request.start === undefined && request.end === undefined;
  const start =
    request.start !== undefined
      ? requireDayNumber(request.start, "start")
      : bothDefault
        ? fallback.start
        : first;
  const end =
    request.end !== undefined
      ? requireDayNumber(request.end, "end")
      : bothDefault
        ? fallback.end
        : fallback.covered;
  const range = `the data runs from ${isoFromDayNumber(first)} to ${isoFromDayNumber(last)}`;
  if (start > end) {
    throw invalidInput(
      "start",
      `The timeframe starts (${isoFromDayNumber(start)}) after it ends (${isoFromDayNumber(end)}): choose a start on or before the end; ${range}.`,
    );
  }
  if (end < first || start > last) {
    throw invalidInput(
      request.start !== undefined && start > last ? "start" : "end",
      `No rows between ${isoFromDayNumber(start)} and ${isoFromDayNumber(end)}: ${range}.`,
    );
  }
  const length = end - start + 1;
  const previousStart = start - length;

  const periodIndex = new Map<number, number>();
  const periods: string[] = [];
  const startOfFirst = periodStart(start, grain);
  let lastPeriodEnd = start;
  for (let p = startOfFirst; p <= end; p = nextPeriodStart(p, grain)) {
    periodIndex.set(p, periods.length);
    periods.push(periodLabel(p, grain));
    lastPeriodEnd = nextPeriodStart(p, grain) - 1;
  }
  const rowsPerPeriod = new Array<number>(periods.length).fill(0);
  const slots = new Int32Array(cells.length);
  let windowRows = 0;
  let previousRows = 0;
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    if (day >= start && day <= end) {
      const slot = periodIndex.get(periodStart(day, grain))!;
      slots[i] = slot;
      rowsPerPeriod[slot]!++;
      windowRows++;
    } else if (day >= previousStart && day < start) {
      slots[i] = PREVIOUS;
      previousRows++;
    } else slots[i] = OUTSIDE;
  }

  const notes: string[] = [];
  if (bothDefault && start > first) {
    notes.push(
      `No timeframe was given: shown are the data's last ${fallback.what}, beside the ${fallback.what} before them. Choose From and To for another.`,
    );
  }
  if (undated > 0) notes.push(`${undated} row(s) have no valid date in ${dateColumn} and are left out.`);
  if (CADENCE_DAYS[grainCadence(grain)] < CADENCE_DAYS[cadence]) {
    notes.push(`The data is ${cadenceWord(cadence)}, so a ${grain} holds a row only where the data has one.`);
  }
  if (startOfFirst < start || lastPeriodEnd > end) {
    const partial = [
      ...(startOfFirst < start
        ? [`the first ${grain} (${periods[0]}) from ${isoFromDayNumber(start)} only`]
        : []),
      ...(lastPeriodEnd > end
        ? [`the last ${grain} (${periods.at(-1)}) up to ${isoFromDayNumber(end)} only`]
        : []),
    ];
    notes.push(`The timeframe cuts ${grain}s: ${partial.join("; ")}, so they look smaller.`);
  }
  const covered = first - previousStart < CADENCE_DAYS[cadence] && previousRows > 0;
  return {
    data: {
      first: isoFromDayNumber(first),
      last: isoFromDayNumber(last),
      rows: cells.length - undated,
      cadence,
    },
    grain,
    grainRule: grainRule(grain),
    window: { start: isoFromDayNumber(start), end: isoFromDayNumber(end), days: length, rows: windowRows },
    previous: {
      start: isoFromDayNumber(previousStart),
      end: isoFromDayNumber(start - 1),
      covered,
      rows: previousRows,
      ...(covered
        ? {}
        : {
            reason: `No previous window: the ${length} days before the timeframe (${isoFromDayNumber(previousStart)} to ${isoFromDayNumber(start - 1)}) are not all in the data, which starts on ${isoFromDayNumber(first)}.`,
          }),
    },
    periods,
    rowsPerPeriod,
    slots,
    notes,
  };
}

/**
 * The timeframe shown when none is asked for: the last year of whole periods the data covers (364 days,
 * 52 weeks, 12 months or 4 quarters), or the later half of them when the data holds less than two years,
 * so that the previous window is in the data too. A weekly row stands for its date and the six days
 * after it, a monthly row for its month (`covered`: the last day the data stands for).
 */
function defaultTimeframe(
  first: number,
  last: number,
  cadence: Cadence,
  grain: Grain,
): { start: number; end: number; what: string; covered: number } {
  const covered =
    cadence === "week"
      ? last + 6
      : cadence === "month"
        ? nextPeriodStart(periodStart(last, "month"), "month") - 1
        : last;
  const lastPeriod = periodStart(covered, grain);
  const end = nextPeriodStart(lastPeriod, grain) - 1 === covered ? covered : lastPeriod - 1;
  const target = YEAR_IN[grain];
  const starts: number[] = [];
  for (
    let p = periodStart(end, grain);
    p >= first && starts.length < 2 * target;
    p = periodStart(p - 1, grain)
  ) {
    starts.push(p);
  }
  const periods = Math.min(target, Math.floor(starts.length / 2));
  if (periods < 1) return { start: first, end: covered, what: "", covered };
  return { start: starts[periods - 1]!, end, what: `${periods} ${grain}${periods > 1 ? "s" : ""}`, covered };
}

const YEAR_IN: Record<Grain, number> = { day: 364, week: 52, month: 12, quarter: 4 };

/** The most common step between consecutive distinct dates: a day, a week, a calendar month, or none of them. */
function cadenceOf(days: Float64Array): Cadence {
  const distinct = [...new Set(days.filter((d) => !Number.isNaN(d)))].sort((a, b) => a - b);
  const counts: Record<Cadence, number> = { day: 0, week: 0, month: 0, irregular: 0 };
  for (let i = 1; i < distinct.length; i++) {
    const step = distinct[i]! - distinct[i - 1]!;
    if (step === 1) counts.day++;
    else if (step === 7) counts.week++;
    else if (step >= 28 && step <= 31 && monthIndex(distinct[i]!) - monthIndex(distinct[i - 1]!) === 1)
      counts.month++;
    else counts.irregular++;
  }
  return (["day", "week", "month", "irregular"] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a));
}

function grainCadence(grain: Grain): Cadence {
  return grain === "quarter" ? "month" : grain;
}

function cadenceWord(cadence: Cadence): string {
  return cadence === "day" ? "daily" : cadence === "irregular" ? "irregular" : `${cadence}ly`;
}
