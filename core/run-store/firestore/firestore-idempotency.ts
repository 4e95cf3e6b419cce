/**
 * Idempotency keys in the Firestore run store: one document per key (its SHA-256 as the id, since a key
 * may hold any characters). The caller holds the transaction, so the check and the claim are one step.
 *
 * An expired key is simply claimed over. Deleting old ones is left to a Firestore TTL policy on
 * `expiresAt` (declared in `firestore-indexes.json`); TTL deletion lags by up to a day, so expiry is
 * always checked here against the store's clock, never inferred from a document's absence.
 */
import { Timestamp, type Firestore, type Transaction } from "@google-cloud/firestore";
import { COLLECTIONS, sha256 } from "./firestore-documents.ts";
import { idempotencyKeyExpiryMs } from "../idempotency-key.ts";
import type { IdempotencyClaim } from "../port.ts";

interface KeyDocument {
  readonly key: string;
  readonly value: string;
  readonly expiresAtMs: number;
  readonly expiresAt: Timestamp;
}

export async function claimKey(
  db: Firestore,
  tx: Transaction,
  key: string,
  value: string,
  nowMs: number,
  ttlSeconds: number,
): Promise<IdempotencyClaim> {
  const ref = db.collection(COLLECTIONS.idempotencyKeys).doc(sha256(key));
  const held = (await tx.get(ref)).data() as KeyDocument | undefined;
  if (held !== undefined && held.expiresAtMs > nowMs) return { claimed: false, value: held.value };
  const expiresAtMs = idempotencyKeyExpiryMs(nowMs, ttlSeconds);
  const claim: KeyDocument = { key, value, expiresAtMs, expiresAt: Timestamp.fromMillis(expiresAtMs) };
  tx.set(ref, claim);
  return { claimed: true, value };
}
