/** Lift studies in the SQLite run store: one row per country and id, replaced on save. */
import type { StoredLiftStudy } from "../port.ts";
import { compareLiftStudies } from "../stored-lift-study.ts";
import { allBodies, firstBody } from "./sqlite-rows.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";

export function upsertLiftStudy(db: SqliteDatabase, study: StoredLiftStudy): void {
  db.prepare(
    `INSERT INTO lift_studies (country, id, body) VALUES (?, ?, ?)
     ON CONFLICT (country, id) DO UPDATE SET body = excluded.body`,
  ).run(study.country, study.id, JSON.stringify(study));
}

export function selectLiftStudies(db: SqliteDatabase, country: string): StoredLiftStudy[] {
  return allBodies<StoredLiftStudy>(db, "SELECT body FROM lift_studies WHERE country = ?", country).sort(
    compareLiftStudies,
  );
}

/** Removes the study and returns it, in the caller's transaction. */
export function removeLiftStudy(
  db: SqliteDatabase,
  country: string,
  id: string,
): StoredLiftStudy | undefined {
  const study = firstBody<StoredLiftStudy>(
    db,
    "SELECT body FROM lift_studies WHERE country = ? AND id = ?",
    country,
    id,
  );
  if (study !== undefined)
    db.prepare("DELETE FROM lift_studies WHERE country = ? AND id = ?").run(country, id);
  return study;
}
