/**
 * An uploaded file, saved on this machine, becomes a dataset snapshot: a Parquet file written by DuckDB,
 * with what it holds (columns and their kinds, rows, the date column and its range) and how it was read.
 *
 * Every format is read by DuckDB's own readers, which stream: the file is never held in memory, and the
 * instance runs within the app's DuckDB bounds (`duckdb-instance.ts`).
 * - CSV: DuckDB's sniffer finds the delimiter, quoting, header, column types and date format (ISO,
 *   31.01.2024, 31/01/2024, 01/31/2024 …) and skips a byte-order mark. When the delimiter is not a comma,
 *   the file is sniffed again with a decimal comma (and a full stop for thousands), and that reading is
 *   kept when it finds more numeric columns: `1.234,50;12,5` is then two numbers.
 * - Parquet: read as it is.
 * - XLSX: the sheet is first written as CSV by ExcelJS (`xlsx-to-csv.ts`), then read as a CSV.
 *
 * Checks, each a clear `invalid_input` before anything is stored: the extension and first bytes
 * (`upload-format.ts`), an empty header or table, two columns with one name, more columns or rows than
 * the limits, and no column of dates. The rows limit is applied while writing (at most one row more is
 * read), so a file with too many rows stops early.
 */
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { MmmError, invalidInput, isMmmError } from "../../common/errors.ts";
import type { DuckDbBounds } from "../warehouse/duckdb/duckdb-bounds.ts";
import { createBoundedInstance, withInterruptibleConnection } from "../warehouse/duckdb/duckdb-instance.ts";
import { messageOf, sqlString } from "../warehouse/duckdb/duckdb-relation.ts";
import { columnTypeOfName } from "../warehouse/duckdb/duckdb-values.ts";
import { matchName } from "../mapping/name-rules.ts";
import { quoteIdentifier } from "../warehouse/table-name.ts";
import { formatCount, plainReason } from "../warehouse/warehouse-errors.ts";
import type { DatasetColumn, DatasetFormat } from "./dataset.ts";
import { uploadFormat } from "./upload-format.ts";

export interface DatasetLimits {
  readonly maxBytes: number;
  readonly maxRows: number;
  readonly maxColumns: number;
}

export interface UploadedFile {
  /** The file as saved on this machine. */
  readonly path: string;
  /** Its name as uploaded, e.g. `weekly.csv` (decides the format). */
  readonly fileName: string;
  readonly bytes: number;
  /** XLSX: the sheet to read (default the first). */
  readonly sheet?: string;
}

export interface Snapshot {
  /** The Parquet file written, in `workDir`. */
  readonly path: string;
  readonly format: DatasetFormat;
  readonly sheet?: string;
  readonly columns: DatasetColumn[];
  readonly rows: number;
  readonly dateColumn: string;
  readonly dateRange: { start: string; end: string };
  readonly notes: string[];
}

/** Converting a large file takes longer than a query: at least ten minutes. */
const MIN_CONVERSION_SECONDS = 600;

const q = quoteIdentifier;

