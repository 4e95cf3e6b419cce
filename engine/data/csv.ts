/**
 * Reads a data file's CSV text into a `Table` with the one CSV reader (`common/csv-columns.ts`, strict: one
 * cell per column on every row) and the one rule for cell values (`common/csv-cell.ts`): numbers become
 * numbers, missing cells null, infinities infinities (so that the input checks can name them), everything
 * else text. Dates stay text and are recognised later, by the checks that know which column is the date.
 */
import { CsvSyntaxError, readCsvColumns, type CsvColumns } from "../../common/csv-columns.ts";
import { parseCell } from "../../common/csv-cell.ts";
import { MmmError } from "../../common/errors.ts";
import type { Cell, Table } from "../../common/table.ts";

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
  let csv: CsvColumns;
  try {
    csv = readCsvColumns(text, { strict: true });
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new MmmError("invalid_input", `${source} is not a readable CSV file: ${error.message}`, {
      context: { field: "data" },
      cause: error,
    });
  }
  const columns = csvColumns(csv.header, source);
  const data: Record<string, Cell[]> = {};
  // The header as written names the cells; the trimmed names (checked unique above) name the columns.
  csv.header.forEach((name, j) => (data[columns[j]!] = csv.text(name).map(parseCell)));
  return { columns, data };
}
