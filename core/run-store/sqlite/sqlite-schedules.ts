/**
 * Schedules in the SQLite run store: one row per schedule, its JSON in `body`, plus the columns it is
 * listed by. The caller holds the transaction around read-modify-writes.
 */
import type { Schedule } from "../../schedules/schedule.ts";
import { allBodies, firstBody } from "./sqlite-rows.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";

/** Inserts a schedule; false (and nothing written) when its id is taken. */
export function insertSchedule(db: SqliteDatabase, schedule: Schedule, createdIso: string): boolean {
  const result = db
    .prepare(
      "INSERT INTO schedules (id, created_at, cancelled, body) VALUES (?, ?, 0, ?) ON CONFLICT (id) DO NOTHING",
    )
    .run(schedule.id, createdIso, JSON.stringify(schedule));
  return result.changes === 1;
}

export function selectSchedule(db: SqliteDatabase, id: string): Schedule | undefined {
  return firstBody<Schedule>(db, "SELECT body FROM schedules WHERE id = ?", id);
}

export function selectActiveSchedules(db: SqliteDatabase): Schedule[] {
  return allBodies<Schedule>(
    db,
    "SELECT body FROM schedules WHERE cancelled = 0 ORDER BY created_at DESC, seq DESC",
  );
}

export function updateSchedule(db: SqliteDatabase, schedule: Schedule): void {
  db.prepare("UPDATE schedules SET body = ?, cancelled = ? WHERE id = ?").run(
    JSON.stringify(schedule),
    schedule.cancelledAt === undefined ? 0 : 1,
    schedule.id,
  );
}
