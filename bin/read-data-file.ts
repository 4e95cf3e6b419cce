import { invalidInput } from "../common/errors.ts";
import { loadConfig } from "../core/config.ts";
import type { RunSpec } from "../core/run-spec.ts";
import { readCsvFile } from "../core/warehouse/duckdb/duckdb-csv-file.ts";
import { duckDbBounds } from "../core/warehouse/duckdb/duckdb-bounds.ts";
import type { Table } from "../common/table.ts";

/**
 * The data file of a command that trains from a file: `--data`, else the spec's `data.file`. It is read
 * as the app reads data (DuckDB's streaming reader, within the configured load limits and DuckDB
 * bounds), so a file too large fails here, before any training, and `signal` (SIGTERM) stops the read.
 * A missing file is an error on `data` that ends with the command's `usage`.
 */
export async function readDataFile(
  option: string | undefined,
  spec: RunSpec,
  usage: string,
  options: { env: Record<string, string | undefined>; signal?: AbortSignal },
): Promise<{ path: string; table: Table }> {
  const path = option ?? (spec.data && "file" in spec.data ? spec.data.file : undefined);
  if (!path) throw invalidInput("data", `--data is required (or set data.file in the spec). Usage: ${usage}`);
  const config = loadConfig(options.env);
  const table = await readCsvFile(path, {
    maxRows: config.WAREHOUSE_MAX_ROWS,
    maxBytes: config.WAREHOUSE_MAX_BYTES,
    ...duckDbBounds(config),
    signal: options.signal,
    field: "data",
  });
  return { path, table };
}
