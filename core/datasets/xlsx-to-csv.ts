/**
 * One sheet of an XLSX workbook as a CSV file, read row by row with ExcelJS's streaming reader, so a
 * large workbook costs one row at a time (plus its shared strings) rather than the whole sheet. The CSV
 * then goes through the same DuckDB reader as an uploaded CSV: dates are written as YYYY-MM-DD, numbers
 * as JavaScript writes them (a full stop for the decimal point), text quoted.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { invalidInput } from "../../common/errors.ts";

export interface XlsxSheetOptions {
  /** The sheet to read, by name; absent: the first sheet. */
  readonly sheet?: string;
  /** Rows beyond this many (after the header) are not read: the caller refuses the file anyway. */
  readonly maxRows: number;
}

/** Writes the chosen sheet of `path` to `csvPath` and returns the sheet's name. */
export async function xlsxSheetToCsv(
  path: string,
  csvPath: string,
  options: XlsxSheetOptions,
): Promise<string> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    entries: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
  });
  const out = createWriteStream(csvPath);
  const seen: string[] = [];
  let found: string | undefined;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${seen.length + 1}`;
      seen.push(name);
      if (found !== undefined || (options.sheet !== undefined && name !== options.sheet)) continue;
      found = name;
      let written = 0;
      let width = 0;
      for await (const row of worksheet) {
        const values = (row.values as unknown[]).slice(1);
        if (written === 0) width = values.length;
        const line = Array.from({ length: Math.max(width, values.length) }, (_, i) => csvField(values[i]));
        if (!out.write(`${line.join(",")}\n`)) await once(out, "drain");
        if (++written > options.maxRows + 1) break;
      }
    }
  } catch (error) {
    throw invalidInput("file", `The file is not a readable XLSX workbook: ${(error as Error).message}`);
  } finally {
    out.end();
    await once(out, "close");
  }
  if (found === undefined) {
    throw invalidInput(
      "sheet",
      options.sheet === undefined
        ? "The workbook has no sheet to read."
        : `The workbook has no sheet "${options.sheet}". Its sheets are: ${seen.join(", ")}.`,
    );
  }
  return found;
}

/** One cell as a CSV field: its value, the result of a formula, the text of rich text. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    const cell = value as {
      result?: unknown;
      richText?: { text: string }[];
      text?: unknown;
      error?: unknown;
    };
    if ("result" in cell) return csvField(cell.result);
    if (cell.richText) return csvField(cell.richText.map((part) => part.text).join(""));
    if (cell.text !== undefined) return csvField(cell.text);
    if (cell.error !== undefined) return "";
  }
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
