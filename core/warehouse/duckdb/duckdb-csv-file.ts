/**
 * A CSV data file given on the command line, read by DuckDB's streaming CSV reader chunk by chunk, so that
 * a file of any size costs at most the load limits in memory: the same row and byte limits (and the same
 * per-value byte guard) as a warehouse read, and the same DuckDB bounds (`duckdb-instance.ts`), so reading
 * stops with a clear error as soon as a limit is passed, and at once when the caller's signal aborts.
 *
 * The values are those of `parseCsv` (`engine/data/csv.ts`): DuckDB splits the file with the dialect
 * fixed (comma, double quotes, no header detection, every value as text) and each value then goes
 * through the same `parseCell` (`common/csv-cell.ts`) and header checks, so numbers, dates and missing
 * values come out the same.
 */
import { stat } from "node:fs/promises";
import type { DuckDBConnection } from "@duckdb/node-api";
import { csvColumns } from "../../../engine/data/csv.ts";
import { parseCell } from "../../../common/csv-cell.ts";
import type { Cell, Table } from "../../../common/table.ts";
import { MmmError, invalidInput, isMmmError } from "../../../common/errors.ts";
import { timeoutSecondsOf, type DuckDbBounds } from "./duckdb-bounds.ts";
import { createBoundedInstance, withInterruptibleConnection, type Interruption } from "./duckdb-instance.ts";
import { isCellTooLarge, messageOf, sqlString, textWithinBytes } from "./duckdb-relation.ts";
import { ResultBudget, cellBytes, type LimitErrors, type ResolvedLimits } from "../result-budget.ts";
import { formatBytes, formatCount, plainReason } from "../warehouse-errors.ts";

export interface CsvFileReading extends ResolvedLimits, DuckDbBounds {
  /** Aborting it (a SIGTERM) interrupts the read; the read then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** The field errors name (default `data.file`). */
  readonly field?: string;
  /** How errors name the file (default "The data file <path>"). */
  readonly label?: string;
}

export async function readCsvFile(path: string, reading: CsvFileReading): Promise<Table> {
  const field = reading.field ?? "data.file";
  const label = reading.label ?? `The data file ${path}`;
  await assertReadableFile(path, field);
  const timeoutSeconds = timeoutSecondsOf(reading);
  const interrupted = (why: Interruption, error: unknown): Error => {
    if (why === "aborted") return reading.signal?.reason ?? error;
    return invalidInput(
      field,
      `${label} took longer than ${timeoutSeconds} s to read (WAREHOUSE_QUERY_TIMEOUT_SECONDS), so it was ` +
        "stopped. Keep only the rows and columns the model needs; an admin can raise the timeout.",
      { timeoutSeconds },
    );
  };
  const instance = await createBoundedInstance(reading);
  try {
    return await withInterruptibleConnection(
      instance,
      { timeoutSeconds, signal: reading.signal, interrupted },
      (connection) => readRows(connection, path, label, field, reading),
    );
  } finally {
    instance.closeSync();
  }
}

async function assertReadableFile(path: string, field: string): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw invalidInput(
      field,
      `Cannot read the data file ${path}: ${error.code === "ENOENT" ? "no such file" : error.message}.`,
    );
  });
  if (!info.isFile()) throw invalidInput(field, `Cannot read the data file ${path}: it is not a file.`);
}

async function readRows(
  connection: DuckDBConnection,
  path: string,
  label: string,
  field: string,
  reading: CsvFileReading,
): Promise<Table> {
  // The header is read as a row (header = false), so its names reach `csvColumns` as written.
  const sql =
    `SELECT ${textWithinBytes("COLUMNS(*)", reading.maxBytes)} FROM read_csv(${sqlString(path)}, ` +
    `header = false, all_varchar = true, delim = ',', quote = '"', escape = '"', skip = 0, ` +
    "strict_mode = true, null_padding = false)";
  const budget = new ResultBudget(fileLimitErrors(label, field), reading);
  let columns: string[] | undefined;
  let cells: Cell[][] = [];
  try {
    const result = await connection.stream(sql);
    for (;;) {
      reading.signal?.throwIfAborted();
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const values = chunk.getColumns();
      let first = 0;
      if (columns === undefined) {
        columns = csvColumns(
          values.map((column) => String(column[0] ?? "")),
          label,
        );
        cells = columns.map(() => []);
        first = 1;
      }
      let bytes = 0;
      for (let j = 0; j < cells.length; j++) {
        const out = cells[j]!;
        const column = values[j]!;
        for (let i = first; i < column.length; i++) {
          const cell = parseCell((column[i] as string | null) ?? "");
          bytes += cellBytes(cell);
          out.push(cell);
        }
      }
      budget.add(chunk.rowCount - first, bytes);
    }
  } catch (error) {
    throw readFailed(error, label, field, budget);
  }
  const names = csvColumns(columns, label);
  return { columns: names, data: Object.fromEntries(names.map((name, j) => [name, cells[j]!])) };
}

function fileLimitErrors(label: string, field: string): LimitErrors {
  return {
    tooManyRows: (maxRows) =>
      invalidInput(
        field,
        `${label} has more than ${formatCount(maxRows)} rows, the limit for one load (WAREHOUSE_MAX_ROWS). ` +
          "Aggregate it to weeks (one row per date and country), keep only the country you train, or " +
          "shorten the date range; an admin can raise WAREHOUSE_MAX_ROWS.",
        { limit: "rows", maxRows },
      ),
    tooManyBytes: (maxBytes, cause) =>
      new MmmError(
        "invalid_input",
        `${label} holds more than ${formatBytes(maxBytes)} of data, the limit for one load ` +
          "(WAREHOUSE_MAX_BYTES). Keep only the date, goal, media and context columns, keep only the " +
          "country you train, or aggregate it to weeks; an admin can raise WAREHOUSE_MAX_BYTES.",
        { context: { field, limit: "bytes", maxBytes }, cause },
      ),
  };
}

function readFailed(error: unknown, label: string, field: string, budget: ResultBudget): unknown {
  if (isMmmError(error)) return error;
  if (isCellTooLarge(error)) return budget.bytesExceeded(error);
  const message = messageOf(error);
  if (/^Out of Memory Error:/i.test(message)) {
    return invalidInput(
      field,
      `${label} needs more memory to read than DuckDB may use (DUCKDB_MEMORY_LIMIT). Keep only the rows ` +
        "and columns the model needs; an admin can raise DUCKDB_MEMORY_LIMIT.",
      { reason: plainReason(message) },
    );
  }
  return new MmmError(
    "invalid_input",
    `${label} is not a readable CSV file (comma-separated, UTF-8, the same number of cells on every ` +
      `row as in the header): ${plainReason(message)}`,
    { context: { field }, cause: error },
  );
}
