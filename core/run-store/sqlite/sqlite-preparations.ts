/**
 * Saved preparations in the SQLite run store: one row per name, its JSON in `body`. The caller holds the
 * transaction around `insertPreparation` and `removePreparation`.
 */
import type { Preparation } from "../../preparations/preparation.ts";
import { allBodies, firstBody } from "./sqlite-rows.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";

/** False when a preparation has the name already (nothing is written then). */
export function insertPreparation(db: SqliteDatabase, preparation: Preparation): boolean {
  const result = db
    .prepare(
      "INSERT INTO preparations (name, created_at, body) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
    )
    .run(preparation.name, preparation.created_at, JSON.stringify(preparation));
  return result.changes === 1;
}

export function selectPreparation(db: SqliteDatabase, name: string): Preparation | undefined {
  return firstBody<Preparation>(db, "SELECT body FROM preparations WHERE name = ?", name);
}

export function selectPreparations(db: SqliteDatabase): Preparation[] {
  return allBodies<Preparation>(db, "SELECT body FROM preparations ORDER BY name");
}

export function removePreparation(db: SqliteDatabase, name: string): Preparation | undefined {
  const preparation = selectPreparation(db, name);
  if (preparation !== undefined) db.prepare("DELETE FROM preparations WHERE name = ?").run(name);
  return preparation;
}
