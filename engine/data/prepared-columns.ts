/**
 * The columns of a saved preparation laid over a loaded table (issue 19, "Prepare"): the kept columns in
 * the table's order, then each derived column (a custom aggregate channel: a channel total, or a sum of the
 * columns carrying one tag) as the row-wise sum of its parts. Pure: the caller checks names and kinds first
 * (`core/preparations/check-preparation.ts`), so every part named here is a number column of `table`.
 *
 * A row where every part is missing stays missing (the engine's checks then report it like any gap); a
 * row where only some parts are missing sums the parts that are there, as a channel total of the spend
 * that was recorded.
 */
import type { Cell, Table } from "../../common/table.ts";

export interface DerivedColumn {
  /** The new column's name; no column of the table has it. */
  readonly name: string;
  /** The columns it adds up, in any order. */
  readonly sum: readonly string[];
  /** The tag the parts share, for a sum by tag (a label only: the parts are `sum`). */
  readonly tag?: string;
}

export interface PreparedColumns {
  /** Columns of the table to keep. */
  readonly keep: readonly string[];
  readonly derived: readonly DerivedColumn[];
}

export function applyPreparedColumns(table: Table, prepared: PreparedColumns): Table {
  const keep = new Set(prepared.keep);
  const columns = table.columns.filter((name) => keep.has(name));
  const data: Record<string, readonly Cell[]> = {};
  for (const name of columns) data[name] = table.data[name]!;
  const rows = table.data[table.columns[0]!]?.length ?? 0;
  for (const derived of prepared.derived) {
    const parts = derived.sum.map((name) => table.data[name]!);
    data[derived.name] = Array.from({ length: rows }, (_, row) => rowSum(parts, row));
  }
  return { columns: [...columns, ...prepared.derived.map((d) => d.name)], data };
}

function rowSum(parts: readonly (readonly Cell[])[], row: number): number | null {
  let total = 0;
  let present = 0;
  for (const part of parts) {
    const cell = part[row];
    if (typeof cell === "number" && Number.isFinite(cell)) {
      total += cell;
      present++;
    }
  }
  return present === 0 ? null : total;
}
