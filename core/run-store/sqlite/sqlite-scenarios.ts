/**
 * Saved scenarios in the SQLite run store: one row per run, model and name, its JSON in `body`. The caller
 * holds the transaction around `upsertScenario` and `removeScenario`.
 */
import type { SavedScenario } from "../port.ts";
import { allBodies, firstBody } from "./sqlite-rows.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";

export function upsertScenario(db: SqliteDatabase, scenario: SavedScenario): void {
  db.prepare(
    "INSERT INTO scenarios (run_id, sol_id, name, saved_at, body) VALUES (?, ?, ?, ?, ?) " +
      "ON CONFLICT (run_id, sol_id, name) DO UPDATE SET saved_at = excluded.saved_at, body = excluded.body",
  ).run(scenario.runId, scenario.solID, scenario.name, scenario.savedAt, JSON.stringify(scenario));
}

export function selectScenario(
  db: SqliteDatabase,
  runId: string,
  solID: string,
  name: string,
): SavedScenario | undefined {
  return firstBody<SavedScenario>(
    db,
    "SELECT body FROM scenarios WHERE run_id = ? AND sol_id = ? AND name = ?",
    runId,
    solID,
    name,
  );
}

/** Unsorted: the caller orders them (`byScenarioName`), as every adapter does. */
export function selectScenarios(db: SqliteDatabase, runId: string, solID: string): SavedScenario[] {
  return allBodies<SavedScenario>(
    db,
    "SELECT body FROM scenarios WHERE run_id = ? AND sol_id = ?",
    runId,
    solID,
  );
}

export function removeScenario(db: SqliteDatabase, runId: string, solID: string, name: string): void {
  db.prepare("DELETE FROM scenarios WHERE run_id = ? AND sol_id = ? AND name = ?").run(runId, solID, name);
}
