/**
 * The viewer's session: a signed, HttpOnly, SameSite=Lax cookie (`mmm_session`) holding who signed in
 * or which share link was opened, and the per-session CSRF token. Every visitor gets one on the first
 * page, so that forms carry a token even in local mode. Lax, not Strict: a link clicked in Slack must
 * arrive with the cookie, or a signed-in person would look signed out; forms are guarded by the token
 * and Hono's origin check instead.
 */
import { randomBytes } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { SessionData, ViewerEnv } from "../viewer-env.ts";
import { purposeKey, signToken, verifyToken } from "./signed-token.ts";

export const SESSION_COOKIE = "mmm_session";
/** A signed-in or anonymous session lasts a working day. */
export const SESSION_SECONDS = 12 * 3600;
/** A share-link session lasts until the link expires, at most a week. */
export const MAX_SHARE_SESSION_SECONDS = 7 * 24 * 3600;

export interface SessionOptions {
  /** The app's secret; the cookie is signed with a key derived from it. */
  readonly secret: string;
  /** Sets the cookie's `Secure` flag (the app is served over https). Default false. */
  readonly secure?: boolean;
  /** The clock (default: the system clock). */
  readonly now?: () => Date;
}

/**
 * Reads the session cookie into `c.var.session`; a missing, tampered or expired cookie starts a new
 * anonymous session (and sets its cookie).
 *
 * @example app.use("*", viewerSession({ secret: services.secret }))
 */
export function viewerSession(options: SessionOptions): MiddlewareHandler<ViewerEnv> {
  const key = purposeKey(options.secret, "session");
  const now = options.now ?? (() => new Date());
  return async function viewerSession(c, next) {
    const cookie = getCookie(c, SESSION_COOKIE);
    const check = cookie === undefined ? undefined : verifyToken<SessionData>(cookie, key, now());
    if (check?.ok && typeof check.payload.csrf === "string" && check.payload.csrf.length >= 16) {
      c.set("session", check.payload);
      return next();
    }
    // A new anonymous session; its cookie is set after the handler, unless the handler started
    // another session (sign-in, share link), whose cookie must then be the only one.
    const fresh = newSession({}, now(), SESSION_SECONDS);
    c.set("session", fresh);
    await next();
    if (c.get("session") === fresh) writeCookie(c, fresh, options, SESSION_SECONDS);
  };
}

/** Replaces the session (sign-in, share link, sign-out) with a fresh CSRF token, and sets its cookie. */
export function startSession(
  c: Context<ViewerEnv>,
  contents: Pick<SessionData, "user" | "share" | "preview">,
  options: SessionOptions & { readonly seconds?: number },
): SessionData {
  const seconds = Math.max(1, Math.floor(options.seconds ?? SESSION_SECONDS));
  const session = newSession(contents, (options.now ?? (() => new Date()))(), seconds);
  writeCookie(c, session, options, seconds);
  c.set("session", session);
  return session;
}

/**
 * Writes the same session again with new contents (its CSRF token and expiry unchanged, so open forms
 * keep working): a renewal after the user groups were checked again.
 */
export function renewSession(c: Context<ViewerEnv>, session: SessionData, options: SessionOptions): void {
  const seconds = session.exp - Math.floor((options.now ?? (() => new Date()))().getTime() / 1000);
  writeCookie(c, session, options, Math.max(1, seconds));
  c.set("session", session);
}

function newSession(
  contents: Pick<SessionData, "user" | "share" | "preview">,
  now: Date,
  seconds: number,
): SessionData {
  return {
    csrf: randomBytes(18).toString("base64url"),
    exp: Math.floor(now.getTime() / 1000) + seconds,
    ...(contents.user ? { user: contents.user } : {}),
    ...(contents.share ? { share: contents.share } : {}),
    ...(contents.share && contents.preview ? { preview: true as const } : {}),
  };
}

function writeCookie(
  c: Context<ViewerEnv>,
  session: SessionData,
  options: SessionOptions,
  seconds: number,
): void {
  setCookie(c, SESSION_COOKIE, signToken(session, purposeKey(options.secret, "session")), {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: options.secure ?? false,
    maxAge: seconds,
  });
}

export function endSession(c: Context<ViewerEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}
