/** A data table as `input.csv`, the snapshot a trainer reads, in the same R conventions as the outputs. */
import { toCsv } from "../../engine/outputs/csv.ts";
import { rowCount, type Table } from "../../common/table.ts";

export function tableToCsv(table: Table): string {
  const rows = Array.from({ length: rowCount(table) }, (_, r) =>
    table.columns.map((c) => table.data[c]![r] ?? null),
  );
  return toCsv({ columns: [...table.columns], rows });
}
