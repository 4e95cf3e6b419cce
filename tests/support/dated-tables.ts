/** Hand-written `DatedTable`s for the data preparation tests. */
import type { Cell } from "../../common/table.ts";
import { dayNumber, isoFromDayNumber } from "../../engine/data/dates.ts";
import type { DatedTable } from "../../engine/data/dated-table.ts";

/** A `DatedTable` from rows written `[date, ...cells]`, for hand-written cases. */
export function datedTable(
  columns: readonly string[],
  rows: readonly (readonly [string, ...Cell[]])[],
): DatedTable {
  const cells: Record<string, Cell[]> = {};
  columns.forEach((column, j) => (cells[column] = rows.map((row) => row[j + 1] ?? null)));
  return Object.freeze({ columns, cells, days: rows.map((row) => dayNumber(row[0])) });
}

/** The rows of a `DatedTable` as `[date, ...cells]`, to compare with hand-written expectations. */
export function rowsOf(dated: DatedTable): [string, ...Cell[]][] {
  return dated.days.map((day, i) => [
    isoFromDayNumber(day),
    ...dated.columns.map((column) => dated.cells[column]![i] ?? null),
  ]);
}
