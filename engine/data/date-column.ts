/**
 * The date column: found (`date_var = "auto"`), parsed, rows put in date order, and checked for duplicate
 * and missing periods (method notes §1.2–1.3). Duplicates usually mean the table holds several countries
 * or segments; gaps would silently break adstock, which assumes one row per period.
 */
import { invalidInput } from "../../common/errors.ts";
import type { Cell, Table } from "../../common/table.ts";
import { requireColumn } from "./column-checks.ts";
import { toIsoDate } from "./dates.ts";
import { detectInterval, missingPeriods, type Interval } from "./interval.ts";

export interface DatedRows {
  dateVar: string;
  /** ISO dates in ascending order. */
  dates: string[];
  /** `order[i]` is the table row holding the i-th date. */
  order: number[];
  interval: Interval;
  /** True when the table was not already in date order. */
  sorted: boolean;
}

export function readDatedRows(table: Table, dateVarSetting: string): DatedRows {
  const dateVar = dateVarSetting === "auto" ? findDateColumn(table) : dateVarSetting;
  const cells = requireColumn(table, dateVar, "date_var");
  const parsed = cells.map((cell, row) => dateOfCell(cell, dateVar, row));
  const order = parsed
    .map((_, row) => row)
    .sort((a, b) => (parsed[a]! < parsed[b]! ? -1 : parsed[a]! > parsed[b]! ? 1 : a - b));
  const dates = order.map((row) => parsed[row]!);
  const sorted = order.some((row, i) => row !== i);

  const duplicates = dates.filter((date, i) => i > 0 && date === dates[i - 1]);
  if (duplicates.length > 0) {
    const distinct = [...new Set(duplicates)];
    throw invalidInput(
      "date_var",
      `${distinct.length} date(s) appear more than once in "${dateVar}" (first: ${distinct[0]}): the model needs one ` +
        `row per period. If the table holds several countries, filter it by country; otherwise aggregate the ` +
        `duplicates (resampling sums rows of the same period).`,
      { column: dateVar, duplicates: distinct.slice(0, 20) },
    );
  }

  const interval = detectInterval(dates, dateVar);
  const missing = missingPeriods(dates, interval);
  if (missing.length > 0) {
    throw invalidInput(
      "date_var",
      `${missing.length} ${interval.type === "day" ? "day" : interval.type}(s) are missing between ${dates[0]} and ` +
        `${dates[dates.length - 1]} (first missing: ${missing[0]}): the model needs one row per period. Add rows ` +
        `with zeros for periods without activity, or resample to a coarser period.`,
      { column: dateVar, missing: missing.slice(0, 20) },
    );
  }
  return { dateVar, dates, order, interval, sorted };
}

/**
 * The ISO date in `cell`, the date column's cell in `row` (0-based); a cell that is not a date is an error
 * naming its row (1-based, as in the source).
 */
export function dateOfCell(cell: Cell | undefined, dateVar: string, row: number): string {
  const iso = toIsoDate(cell);
  if (iso === undefined) {
    throw invalidInput(
      "date_var",
      `Row ${row + 1} of the date column "${dateVar}" holds "${String(cell)}", which is not a date. Dates must be ` +
        `written YYYY-MM-DD (e.g. 2016-01-04).`,
      { column: dateVar, row: row + 1 },
    );
  }
  return iso;
}

/** `date_var = "auto"`: the one column whose every value is a date (Robyn: the single Date column). */
export function findDateColumn(table: Table): string {
  const candidates = table.columns.filter((name) => {
    const cells = table.data[name]!;
    return cells.length > 0 && cells.every((cell) => toIsoDate(cell) !== undefined);
  });
  if (candidates.length === 1) return candidates[0]!;
  throw invalidInput(
    "date_var",
    candidates.length === 0
      ? `No column of the data holds only dates (YYYY-MM-DD): set date_var to the date column.`
      : `Several columns hold dates (${candidates.join(", ")}): set date_var to the one that dates the periods.`,
  );
}
