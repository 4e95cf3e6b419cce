/**
 * The app on embedded defaults in local mode, listening on a free loopback port with its own data folder
 * (no demo run), for tests that go through the real server; and waiting for a run to end.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, type RunningApp } from "../../bin/commands/serve.ts";
import type { RunStatus } from "../../core/run.ts";

export interface LocalApp {
  app: RunningApp;
  /** Stops the app and removes its data folder. */
  stop(): Promise<void>;
}

export async function startLocalApp(prefix: string, extra: Record<string, string> = {}): Promise<LocalApp> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const app = await startApp(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MMM_DATA_DIR: dir,
      PORT: "0",
      LOG_LEVEL: "silent",
      MMM_DEMO_ON_START: "false",
      TRAINER_WORKERS: "1",
      ...extra,
    },
    { demo: false },
  );
  return {
    app,
    stop: async () => {
      await app.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The status a run ends in (succeeded, failed or cancelled); throws when it has not ended in time. */
export async function finalStatus(app: RunningApp, runId: string, timeoutMs = 90_000): Promise<RunStatus> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const run = await app.services.runs.getRun(runId);
    if (run && ["succeeded", "failed", "cancelled"].includes(run.status)) return run.status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not finish within ${timeoutMs} ms`);
}
