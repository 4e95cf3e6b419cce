/**
 * Best-model picks and saved column mappings in the SQLite run store. Picks are a history (one row per
 * pick); the current pick of a country is its newest row. Mappings are one row per table and country
 * (`''` for table-wide), replaced on save.
 */
import type { BestModelPick, StoredMapping } from "../port.ts";
import { allBodies, firstBody } from "./sqlite-rows.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";
import type { MappingKey } from "../stored-mapping.ts";

/** `atIso` is the pick's time normalised (`Date#toISOString`), so that text order is time order. */
export function insertPick(db: SqliteDatabase, pick: BestModelPick, atIso: string): void {
  db.prepare("INSERT INTO best_picks (country, run_id, at, body) VALUES (?, ?, ?, ?)").run(
    pick.country,
    pick.runId,
    atIso,
    JSON.stringify(pick),
  );
}

/** The country's picks, newest first; `limit` -1 for all. */
export function selectPicks(db: SqliteDatabase, country: string, limit = -1): BestModelPick[] {
  return allBodies(
    db,
    "SELECT body FROM best_picks WHERE country = ? ORDER BY at DESC, seq DESC LIMIT ?",
    country,
    limit,
  );
}

export function selectCurrentPicks(db: SqliteDatabase): BestModelPick[] {
  return allBodies(
    db,
    `SELECT body FROM best_picks AS p
     WHERE seq = (SELECT seq FROM best_picks AS q WHERE q.country = p.country ORDER BY at DESC, seq DESC LIMIT 1)
     ORDER BY country`,
  );
}

export function upsertMapping(db: SqliteDatabase, key: MappingKey, mapping: StoredMapping): void {
  db.prepare(
    `INSERT INTO saved_mappings (table_key, country, body) VALUES (?, ?, ?)
     ON CONFLICT (table_key, country) DO UPDATE SET body = excluded.body`,
  ).run(key.table, key.country, JSON.stringify(mapping));
}

/** The country's mapping when there is one, else the table-wide one (`''` sorts before any code). */
export function selectMapping(db: SqliteDatabase, key: MappingKey): StoredMapping | undefined {
  return firstBody(
    db,
    "SELECT body FROM saved_mappings WHERE table_key = ? AND country IN (?, '') ORDER BY country DESC LIMIT 1",
    key.table,
    key.country,
  );
}
