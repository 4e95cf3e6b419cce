/**
 * Idempotency keys in the SQLite run store. The caller holds a `BEGIN IMMEDIATE` transaction, so the
 * check and the claim are one step: of two concurrent claims, exactly one inserts.
 */
import { idempotencyKeyExpiryMs } from "../idempotency-key.ts";
import type { IdempotencyClaim } from "../port.ts";
import { firstValue } from "./sqlite-rows.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";

export function claimKey(
  db: SqliteDatabase,
  key: string,
  value: string,
  nowMs: number,
  ttlSeconds: number,
): IdempotencyClaim {
  // Expired keys are deleted as claims come in; the index on expires_at_ms keeps this cheap.
  db.prepare("DELETE FROM idempotency_keys WHERE expires_at_ms <= ?").run(nowMs);
  const inserted = db
    .prepare(
      `INSERT INTO idempotency_keys (key, value, expires_at_ms) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING`,
    )
    .run(key, value, idempotencyKeyExpiryMs(nowMs, ttlSeconds));
  if (inserted.changes === 1) return { claimed: true, value };
  const held = firstValue(db, "SELECT value FROM idempotency_keys WHERE key = ?", "value", key);
  return { claimed: false, value: String(held) };
}
