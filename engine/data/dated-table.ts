/**
 * The working form of the data during preparation: the rows in date order, each with its day number
 * (days since 1970-01-01), and every other column's cells. Steps take one and return a new one.
 */
import type { Cell, Table } from "../../common/table.ts";
import { requireColumn } from "./column-checks.ts";
import { dateOfCell, findDateColumn } from "./date-column.ts";
import { dayNumber, isoFromDayNumber } from "./dates.ts";

export interface DatedTable {
  /** Columns other than the date column, in the table's order. */
  readonly columns: readonly string[];
  readonly cells: Readonly<Record<string, readonly Cell[]>>;
  /** The day number of each row, ascending (equal days are possible before duplicates are merged). */
  readonly days: readonly number[];
}

/**
 * `date_var`, or for `"auto"` the one column whose every value is a date (as the model's checks decide it,
 * `date-column.ts`).
 */
export function resolveDateVar(table: Table, dateVar: string): string {
  if (dateVar === "auto") return findDateColumn(table);
  requireColumn(table, dateVar, "date_var");
  return dateVar;
}

/**
 * The table's `rows` (indices) put in date order (rows of the same date keep their order). A cell that is
 * not a date is an error naming its row (1-based, as in the source).
 */
export function readDatedTable(
  table: Table,
  dateVar: string,
  rows: readonly number[],
): { dated: DatedTable; sorted: boolean } {
  const dateCells = table.data[dateVar]!;
  const dayOfRow = new Map<number, number>();
  for (const row of rows) dayOfRow.set(row, dayNumber(dateOfCell(dateCells[row], dateVar, row)));
  const order = [...rows].sort((a, b) => dayOfRow.get(a)! - dayOfRow.get(b)! || a - b);
  const sorted = order.some((row, i) => row !== rows[i]);
  const columns = table.columns.filter((name) => name !== dateVar);
  const cells: Record<string, Cell[]> = {};
  for (const name of columns) {
    const source = table.data[name]!;
    cells[name] = order.map((row) => source[row] ?? null);
  }
  return { dated: { columns, cells, days: order.map((row) => dayOfRow.get(row)!) }, sorted };
}

/** Back to a `Table`, with the date column (ISO dates) at `position` among the columns. */
export function toTable(dated: DatedTable, dateVar: string, position: number): Table {
  const columns = [...dated.columns];
  columns.splice(position, 0, dateVar);
  const data: Record<string, readonly Cell[]> = { ...dated.cells };
  data[dateVar] = dated.days.map(isoFromDayNumber);
  return { columns, data };
}
