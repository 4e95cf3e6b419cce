/** A data table as `input.csv`, the snapshot a trainer reads (missing cells as NA, as R writes them). */
import { stringify } from "csv-stringify/sync";
import type { Table } from "../../engine/table.ts";

export function tableToCsv(table: Table): string {
  const rows = table.columns.length === 0 ? 0 : table.data[table.columns[0]!]!.length;
  const body = Array.from({ length: rows }, (_, r) =>
    table.columns.map((c) => {
      const cell = table.data[c]![r];
      if (cell === null || cell === undefined || (typeof cell === "number" && Number.isNaN(cell)))
        return "NA";
      if (typeof cell !== "number" || Number.isFinite(cell)) return String(cell);
      return cell > 0 ? "Inf" : "-Inf";
    }),
  );
  return stringify([table.columns, ...body]);
}
