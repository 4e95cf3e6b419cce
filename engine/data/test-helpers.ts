/** Helpers shared by the preparation tests. */
import { expect } from "vitest";
import { isMmmError, type MmmError } from "../../common/errors.ts";
import type { Cell } from "../../common/table.ts";
import { dayNumber, isoFromDayNumber } from "./dates.ts";
import type { DatedTable } from "./dated-table.ts";

/** The `MmmError` a call throws, checked to be `invalid_input` on `field`. */
export function expectInvalidInput(run: () => unknown, field: string): MmmError {
  try {
    run();
  } catch (error) {
    if (!isMmmError(error)) throw error;
    expect(error.code).toBe("invalid_input");
    expect(error.field).toBe(field);
    return error;
  }
  throw new Error(`expected an invalid_input error on ${field}`);
}

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
