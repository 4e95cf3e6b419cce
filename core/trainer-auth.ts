/**
 * How trainers authenticate the events they post to `/internal/runs/:id/events`.
 *
 * Each run gets its own token, derived from the event key (MMM_EVENT_KEY, else the app's secret) and the
 * run id (HMAC-SHA256), so the app stores no per-run secret. A local trainer is handed its run's token; a
 * Cloud Run trainer derives it from the key it reads from Secret Manager, since execution overrides are
 * visible to anyone who may view the job. The trainer
 * signs `<timestamp>.<body>` with it; the app recomputes the token, checks the signature in constant time,
 * and refuses timestamps more than five minutes away (replays), as Slack does for its own requests.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-mmm-signature";
export const TIMESTAMP_HEADER = "x-mmm-timestamp";
const MAX_SKEW_SECONDS = 300;

/** `key` is the app's event key (`Services.eventKey`); the R trainer derives the same (`r/R/events.R`). */
export function runToken(key: string, runId: string): string {
  return createHmac("sha256", key).update(`run-events:${runId}`).digest("base64url");
}

export function signEvent(token: string, timestampSeconds: number, body: string): string {
  return `v1=${createHmac("sha256", token).update(`${timestampSeconds}.${body}`).digest("hex")}`;
}

export type EventVerification = { ok: true } | { ok: false; reason: "missing" | "stale" | "mismatch" };

export function verifyEvent(
  token: string,
  headers: { signature?: string | null; timestamp?: string | null },
  body: string,
  nowSeconds: number,
): EventVerification {
  if (!headers.signature || !headers.timestamp) return { ok: false, reason: "missing" };
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > MAX_SKEW_SECONDS)
    return { ok: false, reason: "stale" };
  const expected = Buffer.from(signEvent(token, timestamp, body));
  const given = Buffer.from(headers.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: "mismatch" };
  return { ok: true };
}
