/**
 * `BEGIN IMMEDIATE` transactions for the SQLite run store. IMMEDIATE takes the write lock before the
 * first read, so a read-modify-write can never interleave with another writer's (in this process or
 * another): the second one waits, up to the busy timeout, instead of failing at COMMIT.
 *
 * The libsql API is synchronous: a transaction runs start to end without yielding to the event loop,
 * which is what makes it atomic within this process; the file lock makes it atomic across processes.
 */
import { MmmError } from "../../../common/errors.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";

/** Runs `work` in `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws. */
export function immediate<T>(db: SqliteDatabase, work: () => T): T {
  try {
    db.exec("BEGIN IMMEDIATE");
  } catch (error) {
    throw asStoreError(error);
  }
  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw asStoreError(error);
  }
}

/** A lock held past the busy timeout becomes a retryable `unavailable` error; others pass through. */
export function asStoreError(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))) {
    return new MmmError("unavailable", "The run store is busy (another process holds its lock): try again.", {
      cause: error,
    });
  }
  return error;
}
