/**
 * What the viewer's routes share, built once by `createApp`: the services, the results cache, the clock,
 * which sign-ins (Slack, Google) are configured, and the settings derived from the configuration.
 */
import type { TickVerifier } from "../core/schedules/tick-auth.ts";
import type { Services } from "../core/services.ts";
import { availableParallelism } from "node:os";
import { RunOutputsCache } from "../core/results/run-outputs-cache.ts";
import { TwinJobs } from "../core/results/twin-jobs.ts";
import type { AccessPolicy } from "../core/slack-access.ts";
import { googleSignInConfigured } from "../core/config.ts";
import { GoogleSignIn } from "./auth/google-sign-in.ts";
import type { SlackSignInSettings } from "./auth/slack-sign-in.ts";
import { usergroupPolicy } from "./auth/usergroup-check.ts";

export interface ViewerContext {
  readonly services: Services;
  readonly results: RunOutputsCache;
  readonly now: () => Date;
  /** Known-truth twins started from the model page or the API, trained in this process. */
  readonly twins: TwinJobs;
  /** Sign in with Slack, when configured. */
  readonly slackSignIn?: SlackSignInSettings;
  /** Sign in with Google, when configured. */
  readonly googleSignIn?: GoogleSignIn;
  /** Either sign-in is configured; otherwise the viewer is in local mode. */
  readonly signInConfigured: boolean;
  /** `SLACK_ALLOWED_USERGROUPS`, when set with sign-in: checked at sign-in and on session renewal. */
  readonly usergroups?: AccessPolicy;
  /** The app is served over https (cookies get `Secure`). */
  readonly secure: boolean;
  /**
   * Local mode opened to everyone who reaches the server (`MMM_ALLOW_UNAUTHENTICATED`, no sign-in): every
   * page says so.
   */
  readonly openWithoutSignIn: boolean;
}

export interface ViewerOptions {
  /** The clock for share links, sessions and picks (tests move it). Default: the system clock. */
  readonly now?: () => Date;
  /** The Slack app's HTTP handler (`POST /slack/events`), when it runs in HTTP mode in this process. */
  readonly slack?: (request: Request) => Response | Promise<Response>;
  /** Checks Cloud Scheduler's tokens (default: Google's keys, from the configuration); tests hand in their own. */
  readonly tickVerifier?: TickVerifier;
}

export function viewerContext(services: Services, options: ViewerOptions = {}): ViewerContext {
  const { config } = services;
  const signIn =
    config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_TEAM_ID
      ? {
          clientId: config.SLACK_CLIENT_ID,
          clientSecret: config.SLACK_CLIENT_SECRET,
          teamId: config.SLACK_TEAM_ID,
          redirectUri: `${services.baseUrl}/auth/slack/callback`,
          ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
          ...(config.SLACK_BOT_TOKEN ? { botToken: config.SLACK_BOT_TOKEN } : {}),
        }
      : undefined;
  const now = options.now ?? (() => new Date());
  const googleSignIn = googleSignInConfigured(config)
    ? new GoogleSignIn(
        {
          clientId: config.GOOGLE_CLIENT_ID!,
          clientSecret: config.GOOGLE_CLIENT_SECRET!,
          issuer: config.GOOGLE_ISSUER,
          redirectUri: `${services.baseUrl}/auth/google/callback`,
          allowedDomains: config.ALLOWED_EMAIL_DOMAINS,
          adminEmails: config.GOOGLE_ADMIN_EMAILS,
        },
        now,
      )
    : undefined;
  const usergroups = signIn ? usergroupPolicy(config, services.logger, () => now().getTime()) : undefined;
  const signInConfigured = signIn !== undefined || googleSignIn !== undefined;
  return {
    services,
    results: new RunOutputsCache(services.artifacts),
    now,
    twins: new TwinJobs({
      artifacts: services.artifacts,
      logger: services.logger,
      // Leave a core to the server's requests unless the configuration says otherwise.
      workers: config.TRAINER_WORKERS ?? Math.max(1, availableParallelism() - 1),
      now,
    }),
    ...(signIn ? { slackSignIn: signIn } : {}),
    ...(googleSignIn ? { googleSignIn } : {}),
    signInConfigured,
    ...(usergroups ? { usergroups } : {}),
    secure: services.baseUrl.startsWith("https://"),
    openWithoutSignIn: !signInConfigured && config.MMM_ALLOW_UNAUTHENTICATED,
  };
}
