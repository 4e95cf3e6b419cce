/**
 * Share links and API tokens in the SQLite run store: one row per record, its JSON in `body`, plus the
 * columns it is looked up and ordered by. The caller holds the transaction around read-modify-writes.
 */
import type { ApiToken, ShareLink } from "../port.ts";
import { allBodies, firstBody, firstValue } from "./sqlite-rows.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";

/** Inserts a link; false (and nothing written) when its id is taken. */
export function insertShareLink(db: SqliteDatabase, link: ShareLink, createdIso: string): boolean {
  const result = db
    .prepare(
      "INSERT INTO share_links (id, run_id, created_at, body) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
    )
    .run(link.id, link.runId, createdIso, JSON.stringify(link));
  return result.changes === 1;
}

export function selectShareLink(db: SqliteDatabase, id: string): ShareLink | undefined {
  return firstBody<ShareLink>(db, "SELECT body FROM share_links WHERE id = ?", id);
}

export function selectShareLinks(db: SqliteDatabase, runId: string): ShareLink[] {
  return allBodies<ShareLink>(
    db,
    "SELECT body FROM share_links WHERE run_id = ? ORDER BY created_at DESC, seq DESC",
    runId,
  );
}

export function updateShareLink(db: SqliteDatabase, link: ShareLink): void {
  db.prepare("UPDATE share_links SET body = ? WHERE id = ?").run(JSON.stringify(link), link.id);
}

/** The field that is already taken (`id` or `hash`), or `undefined` when the token can be inserted. */
export function takenApiTokenField(db: SqliteDatabase, token: ApiToken): "id" | "hash" | undefined {
  if (firstValue(db, "SELECT 1 AS x FROM api_tokens WHERE id = ?", "x", token.id) !== undefined) return "id";
  if (firstValue(db, "SELECT 1 AS x FROM api_tokens WHERE hash = ?", "x", token.hash) !== undefined)
    return "hash";
  return undefined;
}

export function insertApiToken(db: SqliteDatabase, token: ApiToken, createdIso: string): void {
  db.prepare("INSERT INTO api_tokens (id, hash, created_at, body) VALUES (?, ?, ?, ?)").run(
    token.id,
    token.hash,
    createdIso,
    JSON.stringify(token),
  );
}

export function selectApiTokenByHash(db: SqliteDatabase, hash: string): ApiToken | undefined {
  return firstBody<ApiToken>(db, "SELECT body FROM api_tokens WHERE hash = ?", hash);
}

export function selectApiTokenById(db: SqliteDatabase, id: string): ApiToken | undefined {
  return firstBody<ApiToken>(db, "SELECT body FROM api_tokens WHERE id = ?", id);
}

export function selectApiTokens(db: SqliteDatabase): ApiToken[] {
  return allBodies<ApiToken>(db, "SELECT body FROM api_tokens ORDER BY created_at DESC, seq DESC");
}

export function updateApiToken(db: SqliteDatabase, token: ApiToken): void {
  db.prepare("UPDATE api_tokens SET body = ? WHERE id = ?").run(JSON.stringify(token), token.id);
}
