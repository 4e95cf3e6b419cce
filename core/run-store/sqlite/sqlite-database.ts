/** The run store's SQLite connection (libsql's better-sqlite3-compatible API), shared by the SQLite modules. */
import type Database from "libsql";

export type SqliteDatabase = Database.Database;
