/**
 * Run and event queries of the SQLite run store. Callers hold the transaction (`immediate`) around
 * every read-modify-write; these functions only read and write rows.
 */
import type { TrainerEvent } from "../../events.ts";
import { RUN_STATUSES, isTerminal, type Run } from "../../run.ts";
import type { RunListQuery } from "../list-runs-query.ts";
import { runCursor } from "../list-runs-query.ts";
import type { RunPage } from "../port.ts";
import { runIndexFields } from "../run-record.ts";
import { allBodies, firstBody } from "./sqlite-rows.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";

/** Inserts a run; returns false (and writes nothing) when its id is taken. */
export function insertRun(db: SqliteDatabase, run: Run): boolean {
  const f = runIndexFields(run);
  const result = db
    .prepare(
      `INSERT INTO runs (id, status, country, created_at, group_id, tag, created_by, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    )
    .run(f.id, f.status, f.country, f.createdAt, f.groupId, f.tag, f.createdBy, JSON.stringify(run));
  return result.changes === 1;
}

/** Rewrites a stored run (its id must exist). */
export function writeRun(db: SqliteDatabase, run: Run): void {
  const f = runIndexFields(run);
  db.prepare(
    `UPDATE runs SET status = ?, country = ?, created_at = ?, group_id = ?, tag = ?, created_by = ?, body = ?
     WHERE id = ?`,
  ).run(f.status, f.country, f.createdAt, f.groupId, f.tag, f.createdBy, JSON.stringify(run), f.id);
}

export function selectRun(db: SqliteDatabase, id: string): Run | undefined {
  return firstBody<Run>(db, "SELECT body FROM runs WHERE id = ?", id);
}

export function selectRuns(db: SqliteDatabase, query: RunListQuery): RunPage {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (query.country !== undefined) add("country = ?", query.country);
  if (query.statuses !== undefined)
    add(`status IN (${query.statuses.map(() => "?").join(", ")})`, ...query.statuses);
  if (query.createdBy !== undefined) add("created_by = ?", query.createdBy);
  if (query.tag !== undefined) add("tag = ?", query.tag);
  if (query.groupId !== undefined) add("group_id = ?", query.groupId);
  if (query.since !== undefined) add("created_at >= ?", query.since);
  if (query.until !== undefined) add("created_at < ?", query.until);
  if (query.after !== undefined) {
    add(
      "(created_at < ? OR (created_at = ? AND id < ?))",
      query.after.createdAt,
      query.after.createdAt,
      query.after.id,
    );
  }
  const sql =
    `SELECT body FROM runs ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ` +
    "ORDER BY created_at DESC, id DESC LIMIT ?";
  // One run more than the page, to know whether another page follows.
  const found = allBodies<Run>(db, sql, ...params, query.limit + 1);
  const runs = found.slice(0, query.limit);
  const last = runs.at(-1);
  return found.length > query.limit && last !== undefined ? { runs, nextCursor: runCursor(last) } : { runs };
}

const ACTIVE_STATUSES = RUN_STATUSES.filter((status) => !isTerminal(status));

export function selectActiveRuns(db: SqliteDatabase): Run[] {
  return allBodies<Run>(
    db,
    `SELECT body FROM runs WHERE status IN (${ACTIVE_STATUSES.map(() => "?").join(", ")})
     ORDER BY created_at ASC, id ASC`,
    ...ACTIVE_STATUSES,
  );
}

export function insertEvent(
  db: SqliteDatabase,
  runId: string,
  event: TrainerEvent,
  receivedAt: string,
): void {
  db.prepare(
    `INSERT INTO run_events (run_id, seq, type, at, received_at, body) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, seq) DO NOTHING`,
  ).run(runId, event.seq, event.type, event.at, receivedAt, JSON.stringify(event));
}

export function selectEvents(db: SqliteDatabase, runId: string): TrainerEvent[] {
  return allBodies<TrainerEvent>(db, "SELECT body FROM run_events WHERE run_id = ? ORDER BY seq", runId);
}
