/**
 * Idempotency keys, the same in every RunStore adapter: what `claimIdempotencyKey` accepts, and when a
 * claim expires on the store's clock.
 */
import { invalidInput } from "../../common/errors.ts";

/** Throws `invalid_input` naming the argument when a key cannot be claimed as asked. */
export function assertIdempotencyClaim(key: string, ttlSeconds: number): void {
  if (typeof key !== "string" || key === "")
    throw invalidInput("key", "An idempotency key must not be empty.");
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw invalidInput(
      "ttlSeconds",
      `An idempotency key must live a positive number of seconds, not ${ttlSeconds}.`,
    );
  }
}

/** When a claim made at `nowMs` stops holding its key, in ms since the epoch. */
export function idempotencyKeyExpiryMs(nowMs: number, ttlSeconds: number): number {
  return nowMs + Math.round(ttlSeconds * 1000);
}