export async function snapshotUpload(
  file: UploadedFile,
  workDir: string,
  limits: DatasetLimits,
  bounds: DuckDbBounds,
): Promise<Snapshot> {
  const format = await uploadFormat(file.fileName, file.path, file.bytes);
  if (file.bytes > limits.maxBytes) throw tooManyBytes(file.fileName, limits.maxBytes);
  let source = file.path;
  let sheet: string | undefined;
  const notes: string[] = [];
  if (format === "xlsx") {
    source = join(workDir, "sheet.csv");
    // ExcelJS is loaded only when a workbook is read: every start of the app would pay for it otherwise.
    const { xlsxSheetToCsv } = await import("./xlsx-to-csv.ts");
    sheet = await xlsxSheetToCsv(file.path, source, { sheet: file.sheet, maxRows: limits.maxRows });
    notes.push(`Read sheet "${sheet}" of the workbook.`);
  } else if (file.sheet !== undefined) {
    throw invalidInput(
      "sheet",
      `${file.fileName} is not a workbook: a sheet can only be chosen for an .xlsx file.`,
    );
  }
  const output = join(workDir, "snapshot.parquet");
  const timeoutSeconds = Math.max(bounds.queryTimeoutSeconds ?? 120, MIN_CONVERSION_SECONDS);
  const instance = await createBoundedInstance(bounds);
  try {
    return await withInterruptibleConnection(
      instance,
      {
        timeoutSeconds,
        interrupted: () =>
          invalidInput(
            "file",
            `${file.fileName} took longer than ${timeoutSeconds} s to read, so it was stopped.`,
          ),
      },
      async (c) => {
        const reader =
          format === "parquet" ? parquetReader(source) : await csvReader(c, source, file.fileName, notes);
        const described = await describe(c, reader, file.fileName);
        if (described.length > limits.maxColumns)
          throw tooManyColumns(file.fileName, described.length, limits.maxColumns);
        const dateColumn = chooseDateColumn(described, file.fileName);
        // A timestamp date column is kept as its day: weekly and daily data carry no time of day.
        const list = described
          .map((column) =>
            column.name === dateColumn && column.duckType.startsWith("TIMESTAMP")
              ? `CAST(${q(column.name)} AS DATE) AS ${q(column.name)}`
              : q(column.name),
          )
          .join(", ");
        await run(
          c,
          `COPY (SELECT ${list} FROM ${reader} LIMIT ${limits.maxRows + 1}) TO ${sqlString(output)} (FORMAT parquet)`,
          file.fileName,
        );
        const profile = await profileSnapshot(c, output, dateColumn);
        if (profile.rows > limits.maxRows) throw tooManyRows(file.fileName, limits.maxRows);
        if (profile.rows === 0)
          throw invalidInput("file", `${file.fileName} has a header but no rows of data.`);
        if (profile.start === undefined || profile.end === undefined) {
          throw invalidInput("file", `The date column ${dateColumn} of ${file.fileName} holds no dates.`, {
            column: dateColumn,
          });
        }
        return {
          path: output,
          format,
          ...(sheet !== undefined ? { sheet } : {}),
          columns: described.map((column) => ({
            name: column.name,
            type: column.name === dateColumn ? "date" : columnTypeOfName(column.duckType),
          })),
          rows: profile.rows,
          dateColumn,
          dateRange: { start: profile.start, end: profile.end },
          notes,
        };
      },
    );
  } finally {
    instance.closeSync();
  }
}

function parquetReader(path: string): string {
  return `read_parquet(${sqlString(path)})`;
}

interface Dialect {
  readonly delimiter: string;
  readonly quote: string;
  readonly dateFormat: string | undefined;
  readonly numeric: number;
}

/** The `read_csv(…)` call for the file, after sniffing its dialect and checking its header. */
async function csvReader(
  c: DuckDBConnection,
  path: string,
  fileName: string,
  notes: string[],
): Promise<string> {
  const plain = await sniff(c, path, "", fileName);
  let options = "";
  let dialect = plain;
  if (plain.delimiter !== ",") {
    const comma = ", decimal_separator = ',', thousands = '.'";
    const withComma = await sniff(c, path, comma, fileName).catch(() => undefined);
    if (withComma !== undefined && withComma.numeric > plain.numeric) {
      options = comma;
      dialect = withComma;
    }
  }
  const quote = dialect.quote === "(empty)" ? "" : dialect.quote;
  await assertHeader(c, path, dialect.delimiter, quote, fileName);
  notes.push(
    `Read as CSV: ${delimiterName(dialect.delimiter)}-separated` +
      (options ? ", decimal comma" : "") +
      (dialect.dateFormat ? `, dates written ${dialect.dateFormat}` : "") +
      ".",
  );
  return (
    `read_csv(${sqlString(path)}, delim = ${sqlString(dialect.delimiter)}, quote = ${sqlString(quote)}, ` +
    `header = true${options})`
  );
}

async function sniff(c: DuckDBConnection, path: string, options: string, fileName: string): Promise<Dialect> {
  const rows = await read(
    c,
    `SELECT Delimiter, Quote, DateFormat, Columns FROM sniff_csv(${sqlString(path)}${options})`,
    fileName,
  );
  const [delimiter, quote, dateFormat, columns] = rows[0] ?? [];
  const types = (columns as { type: string }[] | undefined) ?? [];
  return {
    delimiter: String(delimiter),
    quote: String(quote),
    dateFormat: dateFormat === null || dateFormat === undefined ? undefined : String(dateFormat),
    numeric: types.filter((column) => columnTypeOfName(column.type) === "number").length,
  };
}

/** The header as written: no empty name, no name twice (DuckDB would rename the second `a_1`). */
async function assertHeader(
  c: DuckDBConnection,
  path: string,
  delimiter: string,
  quote: string,
  fileName: string,
): Promise<void> {
  const rows = await read(
    c,
    `SELECT * FROM read_csv(${sqlString(path)}, header = false, all_varchar = true, ` +
      `delim = ${sqlString(delimiter)}, quote = ${sqlString(quote)}) LIMIT 1`,
    fileName,
  );
  const names = (rows[0] ?? []).map((cell) => (cell === null ? "" : String(cell).trim()));
  if (names.length === 0) throw invalidInput("file", `${fileName} is empty: there is nothing to read.`);
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === "") {
      throw invalidInput("file", `Column ${i + 1} of ${fileName} has no name: give every column a header.`, {
        column: i + 1,
      });
    }
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) {
      throw invalidInput(
        "file",
        `${fileName} has two columns named "${name}" (columns ${first + 1} and ${i + 1}): give each column its own name.`,
        { column: name },
      );
    }
    seen.set(name.toLowerCase(), i);
  });
}

