/**
 * The whole app as `mmm serve` runs it (the real Hono server of `startApp` on an ephemeral port, a temp data
 * dir, the embedded DuckDB warehouse, SQLite run store and child-process trainers) with the Slack app in
 * HTTP mode, its Web API client pointed at a `FakeSlackApi`.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, type RunningApp } from "../../bin/commands/serve.ts";
import { trainersGone } from "../support/viewer-harness.ts";
import { FakeSlackApi } from "./fake-slack-api.ts";
import { SIGNING_SECRET } from "./slack-requests.ts";

export interface SlackTestApp {
  app: RunningApp;
  fake: FakeSlackApi;
  /** `http://127.0.0.1:<port>/slack/events`. */
  eventsUrl: string;
  stop(): Promise<void>;
}

export async function startSlackTestApp(env: Record<string, string> = {}): Promise<SlackTestApp> {
  const fake = new FakeSlackApi();
  await fake.start();
  const dataDir = await mkdtemp(join(tmpdir(), "mmm-slack-"));
  const app = await startApp(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MMM_DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "silent",
      TRAINER_WORKERS: "1",
      MMM_DEMO_ON_START: "false",
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      ...env,
    },
    { demo: false },
  );
  return {
    app,
    fake,
    eventsUrl: `${app.url.replace("localhost", "127.0.0.1")}/slack/events`,
    async stop() {
      await app.stop();
      // For reading what the app sent while developing: SLACK_FAKE_DUMP=/tmp/calls.json npx vitest run …
      if (process.env.SLACK_FAKE_DUMP)
        await writeFile(process.env.SLACK_FAKE_DUMP, JSON.stringify(fake.calls, null, 1));
      await fake.stop();
      // A trainer cancelled or started just before the stop may still be writing here.
      await trainersGone(join(dataDir, "executions"));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
