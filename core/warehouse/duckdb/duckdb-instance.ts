/**
 * The bounds every DuckDB instance of the app runs under, whether it holds the embedded warehouse or
 * reads a command line's CSV file: DuckDB works inside the app's (or the command's) process, so one heavy
 * query or one huge file must not take the machine's memory or cores, nor run for ever.
 *
 * - `memory_limit` and `threads` from configuration (DUCKDB_MEMORY_LIMIT, DUCKDB_THREADS);
 * - no spilling to disk: a read that needs more memory fails with a clear error instead of filling the disk;
 * - no extension downloads;
 * - every call is interrupted at `queryTimeoutSeconds` (WAREHOUSE_QUERY_TIMEOUT_SECONDS), and at once when
 *   the caller's signal aborts (a SIGTERM while a big file is read).
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { DuckDbBounds } from "./duckdb-bounds.ts";

/** An in-memory DuckDB instance within `bounds`. */
export function createBoundedInstance(bounds: DuckDbBounds): Promise<DuckDBInstance> {
  return DuckDBInstance.create(":memory:", {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
    threads: String(bounds.threads ?? 2),
    memory_limit: bounds.memoryLimit ?? "1GB",
    // An empty temp directory turns spilling off: the memory limit is then a hard ceiling.
    temp_directory: "",
  });
}

/** Why an interrupted call stopped. */
export type Interruption = "timeout" | "aborted";

/**
 * Runs `work` on a connection of its own and interrupts it at the timeout or when `signal` aborts.
 * DuckDB runs statements off the event loop, so the timer and the signal fire while a statement runs; the
 * interrupted statement then fails, and `interrupted` turns that failure into the error to throw.
 */
export async function withInterruptibleConnection<T>(
  instance: DuckDBInstance,
  options: {
    timeoutSeconds: number;
    signal?: AbortSignal | undefined;
    interrupted: (why: Interruption, error: unknown) => Error;
  },
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const { signal } = options;
  if (signal?.aborted) throw options.interrupted("aborted", signal.reason);
  const connection = await instance.connect();
  let why: Interruption | undefined;
  const interrupt = (reason: Interruption) => {
    why ??= reason;
    connection.interrupt();
  };
  const timer = setTimeout(() => interrupt("timeout"), options.timeoutSeconds * 1000);
  const onAbort = () => interrupt("aborted");
  signal?.addEventListener("abort", onAbort, { once: true });
  let result: T;
  try {
    result = await work(connection);
  } catch (error) {
    if (why !== undefined) throw options.interrupted(why, error);
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
    connection.closeSync();
  }
  // An interrupted stream can end as if it were complete: what was read then is only a part.
  if (why !== undefined) throw options.interrupted(why, new Error("DuckDB was interrupted"));
  return result;
}
