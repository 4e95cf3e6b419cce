/**
 * Reads CSV text into a `Table`. Numbers become numbers; `NA`, `NaN`, `null` and empty cells become null
 * (missing); `Inf`/`-Inf` become infinities so that the input checks can name them; everything else stays
 * text. Dates stay text and are recognised later, by the checks that know which column is the date.
 */
import { parse } from "csv-parse/sync";
import { MmmError } from "../../common/errors.ts";
import type { Cell, Table } from "../../common/table.ts";

const MISSING = new Set(["", "NA", "NaN", "nan", "null", "NULL", "#N/A"]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseCell(text: string): Cell {
  const trimmed = text.trim();
  if (MISSING.has(trimmed)) return null;
  if (NUMBER.test(trimmed)) return Number(trimmed);
  if (trimmed === "Inf" || trimmed === "inf" || trimmed === "Infinity") return Number.POSITIVE_INFINITY;
  if (trimmed === "-Inf" || trimmed === "-inf" || trimmed === "-Infinity") return Number.NEGATIVE_INFINITY;
  return trimmed;
}

/**
 * The column names of a CSV header row (trimmed), or the error for a file without one or with two columns
 * of the same name. Shared by every reader of CSV files, so that each checks the header the same way.
 */
export function csvColumns(header: readonly string[] | undefined, source: string): string[] {
  if (!header || header.length === 0) {
    throw new MmmError(
      "invalid_input",
      `${source} is empty: it needs a header row and at least two data rows.`,
      {
        context: { field: "data" },
      },
    );
  }
  const columns = header.map((name) => name.trim());
  const duplicate = columns.find((name, i) => columns.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new MmmError(
      "invalid_input",
      `${source} has two columns named "${duplicate}": rename one of them so every column name is unique.`,
      { context: { field: duplicate } },
    );
  }
  return columns;
}

export function parseCsv(text: string, source = "the data file"): Table {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw new MmmError("invalid_input", `${source} is not a readable CSV file: ${(error as Error).message}`, {
      context: { field: "data" },
      cause: error,
    });
  }
  const columns = csvColumns(records[0], source);
  const data: Record<string, Cell[]> = {};
  for (const name of columns) data[name] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!;
    for (let j = 0; j < columns.length; j++) data[columns[j]!]!.push(parseCell(record[j] ?? ""));
  }
  return { columns, data };
}
