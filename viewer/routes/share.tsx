/**
 * `/share/<token>`: opens a share link. The token must be signed by this app, unexpired, and name a link
 * record that exists, matches it and is not revoked; then the visitor gets a session limited to the
 * link's run or model and lands on it. The token is in the URL, so this answer is never cached and sends
 * no referrer.
 *
 * Someone who has full access anyway keeps it (a signed-in person following a link from Slack), unless
 * they ask for a preview (`?preview`, the share list's Preview link) to see what the recipient sees. In
 * local mode the person at this machine always gets the preview: otherwise their own full access would
 * hide what the link shows, and a revoked link would seem to keep working for them. `/share/leave-preview`
 * ends a preview (a GET, so that it also works from the refusal page of a revoked link; it only gives back
 * the access the session had before).
 */
import { Hono } from "hono";
import { MmmError } from "../../common/errors.ts";
import { readShareToken, sharedPath, MAX_SHARE_DAYS } from "../auth/share-link.ts";
import { isLocalUser } from "../auth/remote-address.ts";
import { MAX_SHARE_SESSION_SECONDS, startSession, viewerSession } from "../auth/session.ts";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";

export function shareRoutes(ctx: ViewerContext): Hono<ViewerEnv> {
  const sessionOptions = { secret: ctx.services.secret, secure: ctx.secure, now: ctx.now };
  const app = new Hono<ViewerEnv>();
  app.use("*", viewerSession(sessionOptions));

  app.get("/leave-preview", (c) => {
    const { user, share, preview } = c.get("session");
    if (preview) startSession(c, user ? { user } : {}, sessionOptions);
    return c.redirect(share ? sharedPath(share) : "/runs", 302);
  });

  app.get("/:token", async (c) => {
    c.header("cache-control", "no-store");
    c.header("referrer-policy", "no-referrer");
    const now = ctx.now();
    const check = readShareToken(c.req.param("token"), ctx.services.secret, now);
    if (!check.ok) {
      throw new MmmError(
        "forbidden",
        check.reason === "expired"
          ? "This share link has expired: ask the person who sent it for a new one."
          : "This share link is not valid (it may have been cut short or changed): ask for the link again.",
        { context: { field: "token", reason: check.reason } },
      );
    }
    const { l: id, r: runId, m: solID } = check.payload;
    const link = await ctx.services.runs.getShareLink(id);
    if (!link || link.runId !== runId || link.solID !== solID) {
      throw new MmmError("forbidden", "This share link is not valid: ask for the link again.", {
        context: { field: "token" },
      });
    }
    if (link.revokedAt !== undefined) {
      throw new MmmError(
        "forbidden",
        "This share link was revoked: ask the person who sent it for a new one.",
        {
          context: { field: "token", reason: "revoked" },
        },
      );
    }
    const remaining = Math.floor((Date.parse(link.expiresAt) - now.getTime()) / 1000);
    if (remaining <= 0)
      throw new MmmError("forbidden", "This share link has expired: ask for a new one.", {
        context: { field: "token" },
      });
    const { user } = c.get("session");
    const localUser = !ctx.signInConfigured && isLocalUser(c, ctx.services.config.MMM_ALLOW_UNAUTHENTICATED);
    const preview = (user !== undefined && c.req.query("preview") !== undefined) || localUser;
    if (!user || preview) {
      startSession(
        c,
        {
          ...(user ? { user } : {}),
          share: {
            link: link.id,
            runId: link.runId,
            ...(link.solID !== undefined ? { solID: link.solID } : {}),
          },
          ...(preview ? { preview: true as const } : {}),
        },
        {
          ...sessionOptions,
          seconds: Math.min(remaining, MAX_SHARE_SESSION_SECONDS, MAX_SHARE_DAYS * 86_400),
        },
      );
    }
    return c.redirect(sharedPath(link), 302);
  });

  return app;
}
