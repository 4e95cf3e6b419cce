/**
 * `fillMissing: "zero"`: a row for every missing period, with 0 in the numeric columns (no activity) and
 * nothing in the text columns, except the country column, which gets the country. Only on request: a
 * missing period may as well be an export that lost rows, and the model's checks reject gaps by default.
 */
import type { Cell } from "../../common/table.ts";
import { columnKind } from "./column-rules.ts";
import type { DatedTable } from "./dated-table.ts";

export function fillMissingPeriods(
  dated: DatedTable,
  missingDays: readonly number[],
  country?: { column: string; value: string },
): DatedTable {
  if (missingDays.length === 0) return dated;
  const fillOf = new Map<string, Cell>(
    dated.columns.map((column) => [
      column,
      column === country?.column ? country.value : columnKind(dated.cells[column]!) === "number" ? 0 : null,
    ]),
  );
  const days: number[] = [];
  const source: number[] = []; // row of `dated`, or −1 for a filled period
  let next = 0;
  for (const [row, day] of dated.days.entries()) {
    while (next < missingDays.length && missingDays[next]! < day) {
      days.push(missingDays[next++]!);
      source.push(-1);
    }
    days.push(day);
    source.push(row);
  }
  const cells: Record<string, Cell[]> = {};
  for (const column of dated.columns) {
    const input = dated.cells[column]!;
    const fill = fillOf.get(column)!;
    cells[column] = source.map((row) => (row < 0 ? fill : (input[row] ?? null)));
  }
  return { columns: dated.columns, cells, days };
}
