/**
 * Opening the run store's SQLite file: connection settings, and the schema, created or migrated on
 * open. Each migration runs once, in order, inside `BEGIN IMMEDIATE`, and is recorded in
 * `schema_version`; two processes opening a new file at once therefore apply it once. A file written
 * by a newer version of the app is refused rather than misread.
 *
 * Runs are stored as JSON (`body`) plus the columns they are filtered and ordered by.
 */
import Database from "libsql";
import type { SqliteDatabase } from "./sqlite-database.ts";
import { MmmError } from "../../../common/errors.ts";
import { firstValue } from "./sqlite-rows.ts";
import { immediate } from "./sqlite-transaction.ts";

/** Schema migrations; index + 1 is the version each one brings the file to. Append, never edit. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     country TEXT NOT NULL,
     created_at TEXT NOT NULL,
     group_id TEXT,
     tag TEXT,
     created_by TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX runs_by_time ON runs (created_at DESC, id DESC);
   CREATE INDEX runs_by_country ON runs (country, created_at DESC, id DESC);
   CREATE INDEX runs_by_status ON runs (status, created_at);
   CREATE INDEX runs_by_group ON runs (group_id);
   CREATE INDEX runs_by_creator ON runs (created_by, created_at DESC);
   CREATE TABLE run_events (
     run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     type TEXT NOT NULL,
     at TEXT NOT NULL,
     received_at TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (run_id, seq)
   );
   CREATE TABLE idempotency_keys (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     expires_at_ms INTEGER NOT NULL
   );
   CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at_ms);
   CREATE TABLE best_picks (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     country TEXT NOT NULL,
     run_id TEXT NOT NULL,
     at TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX best_picks_by_country ON best_picks (country, at DESC, seq DESC);
   CREATE TABLE saved_mappings (
     table_key TEXT NOT NULL,
     country TEXT NOT NULL DEFAULT '',
     body TEXT NOT NULL,
     PRIMARY KEY (table_key, country)
   );`,
  `CREATE TABLE share_links (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     run_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX share_links_by_run ON share_links (run_id, created_at DESC, seq DESC);
   CREATE TABLE api_tokens (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     body TEXT NOT NULL
   );`,
  `CREATE TABLE datasets (
     name TEXT NOT NULL,
     version INTEGER NOT NULL,
     uploaded_at TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (name, version)
   );`,
  `CREATE TABLE lift_studies (
     country TEXT NOT NULL,
     id TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (country, id)
   );`,
  `CREATE TABLE scenarios (
     run_id TEXT NOT NULL,
     sol_id TEXT NOT NULL,
     name TEXT NOT NULL,
     saved_at TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (run_id, sol_id, name)
   );`,
  `CREATE TABLE schedules (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     cancelled INTEGER NOT NULL,
     body TEXT NOT NULL
   );`,
  `CREATE TABLE preparations (
     name TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     body TEXT NOT NULL
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Opens `path` (a file, created when missing, or `:memory:`) in WAL mode with a busy timeout, and brings
 * its schema up to date.
 */
export function openSqliteDatabase(path: string, busyTimeoutMs: number): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw new MmmError("unavailable", `The run store ${path} could not be opened: ${String(error)}`, {
      context: { field: "path", path },
      cause: error,
    });
  }
  try {
    // Another process may hold a lock while the file is new: wait for it like any other statement.
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    db.pragma("journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
    migrate(db, path);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: SqliteDatabase, path: string): void {
  immediate(db, () => {
    db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)");
    const current = Number(firstValue(db, "SELECT COALESCE(MAX(version), 0) AS v FROM schema_version", "v"));
    if (current > SCHEMA_VERSION) {
      throw new MmmError(
        "internal",
        `The run store ${path} has schema version ${current}, written by a newer version of the app ` +
          `(this one knows up to ${SCHEMA_VERSION}): upgrade the app or point it at another file.`,
        { context: { field: "path", path, version: current } },
      );
    }
    for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version - 1]!);
      db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)").run(
        version,
        new Date().toISOString(),
      );
    }
  });
}
