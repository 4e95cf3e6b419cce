/**
 * A data table as it arrives from a warehouse or a CSV file, before any modelling: column-major cells.
 *
 * Cells are numbers, strings or null (missing). Dates are ISO strings `YYYY-MM-DD`. This is the shape the
 * warehouse adapters return, the snapshot writer stores as `input.csv`, and the engine's input checks read.
 */
export type Cell = number | string | null;

export interface Table {
  /** Column names in their original order. */
  readonly columns: readonly string[];
  /** One array of cells per column, all of the same length. */
  readonly data: Readonly<Record<string, readonly Cell[]>>;
}

export function rowCount(table: Table): number {
  const first = table.columns[0];
  return first === undefined ? 0 : (table.data[first]?.length ?? 0);
}

export function tableFromRows(columns: readonly string[], rows: readonly (readonly Cell[])[]): Table {
  const data: Record<string, Cell[]> = {};
  columns.forEach((name, j) => {
    data[name] = rows.map((row) => row[j] ?? null);
  });
  return { columns: [...columns], data };
}
