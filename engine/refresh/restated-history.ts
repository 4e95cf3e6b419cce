/**
 * Restated history: periods the parent model was trained on whose values differ in the refresh data (a
 * platform re-attributing conversions, a corrected spend export). Robyn refits on whatever it is given and
 * says nothing; we report it per column, because a restatement changes the story without new weeks.
 */
import type { Cell, Table } from "../../common/table.ts";
import { readDatedRows } from "../data/date-column.ts";

export interface RestatedColumn {
  column: string;
  /** Periods present in both tables whose value changed. */
  periods: number;
  first_date: string;
  last_date: string;
}

/** Relative tolerance for numbers: a CSV round trip may change the last digit. */
const TOLERANCE = 1e-9;

export function restatedHistory(
  parent: Table,
  next: Table,
  dateVar: string,
  columns: readonly string[],
): RestatedColumn[] {
  const before = rowsByDate(parent, dateVar);
  const after = rowsByDate(next, dateVar);
  const restated: RestatedColumn[] = [];
  for (const column of columns) {
    const old = parent.data[column];
    const now = next.data[column];
    if (!old || !now) continue;
    const changed: string[] = [];
    for (const [date, row] of before) {
      const newRow = after.get(date);
      if (newRow !== undefined && !sameCell(old[row] ?? null, now[newRow] ?? null)) changed.push(date);
    }
    if (changed.length > 0)
      restated.push({ column, periods: changed.length, first_date: changed[0]!, last_date: changed.at(-1)! });
  }
  return restated;
}

/** Date → table row, in date order. */
function rowsByDate(table: Table, dateVar: string): Map<string, number> {
  const { dates, order } = readDatedRows(table, dateVar);
  return new Map(dates.map((date, i) => [date, order[i]!]));
}

function sameCell(a: Cell, b: Cell): boolean {
  const x = typeof a === "string" && a.trim() !== "" ? Number(a) : a;
  const y = typeof b === "string" && b.trim() !== "" ? Number(b) : b;
  if (typeof x === "number" && typeof y === "number" && !Number.isNaN(x) && !Number.isNaN(y))
    return Math.abs(x - y) <= TOLERANCE * Math.max(1, Math.abs(x), Math.abs(y));
  return a === b;
}
