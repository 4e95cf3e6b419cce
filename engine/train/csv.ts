/**
 * CSV text in R's conventions (`write.csv(row.names = FALSE)`), so the native and the Robyn trainer write
 * the same files: missing values as NA, infinities as Inf/-Inf, logicals as TRUE/FALSE, numbers at full
 * precision.
 */
import { stringify } from "csv-stringify/sync";
import type { CellValue, OutputTable } from "./output-tables.ts";

function cell(value: CellValue): string {
  if (value === null) return "NA";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NA";
    if (value === Number.POSITIVE_INFINITY) return "Inf";
    if (value === Number.NEGATIVE_INFINITY) return "-Inf";
    return String(value);
  }
  return value;
}

export function toCsv(table: OutputTable): string {
  return stringify([table.columns, ...table.rows.map((row) => row.map(cell))]);
}
