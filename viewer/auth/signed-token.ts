/**
 * Compact signed tokens for share links and session cookies: `<payload>.<signature>`, both base64url,
 * the payload JSON, the signature HMAC-SHA256 over `v1.<payload>` with a key derived from the app's
 * secret for one purpose (`share`, `session`, …), so that a token made for one purpose is never accepted
 * for another. Tokens are not encrypted: they carry ids and times, never secrets.
 *
 * `exp` (seconds since 1970), when the payload has one, is checked here, so no caller forgets it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type TokenPurpose = "share" | "session" | "sign-in";

export type TokenCheck<T> =
  | { readonly ok: true; readonly payload: T }
  | { readonly ok: false; readonly reason: "malformed" | "signature" | "expired" };

/** The key for one purpose: HMAC of the purpose under the app's secret. */
export function purposeKey(secret: string, purpose: TokenPurpose): Buffer {
  return createHmac("sha256", secret).update(`mmm-viewer:${purpose}:v1`).digest();
}

export function signToken(payload: object, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  return `${body}.${signature(body, key)}`;
}

/** Checks the signature in constant time, then `exp` against `now`. */
export function verifyToken<T extends object>(token: string, key: Buffer, now: Date): TokenCheck<T> {
  if (typeof token !== "string" || token.length > 4096) return { ok: false, reason: "malformed" };
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".")) return { ok: false, reason: "malformed" };
  const body = token.slice(0, dot);
  const expected = Buffer.from(signature(body, key), "utf8");
  const given = Buffer.from(token.slice(dot + 1), "utf8");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: "signature" };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof payload !== "object" || payload === null) return { ok: false, reason: "malformed" };
  const exp = (payload as { exp?: unknown }).exp;
  if (exp !== undefined && (typeof exp !== "number" || exp * 1000 <= now.getTime())) {
    return { ok: false, reason: "expired" };
  }
  return { ok: true, payload: payload as T };
}

function signature(body: string, key: Buffer): string {
  return createHmac("sha256", key).update(`v1.${body}`).digest("base64url");
}
