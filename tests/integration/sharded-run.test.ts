/**
 * A sharded run (3 tasks, each searching a share of the trials, then a merge) on the local launcher gives
 * byte-for-byte the same all_models.csv as the same spec run unsharded.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoRunRequest } from "../../core/lifecycle/demo-run.ts";
import type { Run } from "../../core/run.ts";
import { startApp, type RunningApp } from "../../bin/commands/serve.ts";

const dirs: string[] = [];
// A shard's trainer may still be exiting after the stopped app's run succeeded; its launcher records the
// exit in the data folder, so the removal retries until that last write has landed.
afterAll(async () =>
  Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }))),
);

async function trainWith(tasks: number): Promise<{ app: RunningApp; run: Run; allModels: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), "mmm-shards-"));
  dirs.push(dataDir);
  const app = await startApp(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MMM_DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "silent",
      TRAINER_WORKERS: "1",
      TRAINER_TASKS_PER_RUN: String(tasks),
      MAX_CONCURRENT_RUNS: "1",
    },
    { demo: false },
  );
  const request = demoRunRequest();
  const { runs } = await app.services.lifecycle.start({
    ...request,
    spec: { ...request.spec, iterations: 150, trials: 3, seed: 5 },
  });
  const deadline = Date.now() + 120_000;
  let run = runs[0]!;
  while (!["succeeded", "failed", "cancelled"].includes(run.status)) {
    if (Date.now() > deadline) throw new Error(`run is still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    run = (await app.services.runs.getRun(run.id))!;
  }
  const allModels =
    (await app.services.artifacts.getText(`${run.artifactPrefix}output/all_models.csv`)) ?? "";
  await app.stop();
  return { app, run, allModels };
}

describe("sharded runs", () => {
  it("give the same all_models.csv from 3 tasks as unsharded", async () => {
    const sharded = await trainWith(3);
    expect(sharded.run.failure?.reason).toBeUndefined();
    expect(sharded.run.status).toBe("succeeded");
    expect(sharded.run.execution?.stage).toBe("merge");
    const whole = await trainWith(1);
    expect(whole.run.status).toBe("succeeded");
    expect(sharded.allModels.length).toBeGreaterThan(1000);
    expect(sharded.allModels).toBe(whole.allModels);
  });
});
