/**
 * Share links: `/share/<token>`, where the token is signed (HMAC, `signed-token.ts`) and names a share
 * link record of the run store (id, run, optional model, expiry). The token is computed from the record,
 * so the run page can show a link again without storing it; revoking the record kills the token and
 * every session opened with it (the session middleware looks the record up on every request).
 */
import { randomBytes } from "node:crypto";
import type { Actor } from "../../core/run.ts";
import type { ShareLink } from "../../core/run-store/port.ts";
import { purposeKey, signToken, verifyToken, type TokenCheck } from "./signed-token.ts";

export const SHARE_PATH = "/share/";
export const DEFAULT_SHARE_DAYS = 7;
export const MAX_SHARE_DAYS = 90;

/** What the token carries: link id, run id, model (optional), expiry in seconds since 1970. */
export interface SharePayload {
  readonly l: string;
  readonly r: string;
  readonly m?: string;
  readonly exp: number;
}

export function shareToken(link: ShareLink, secret: string): string {
  const payload: SharePayload = {
    l: link.id,
    r: link.runId,
    ...(link.solID !== undefined ? { m: link.solID } : {}),
    exp: Math.floor(Date.parse(link.expiresAt) / 1000),
  };
  return signToken(payload, purposeKey(secret, "share"));
}

export function shareUrl(baseUrl: string, link: ShareLink, secret: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${SHARE_PATH}${shareToken(link, secret)}`;
}

export function readShareToken(token: string, secret: string, now: Date): TokenCheck<SharePayload> {
  const check = verifyToken<SharePayload>(token, purposeKey(secret, "share"), now);
  if (check.ok && (typeof check.payload.l !== "string" || typeof check.payload.r !== "string")) {
    return { ok: false, reason: "malformed" };
  }
  return check;
}

/** A new link record (not stored yet) valid for `days` days from `now`. */
export function newShareLink(
  scope: { runId: string; solID?: string },
  days: number,
  by: Actor,
  now: Date,
): ShareLink {
  return {
    id: randomBytes(9).toString("base64url"),
    runId: scope.runId,
    ...(scope.solID !== undefined ? { solID: scope.solID } : {}),
    by,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
  };
}

/** Where a share link lands: the model page for a model link, else the run page. */
export function sharedPath(scope: { runId: string; solID?: string }): string {
  const run = `/runs/${encodeURIComponent(scope.runId)}`;
  return scope.solID === undefined ? run : `${run}/models/${encodeURIComponent(scope.solID)}`;
}
