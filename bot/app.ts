/**
 * The Slack app: builds the Bolt `App` (Socket Mode with an app token, otherwise HTTP through the viewer's
 * Hono server via `FetchReceiver`), adds the Slack notifier to the services' notifiers, registers the
 * listeners and starts. Same listeners in both modes; `SLACK_API_URL` points every Slack client elsewhere
 * (a loopback fake in tests, GovSlack).
 *
 * `startSlackBot` is long on purpose: it is the Slack side's composition root, one step after another
 * (clients, receiver, app, notifier, access policy, listeners, start), and reads best in that order.
 */
import { App, SocketModeReceiver } from "@slack/bolt";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import { MmmError } from "../common/errors.ts";
import type { Services } from "../core/services.ts";
import { AccessPolicy } from "../core/slack-access.ts";
import { boltLogger } from "./bolt-logger.ts";
import type { BotContext } from "./bot-context.ts";
import { FetchReceiver } from "./fetch-receiver.ts";
import { registerListeners } from "./listeners/index.ts";
import { SlackNotifier } from "./slack-notifier.ts";
import { slackScheduleReporter } from "./schedule-reporter.ts";
import { SLACK_FILES_ORIGIN } from "./datasets/slack-file-download.ts";
import { DraftStash } from "./train/train-draft.ts";
import { viewerLink } from "./viewer-link.ts";

export interface SlackBotOptions {
  /** See `BotContext.ackBudgetMs`. Default 2000 ms. */
  ackBudgetMs?: number;
  /** Least time between two edits of one run message. Default 1000 ms. */
  minEditIntervalMs?: number;
}

export interface SlackBot {
  app: App;
  mode: "socket" | "http";
  /** Serves `POST /slack/events` in HTTP mode; absent in Socket Mode. */
  handle?: (request: Request) => Promise<Response>;
  notifier: SlackNotifier;
  stop(): Promise<void>;
}

/** Interactive calls: a trigger lives 3 s, so retrying for half an hour (the client's default) helps nobody. */
const INTERACTIVE_RETRIES = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 };
/** Notifications: a few retries over about a minute; 429s are handled by the notifier itself. */
const NOTIFIER_RETRIES = { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 15_000 };

export async function startSlackBot(services: Services, options: SlackBotOptions = {}): Promise<SlackBot> {
  const { config } = services;
  const token = config.SLACK_BOT_TOKEN;
  if (!token)
    throw new MmmError("invalid_input", "Set SLACK_BOT_TOKEN to run the Slack app.", {
      context: { field: "SLACK_BOT_TOKEN" },
    });
  const logger = boltLogger(services.logger);
  const apiUrl = config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL.replace(/\/?$/, "/") } : {};
  const clientOptions: WebClientOptions = { ...apiUrl, retryConfig: INTERACTIVE_RETRIES };
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const fetchReceiver = socketMode
    ? undefined
    : new FetchReceiver({ signingSecret: config.SLACK_SIGNING_SECRET ?? "", logger });
  const receiver =
    fetchReceiver ??
    new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN!,
      logger,
      installerOptions: { clientOptions: { ...apiUrl } },
    });
  // No conversation store: nothing here keeps state per conversation, and it costs every request a lookup.
  const app = new App({
    token,
    receiver,
    socketMode,
    logger,
    clientOptions,
    deferInitialization: true,
    convoStore: false,
  });
  app.error(async (error) => {
    services.logger.error({ err: error }, "Slack listener failed");
  });
  try {
    await app.init();
  } catch (error) {
    throw new MmmError("unavailable", `Slack did not accept SLACK_BOT_TOKEN: ${(error as Error).message}`, {
      context: { field: "SLACK_BOT_TOKEN" },
      cause: error,
    });
  }

  const notifier = new SlackNotifier({
    client: new WebClient(token, {
      ...apiUrl,
      logger,
      rejectRateLimitedCalls: true,
      retryConfig: NOTIFIER_RETRIES,
    }),
    runs: services.runs,
    artifacts: services.artifacts,
    logger: services.logger,
    baseUrl: services.baseUrl,
    ...(options.minEditIntervalMs !== undefined ? { minEditIntervalMs: options.minEditIntervalMs } : {}),
  });
  const context: BotContext = {
    services: {
      logger: services.logger,
      warehouse: services.warehouse,
      artifacts: services.artifacts,
      runs: services.runs,
      lifecycle: services.lifecycle,
      preparations: services.preparations,
      baseUrl: services.baseUrl,
      schedules: services.schedules,
      datasets: services.datasets,
      limits: { maxRows: config.WAREHOUSE_MAX_ROWS, maxBytes: config.WAREHOUSE_MAX_BYTES },
    },
    files: {
      maxBytes: config.DATASET_MAX_BYTES,
      // The bot token goes only to Slack's file host (or the Slack API that SLACK_API_URL names instead).
      downloadOrigins: [
        SLACK_FILES_ORIGIN,
        ...(config.SLACK_API_URL ? [new URL(config.SLACK_API_URL).origin] : []),
      ],
    },
    notifier,
    access: new AccessPolicy({
      allowedChannels: config.SLACK_ALLOWED_CHANNELS,
      allowedUsergroups: config.SLACK_ALLOWED_USERGROUPS,
      client: app.client,
      logger: services.logger,
    }),
    drafts: new DraftStash(),
    ackBudgetMs: options.ackBudgetMs ?? 2000,
    link: (target) => viewerLink(services.baseUrl, target),
  };
  registerListeners(app, context);
  await app.start();
  services.notifier.add(notifier);
  services.schedules.reporters.add(
    slackScheduleReporter({ client: notifier.client, notifier, link: context.link }),
  );
  services.logger.info({ mode: socketMode ? "socket" : "http" }, "Slack app started");
  return {
    app,
    mode: socketMode ? "socket" : "http",
    ...(fetchReceiver ? { handle: fetchReceiver.handle } : {}),
    notifier,
    async stop() {
      // Deliver what is queued (final states), but never hold a shutdown for long on a slow Slack.
      await Promise.race([notifier.flush(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      await app.stop();
    },
  };
}