interface DescribedColumn {
  readonly name: string;
  readonly duckType: string;
}

async function describe(c: DuckDBConnection, reader: string, fileName: string): Promise<DescribedColumn[]> {
  const rows = await read(c, `DESCRIBE SELECT * FROM ${reader}`, fileName);
  return rows.map(([name, type]) => ({ name: String(name), duckType: String(type) }));
}

/**
 * The date column: among the columns DuckDB read as dates, the one whose name says date (`DATE`, `week`,
 * `Datum`), else the first.
 */
function chooseDateColumn(columns: readonly DescribedColumn[], fileName: string): string {
  const dated = columns.filter((c) => c.duckType === "DATE" || c.duckType.startsWith("TIMESTAMP"));
  const named = dated.find((c) => matchName(c.name)?.role === "date");
  const chosen = named ?? dated[0];
  if (chosen === undefined) {
    throw invalidInput(
      "file",
      `${fileName} has no column of dates (its columns: ${columns.map((c) => c.name).join(", ")}). A model ` +
        "needs one date per row, written like 2024-01-31, 31.01.2024, 31/01/2024 or 01/31/2024.",
    );
  }
  return chosen.name;
}

async function profileSnapshot(
  c: DuckDBConnection,
  path: string,
  dateColumn: string,
): Promise<{ rows: number; start?: string; end?: string }> {
  const rows = await read(
    c,
    `SELECT count(*), strftime(min(${q(dateColumn)}), '%Y-%m-%d'), strftime(max(${q(dateColumn)}), '%Y-%m-%d') ` +
      `FROM read_parquet(${sqlString(path)})`,
    path,
  );
  const [count, start, end] = rows[0] ?? [];
  return {
    rows: Number(count),
    ...(start !== null && start !== undefined ? { start: String(start) } : {}),
    ...(end !== null && end !== undefined ? { end: String(end) } : {}),
  };
}

async function read(c: DuckDBConnection, sql: string, fileName: string): Promise<unknown[][]> {
  try {
    return (await c.runAndReadAll(sql)).getRowsJS() as unknown[][];
  } catch (error) {
    throw unreadable(error, fileName);
  }
}

async function run(c: DuckDBConnection, sql: string, fileName: string): Promise<void> {
  try {
    await c.run(sql);
  } catch (error) {
    throw unreadable(error, fileName);
  }
}

function unreadable(error: unknown, fileName: string): unknown {
  if (isMmmError(error)) return error;
  const message = messageOf(error);
  if (/^Out of Memory Error:/i.test(message)) {
    return invalidInput(
      "file",
      `${fileName} needs more memory to read than DuckDB may use (DUCKDB_MEMORY_LIMIT). Keep only the ` +
        "columns the model needs; an admin can raise DUCKDB_MEMORY_LIMIT.",
    );
  }
  if (/not utf-8 encoded/i.test(message)) {
    return invalidInput("file", `${fileName} is not UTF-8 text: save it as CSV UTF-8 and upload it again.`);
  }
  return new MmmError("invalid_input", `${fileName} could not be read: ${plainReason(message)}`, {
    context: { field: "file" },
    cause: error,
  });
}

function delimiterName(delimiter: string): string {
  return { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" }[delimiter] ?? `"${delimiter}"`;
}

export function tooManyBytes(fileName: string, maxBytes: number): MmmError {
  return invalidInput(
    "file",
    `${fileName} is larger than ${formatCount(maxBytes)} bytes, the most one upload may hold ` +
      "(DATASET_MAX_BYTES). Keep only the columns and markets the model needs, or aggregate it to weeks.",
    { limit: "bytes", maxBytes },
  );
}

function tooManyRows(fileName: string, maxRows: number): MmmError {
  return invalidInput(
    "file",
    `${fileName} has more than ${formatCount(maxRows)} rows, the most one dataset may hold ` +
      "(DATASET_MAX_ROWS). Aggregate it to weeks or keep only the markets you train.",
    { limit: "rows", maxRows },
  );
}

function tooManyColumns(fileName: string, columns: number, maxColumns: number): MmmError {
  return invalidInput(
    "file",
    `${fileName} has ${formatCount(columns)} columns; one dataset may have at most ${formatCount(maxColumns)} ` +
      "(DATASET_MAX_COLUMNS). Keep only the date, goal, media, context and market columns.",
    { limit: "columns", maxColumns },
  );
}
