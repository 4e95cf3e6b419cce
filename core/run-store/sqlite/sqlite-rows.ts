/**
 * Reading one column with libsql. Its `pluck()` works for `all()` but is ignored by `get()` (libsql
 * 0.5 returns the whole row object), so rows are read as objects and the column is taken by name.
 * libsql also adds a `_metadata` field to each row, which never reaches a caller this way.
 */
import type { SqliteDatabase } from "./sqlite-database.ts";

/** The named column of the first row, or `undefined` when there is no row. */
export function firstValue(db: SqliteDatabase, sql: string, column: string, ...params: unknown[]): unknown {
  const row = db.prepare(sql).get(...params) as Record<string, unknown> | undefined;
  return row?.[column];
}

/** The named column of every row. */
export function allValues(db: SqliteDatabase, sql: string, column: string, ...params: unknown[]): unknown[] {
  const rows = db.prepare(sql).all(...params) as Record<string, unknown>[];
  return rows.map((row) => row[column]);
}

/** The JSON `body` column of every row, parsed. */
export function allBodies<T>(db: SqliteDatabase, sql: string, ...params: unknown[]): T[] {
  return allValues(db, sql, "body", ...params).map((body) => JSON.parse(String(body)) as T);
}

/** The JSON `body` column of the first row, parsed, or `undefined`. */
export function firstBody<T>(db: SqliteDatabase, sql: string, ...params: unknown[]): T | undefined {
  const body = firstValue(db, sql, "body", ...params);
  return typeof body === "string" ? (JSON.parse(body) as T) : undefined;
}
