/**
 * CSV text in R's conventions (`write.csv(row.names = FALSE)`), so the native and the Robyn trainer write
 * the same files: missing values as NA, infinities as Inf/-Inf, logicals as TRUE/FALSE, numbers at full
 * precision, text quoted only when it holds a comma, a quote or a line break (quotes doubled, RFC 4180).
 *
 * Written by hand rather than with csv-stringify: these files are mostly numbers (millions of cells for a
 * large run), and joining strings directly is several times faster than a general-purpose writer.
 */
import type { CellValue, OutputTable } from "./output-tables.ts";

const NEEDS_QUOTES = /[",\r\n]/;

function cell(value: CellValue): string {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return String(value);
    if (Number.isNaN(value)) return "NA";
    return value > 0 ? "Inf" : "-Inf";
  }
  if (value === null) return "NA";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One line of CSV, without its line break. */
export function csvLine(cells: readonly CellValue[]): string {
  return cells.map(cell).join(",");
}

/**
 * CSV lines, one per row t, of the cells `series[0][t], series[1][t], …` followed by the same `trailing`
 * cells on every line: the same text as `csvLine` of each row, without building the rows.
 */
export function seriesLines(
  series: readonly ArrayLike<CellValue>[],
  trailing: readonly CellValue[],
): string[] {
  const width = series.length;
  const parts = [...series.map(() => ""), ...trailing.map(cell)];
  const rows = width === 0 ? 0 : series[0]!.length;
  const lines = new Array<string>(rows);
  for (let t = 0; t < rows; t++) {
    for (let j = 0; j < width; j++) parts[j] = cell(series[j]![t]!);
    lines[t] = parts.join(",");
  }
  return lines;
}

export function toCsv(table: OutputTable): string {
  const lines = [csvLine(table.columns)];
  for (const row of table.rows) lines.push(csvLine(row));
  return `${lines.join("\n")}\n`;
}
