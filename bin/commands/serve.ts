/**
 * `mmm serve` (the app: viewer, API, trainer events, and the Slack app when configured) and `mmm start`
 * (the same, plus training the bundled demo data when no run exists yet). Runs that were queued or running
 * when the app last stopped are picked up again: the reconciler and the queue run at start and on a timer.
 */
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { exposureWarning, loadConfig } from "../../core/config.ts";
import { demoRunRequest } from "../../core/lifecycle/demo-run.ts";
import { createServices, type Services } from "../../core/services.ts";
import { createApp } from "../../viewer/app.ts";
import type { CommandIo } from "../command-io.ts";
import { parseArgs } from "node:util";
import { createLogger, type Logger } from "../../core/logger.ts";
import { readableLog } from "../../core/readable-log.ts";
import { invalidInput } from "../../common/errors.ts";

export interface RunningApp {
  services: Services;
  url: string;
  /** Set when the server is open without sign-in on purpose (`MMM_ALLOW_UNAUTHENTICATED`). */
  warning?: string;
  stop(): Promise<void>;
}

/** `bindings` carry the Node socket (`@hono/node-server`'s): the viewer reads the remote address from it. */
type FetchHandler = (
  request: Request,
  bindings?: { incoming?: { socket?: { remoteAddress?: string } } },
) => Response | Promise<Response>;

export async function startApp(
  env: Record<string, string | undefined>,
  options: { demo: boolean; logger?: Logger },
): Promise<RunningApp> {
  const config = loadConfig(env);
  // Refuses, before listening, to serve local mode's trust to other machines by accident.
  const openWarning = exposureWarning(config);
  // Listen first, so trainers that the reconciler finds still running can reach the event route at once.
  const route: { handler?: FetchHandler } = {};
  const { server, port } = await listen(config.PORT, config.HOST, (request, bindings) =>
    route.handler ? route.handler(request, bindings) : new Response("starting", { status: 503 }),
  );
  const loopback = `http://127.0.0.1:${port}`;
  const services = await createServices(
    { ...config, ...(config.MMM_BASE_URL ? {} : { MMM_BASE_URL: `http://localhost:${port}` }) },
    {
      eventsBaseUrl: config.MMM_EVENTS_BASE_URL ?? loopback,
      // R_LIBS_USER and RETICULATE_PYTHON: where a local robyn trainer finds Robyn and nevergrad (r/README.md).
      childEnv: pickEnv(env, ["PATH", "HOME", "TMPDIR", "LANG", "R_LIBS_USER", "RETICULATE_PYTHON"]),
      ...(options.logger ? { logger: options.logger } : {}),
    },
  );
  if (openWarning)
    services.logger.warn({ host: config.HOST, port }, `UNAUTHENTICATED SERVER: ${openWarning}`);
  // The Slack app only with a bot token: Socket Mode with SLACK_APP_TOKEN, else HTTP on /slack/events here.
  // Bolt and the Slack SDK load only when Slack is configured.
  const slack = config.SLACK_BOT_TOKEN
    ? await (await import("../../bot/app.ts")).startSlackBot(services)
    : undefined;
  route.handler = createApp(services, { ...(slack?.handle ? { slack: slack.handle } : {}) }).fetch;
  await services.lifecycle.reconcile();
  const timer = setInterval(
    () => void services.lifecycle.reconcile(),
    config.RECONCILE_INTERVAL_SECONDS * 1000,
  );
  timer.unref();
  // Locally the app ticks its schedules itself; on Google Cloud, Cloud Scheduler calls the tick endpoint.
  const stopScheduler =
    config.SCHEDULER === "in-app"
      ? services.schedules.scheduler.start(config.SCHEDULER_TICK_SECONDS * 1000)
      : undefined;
  if (
    options.demo &&
    config.MMM_DEMO_ON_START &&
    (await services.runs.listRuns({ limit: 1 })).runs.length === 0
  ) {
    const { runs } = await services.lifecycle.start(demoRunRequest());
    services.logger.info({ runId: runs[0]?.id }, "training the bundled demo data (first start)");
  }
  return {
    services,
    url: services.baseUrl,
    ...(openWarning ? { warning: openWarning } : {}),
    async stop() {
      clearInterval(timer);
      stopScheduler?.();
      await slack?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}

function listen(
  port: number,
  hostname: string,
  fetch: FetchHandler,
): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? invalidInput(
              "PORT",
              `port ${port} is busy (another program, or mmm already running): set PORT, e.g. PORT=${port + 1} npm start.`,
            )
          : error,
      ),
    );
  });
}

export async function serveCommand(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
  demo: boolean,
): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } }, strict: true });
  // In a terminal the log reads as lines; piped or collected (a container), it stays JSON for the log system.
  const logger =
    io.terminal && !values.json
      ? createLogger(loadConfig(env).LOG_LEVEL, readableLog(io.terminal.write))
      : undefined;
  const app = await startApp(env, { demo, ...(logger ? { logger } : {}) });
  if (app.warning) io.stderr(`\n*** WARNING: ${app.warning} ***\n`);
  io.stdout(`MMM Trainer is running: open ${app.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  await app.stop();
  return 0;
}

function pickEnv(env: Record<string, string | undefined>, names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.filter((name) => env[name] !== undefined).map((name) => [name, env[name]!]),
  );
}
