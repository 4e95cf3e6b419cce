/**
 * The bounds every DuckDB instance of the app runs under (see duckdb-instance.ts), apart from DuckDB itself
 * so that reading the configuration does not load the DuckDB library.
 */
import type { Config } from "../../config.ts";

export interface DuckDbBounds {
  /** DuckDB worker threads (default 2). */
  readonly threads?: number;
  /** DuckDB memory limit such as "1GB" (default 1GB). */
  readonly memoryLimit?: string;
  /** Every call is interrupted after this long (default 120 s). */
  readonly queryTimeoutSeconds?: number;
}

/** The bounds as configured: the same for the embedded warehouse and for data files. */
export function duckDbBounds(
  config: Pick<Config, "DUCKDB_MEMORY_LIMIT" | "DUCKDB_THREADS" | "WAREHOUSE_QUERY_TIMEOUT_SECONDS">,
): Required<DuckDbBounds> {
  return {
    memoryLimit: config.DUCKDB_MEMORY_LIMIT,
    threads: config.DUCKDB_THREADS,
    queryTimeoutSeconds: config.WAREHOUSE_QUERY_TIMEOUT_SECONDS,
  };
}

export function timeoutSecondsOf(bounds: DuckDbBounds): number {
  return bounds.queryTimeoutSeconds ?? 120;
}
