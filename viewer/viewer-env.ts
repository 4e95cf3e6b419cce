/**
 * The Hono environment of the viewer: what `@hono/node-server` passes as bindings (the socket, for the
 * remote address) and what the session and access middleware put on the context for the handlers.
 */
import type { Actor } from "../core/run.ts";

/** The session cookie's content (signed, not encrypted: no secrets in it). */
export interface SessionData {
  /** Per-session token every form sends back (`_csrf`), beside Hono's origin check. */
  readonly csrf: string;
  /** Seconds since 1970. */
  readonly exp: number;
  /** Signed in with Slack or Google. */
  readonly user?: {
    /** Slack user id, or the verified e-mail address of a Google account. */
    readonly id: string;
    readonly name: string;
    /** Slack workspace id, or the Google Workspace domain. */
    readonly team: string;
    readonly admin: boolean;
    /** Absent: Slack (sessions from before Google sign-in existed). */
    readonly provider?: "slack" | "google";
    /** When `SLACK_ALLOWED_USERGROUPS` was last checked for this person (seconds since 1970). */
    readonly checkedAt?: number;
  };
  /** Opened through a share link: only what the link names. */
  readonly share?: { readonly link: string; readonly runId: string; readonly solID?: string };
  /**
   * Someone with full access (signed in, or the person at this machine in local mode) opened a share link
   * to see what its recipient sees: the link's rules apply to them (a revoked link refuses them too) until
   * they leave the preview, which gives them back `user` (kept) or local access.
   */
  readonly preview?: true;
}

/**
 * What the current request may see:
 * - `full`: everything (a signed-in member of the workspace, or the local user on loopback); `admin` may
 *   issue API tokens.
 * - `share`: one run, or one model of a run, through a share link that is neither expired nor revoked.
 */
export type Access =
  | {
      readonly kind: "full";
      readonly actor: Actor;
      readonly admin: boolean;
      readonly via: "local" | "slack" | "google";
    }
  | { readonly kind: "share"; readonly runId: string; readonly solID?: string; readonly linkId: string };

export interface ViewerEnv {
  /** What `@hono/node-server` passes (HTTP/1 or HTTP/2 request): only the socket's address is read. */
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
  Variables: {
    session: SessionData;
    access: Access;
    /** Set on every request when the server is open without sign-in (`MMM_ALLOW_UNAUTHENTICATED`). */
    openWithoutSignIn?: true;
  };
}
