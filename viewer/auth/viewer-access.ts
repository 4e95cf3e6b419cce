/**
 * Decides what a page request may see (`c.var.access`), after `viewerSession`:
 *
 * - **Sign-in configured** (with Slack, Google or both): a signed-in member has full access; others
 *   are sent to the sign-in page (GET) or refused (401).
 * - **Local mode** (no sign-in configured): the person at this machine has full access, recognised by the
 *   socket's loopback address only, and only when no reverse proxy relayed the request (`isLocalUser`);
 *   anyone else is refused with a message saying how to enable sign-in, because nothing else proves who
 *   is asking. `MMM_ALLOW_UNAUTHENTICATED` opens local mode to everyone who reaches the server.
 * - In both modes a session opened from a share link sees that link's run or model, as long as the link
 *   is neither expired nor revoked (looked up in the run store on every request, so revoking is immediate).
 *   A preview (someone with full access looking at what a recipient sees) follows the link's rules first.
 */
import type { MiddlewareHandler } from "hono";
import { MmmError } from "../../common/errors.ts";
import type { Actor } from "../../core/run.ts";
import type { RunStore } from "../../core/run-store/port.ts";
import type { Access, SessionData, ViewerEnv } from "../viewer-env.ts";
import { isLocalUser } from "./remote-address.ts";

/** The person at this machine, in the viewer or the API (never the command line: it may not read files). */
export const LOCAL_ACTOR: Actor = Object.freeze({ kind: "local", id: "local", name: "Local user" });

export interface AccessOptions {
  /** Where share links are looked up. */
  readonly runs: Pick<RunStore, "getShareLink">;
  /** Whether sign-in (Slack, Google) is configured (otherwise: local mode). */
  readonly signIn: boolean;
  /** `MMM_ALLOW_UNAUTHENTICATED`: in local mode, everyone who reaches the server is the local user. */
  readonly allowUnauthenticated?: boolean;
  readonly now?: () => Date;
}

/**
 * @example app.use("*", viewerSession({ secret }), viewerAccess({ runs: services.runs, signIn: false }))
 */
export function viewerAccess(options: AccessOptions): MiddlewareHandler<ViewerEnv> {
  const now = options.now ?? (() => new Date());
  return async function viewerAccess(c, next) {
    const session = c.get("session");
    const local = isLocalUser(c, options.allowUnauthenticated ?? false);
    const access = await resolveAccess(session, local, options, now());
    if (access.kind === "granted") {
      c.set("access", access.access);
      return next();
    }
    if (options.signIn && (c.req.method === "GET" || c.req.method === "HEAD") && !access.message) {
      const target = new URL(c.req.url);
      return c.redirect(`/auth/sign-in?next=${encodeURIComponent(target.pathname + target.search)}`, 302);
    }
    throw new MmmError(
      options.signIn ? "unauthorized" : "forbidden",
      access.message ??
        (options.signIn
          ? "Sign in to see this page."
          : "This viewer runs in local mode (no sign-in configured), so it only answers on this machine " +
            "(a loopback address, not through a proxy). To open it to others, set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and " +
            "SLACK_TEAM_ID for sign-in with Slack (or GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and ALLOWED_EMAIL_DOMAINS " +
            "for sign-in with Google), or send them a share link."),
      { context: { field: "access" } },
    );
  };
}

type Resolution = { kind: "granted"; access: Access } | { kind: "refused"; message?: string };

async function resolveAccess(
  session: SessionData,
  local: boolean,
  options: AccessOptions,
  now: Date,
): Promise<Resolution> {
  if (session.share && session.preview) return shareAccess(session.share, options, now);
  if (options.signIn && session.user) {
    const { id, name, admin } = session.user;
    const provider = session.user.provider ?? "slack";
    return {
      kind: "granted",
      access: { kind: "full", actor: { kind: provider, id, name }, admin, via: provider },
    };
  }
  if (!options.signIn && local) {
    return { kind: "granted", access: { kind: "full", actor: LOCAL_ACTOR, admin: true, via: "local" } };
  }
  if (session.share) return shareAccess(session.share, options, now);
  return { kind: "refused" };
}

/** The run or model a share link opens, while it is neither gone, revoked nor expired. */
async function shareAccess(
  share: NonNullable<SessionData["share"]>,
  options: AccessOptions,
  now: Date,
): Promise<Resolution> {
  const link = await options.runs.getShareLink(share.link);
  if (!link || link.runId !== share.runId) {
    return { kind: "refused", message: "The share link you opened no longer exists: ask for a new one." };
  }
  if (link.revokedAt !== undefined) {
    return { kind: "refused", message: "The share link you opened was revoked: ask for a new one." };
  }
  if (Date.parse(link.expiresAt) <= now.getTime()) {
    return { kind: "refused", message: "The share link you opened has expired: ask for a new one." };
  }
  return {
    kind: "granted",
    access: {
      kind: "share",
      runId: link.runId,
      ...(link.solID !== undefined ? { solID: link.solID } : {}),
      linkId: link.id,
    },
  };
}
