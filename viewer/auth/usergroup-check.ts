/**
 * `SLACK_ALLOWED_USERGROUPS` in the viewer: the same rule as in Slack (`core/slack-access.ts`, one
 * implementation). A person outside the groups cannot sign in, and a signed-in session is checked again
 * when it is renewed, every few minutes of use, so that taking someone out of the group closes the viewer
 * to them as it closes `/mmm`. A check Slack cannot answer refuses (503) without ending the session.
 */
import { LogLevel, WebClient } from "@slack/web-api";
import type { MiddlewareHandler } from "hono";
import type { Config } from "../../core/config.ts";
import { MmmError } from "../../common/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { AccessPolicy } from "../../core/slack-access.ts";
import type { ViewerEnv } from "../viewer-env.ts";
import { endSession, renewSession, type SessionOptions } from "./session.ts";

/** How long a membership check holds before the session is renewed with a new one (the policy's cache). */
export const USERGROUP_RECHECK_SECONDS = 300;

/** The policy, when user groups are configured (they need the bot token, which the configuration checks). */
export function usergroupPolicy(
  config: Config,
  logger: Logger,
  now: () => number = Date.now,
): AccessPolicy | undefined {
  if (config.SLACK_ALLOWED_USERGROUPS.length === 0 || !config.SLACK_BOT_TOKEN) return undefined;
  const client = new WebClient(config.SLACK_BOT_TOKEN, {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL.replace(/\/?$/, "/") } : {}),
    logLevel: LogLevel.ERROR,
    timeout: 10_000,
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 },
  });
  return new AccessPolicy({
    allowedChannels: [],
    allowedUsergroups: config.SLACK_ALLOWED_USERGROUPS,
    client,
    logger,
    cacheMs: USERGROUP_RECHECK_SECONDS * 1000,
    now,
  });
}

/** Throws `forbidden` (with the groups to join) or `unavailable` unless the person may use the viewer. */
export async function assertAllowedMember(
  policy: AccessPolicy,
  userId: string,
  logger: Logger,
): Promise<void> {
  let allowed: boolean;
  try {
    allowed = await policy.isAllowedUser(userId);
  } catch (error) {
    logger.error({ err: error, userId }, "user group lookup failed (viewer)");
    throw new MmmError(
      "unavailable",
      "Your access could not be checked just now (Slack did not answer). Try again in a moment.",
      { context: { field: "usergroups" } },
    );
  }
  if (!allowed) {
    const groups = policy.allowedUsergroups.map((g) =>
      /^S[A-Z0-9]+$/.test(g) ? g : `@${g.replace(/^@/, "")}`,
    );
    throw new MmmError(
      "forbidden",
      `MMM Trainer is open to members of the Slack user group${groups.length > 1 ? "s" : ""} ${groups.join(", ")}, ` +
        "in Slack and in this viewer. Ask one of them or a workspace admin to add you, then sign in again.",
      { context: { field: "usergroups" } },
    );
  }
}

/**
 * Renews a signed-in session whose group check is older than `USERGROUP_RECHECK_SECONDS`, after checking
 * again; a person no longer in the groups is signed out and refused.
 *
 * @example pages.use("*", viewerSession(options), usergroupRecheck(policy, options, logger), viewerAccess(…))
 */
export function usergroupRecheck(
  policy: AccessPolicy,
  options: SessionOptions,
  logger: Logger,
): MiddlewareHandler<ViewerEnv> {
  const now = options.now ?? (() => new Date());
  return async function usergroupRecheck(c, next) {
    const session = c.get("session");
    const user = session.user;
    const seconds = Math.floor(now().getTime() / 1000);
    // Slack user groups say nothing about people signed in with Google (their domain was checked).
    const slackUser = user !== undefined && (user.provider ?? "slack") === "slack";
    if (user && slackUser && (user.checkedAt ?? 0) + USERGROUP_RECHECK_SECONDS <= seconds) {
      try {
        await assertAllowedMember(policy, user.id, logger);
      } catch (error) {
        if (error instanceof MmmError && error.code === "forbidden") {
          endSession(c);
          logger.info({ user: user.id }, "signed out: no longer in the allowed user groups");
        }
        throw error;
      }
      renewSession(c, { ...session, user: { ...user, checkedAt: seconds } }, options);
    }
    return next();
  };
}
