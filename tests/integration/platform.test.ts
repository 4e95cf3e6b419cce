/**
 * The whole platform on embedded defaults, through the real path: DuckDB warehouse → snapshot under the
 * run's own prefix → child-process launcher → `mmm trainer` → signed events over HTTP → SQLite run store.
 * Also: a trainer killed mid-run is failed by the reconciler with the reason; an app restart mid-run
 * resumes watching; five runs with a cap of two all train their own spec; bad input never launches.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { isMmmError } from "../../common/errors.ts";
import { recordPath } from "../../core/launcher/child-process/execution-record.ts";
import { demoRunRequest } from "../../core/lifecycle/demo-run.ts";
import type { RunRequest } from "../../core/lifecycle/run-lifecycle.ts";
import type { Run, RunStatus } from "../../core/run.ts";
import { startApp, type RunningApp } from "../../bin/commands/serve.ts";

const dirs: string[] = [];
const apps: RunningApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
});
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function launchApp(dataDir: string, extra: Record<string, string> = {}, port = 0): Promise<RunningApp> {
  const app = await startApp(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MMM_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: "silent",
      TRAINER_WORKERS: "1",
      RECONCILE_INTERVAL_SECONDS: "1",
      ...extra,
    },
    { demo: false },
  );
  apps.push(app);
  return app;
}

async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "mmm-platform-"));
  dirs.push(dir);
  return dir;
}

function quick(request: RunRequest, iterations = 200, trials = 3): RunRequest {
  return { ...request, spec: { ...request.spec, iterations, trials } };
}

async function waitFor(
  app: RunningApp,
  runId: string,
  statuses: RunStatus[],
  timeoutMs = 90_000,
): Promise<Run> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await app.services.runs.getRun(runId);
    if (run && statuses.includes(run.status)) return run;
    if (Date.now() > deadline)
      throw new Error(`run ${runId} is ${run?.status}, not ${statuses.join("|")}, after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("platform on embedded defaults", () => {
  it("query → snapshot → launch → events → succeeded run with artifacts", async () => {
    const dataDir = await newDataDir();
    const app = await launchApp(dataDir);
    const { runs } = await app.services.lifecycle.start(quick(demoRunRequest()));
    const run = await waitFor(app, runs[0]!.id, ["succeeded", "failed"]);
    expect(run.failure?.reason).toBeUndefined();
    expect(run.status).toBe("succeeded");
    expect(run.startedAt).toBeDefined();
    expect(run.lastEventSeq).toBeGreaterThanOrEqual(3);
    expect(run.resources?.wallSeconds).toBeGreaterThan(0);
    // The run trained in a local child process: no Cloud Run cost is estimated or shown for it.
    expect(run.resources?.estimatedCostUsd).toBeUndefined();
    expect((run.summary as { best_model?: { model_id: string } }).best_model?.model_id).toMatch(
      /^\d+_\d+_\d+$/,
    );
    const files = await app.services.artifacts.list(run.artifactPrefix);
    expect(files).toEqual(
      expect.arrayContaining([
        `${run.artifactPrefix}spec.json`,
        `${run.artifactPrefix}input.csv`,
        `${run.artifactPrefix}status.json`,
        `${run.artifactPrefix}log.txt`,
        `${run.artifactPrefix}output/model_summary.json`,
        `${run.artifactPrefix}output/all_models.csv`,
      ]),
    );
    const events = await app.services.runs.listEvents(run.id);
    // The trainer says it is preparing while it reads its input, then that it started training.
    expect(events[0]).toMatchObject({ type: "progress", phase: "preparing" });
    expect(events.map((e) => e.type)).toContain("started");
    expect(events.at(-1)!.type).toBe("completed");
    // The data folder (secret, run store, artifacts, logs, execution records) is this account's only.
    const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      const path = join(entry.parentPath, entry.name);
      // A file written atomically (its .tmp renamed into place) may be gone between readdir and stat.
      const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      if (info) expect(info.mode & 0o777, path).toBe(entry.isDirectory() ? 0o700 : 0o600);
    }
  });

  it("fails a run whose trainer is killed, with the reason, within the reconciler's interval", async () => {
    const dataDir = await newDataDir();
    const app = await launchApp(dataDir);
    const { runs } = await app.services.lifecycle.start(quick(demoRunRequest(), 50_000, 5));
    const running = await waitFor(app, runs[0]!.id, ["running"]);
    const record = JSON.parse(
      readFileSync(recordPath(join(dataDir, "executions"), running.execution!.id), "utf8"),
    );
    process.kill(record.pid, "SIGKILL");
    const killedAt = Date.now();
    const failed = await waitFor(app, running.id, ["failed", "succeeded"], 10_000);
    expect(failed.status).toBe("failed");
    expect(failed.failure?.reason).toBe(
      "The trainer was killed (SIGKILL), most often because it ran out of memory without reporting a result.",
    );
    console.log(
      `failed ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill (reconcile interval 1 s)`,
    );
  });

  it("resumes watching a run after the app restarts mid-run", async () => {
    const dataDir = await newDataDir();
    const port = await freePort();
    const first = await launchApp(dataDir, {}, port);
    const { runs } = await first.services.lifecycle.start(quick(demoRunRequest(), 6000, 5));
    await waitFor(first, runs[0]!.id, ["running"]);
    apps.splice(apps.indexOf(first), 1);
    await first.stop();
    const second = await launchApp(dataDir, {}, port);
    const run = await waitFor(second, runs[0]!.id, ["succeeded", "failed"], 120_000);
    expect(run.failure?.reason).toBeUndefined();
    expect(run.status).toBe("succeeded");
  });

  it("runs five requests with a cap of two, each training its own spec", async () => {
    const app = await launchApp(await newDataDir(), { MAX_CONCURRENT_RUNS: "2" });
    const seen = new Set<number>();
    const sampler = setInterval(async () => {
      const active = await app.services.runs.listActiveRuns();
      seen.add(active.filter((r) => r.status === "preparing" || r.status === "running").length);
    }, 50);
    const demo = demoRunRequest();
    const started = await Promise.all(
      [101, 102, 103, 104, 105].map((seed, i) =>
        app.services.lifecycle.start({
          ...quick(demo, 150 + 10 * i, 2),
          spec: { ...quick(demo, 150 + 10 * i, 2).spec, seed },
          tag: `seed-${seed}`,
        }),
      ),
    );
    const finished = await Promise.all(
      started.map(({ runs }) => waitFor(app, runs[0]!.id, ["succeeded", "failed"], 180_000)),
    );
    clearInterval(sampler);
    expect(finished.map((r) => r.status)).toEqual([
      "succeeded",
      "succeeded",
      "succeeded",
      "succeeded",
      "succeeded",
    ]);
    expect(Math.max(...seen)).toBe(2);
    for (const [i, run] of finished.entries()) {
      const summary = JSON.parse(
        (await app.services.artifacts.getText(`${run.artifactPrefix}output/model_summary.json`))!,
      );
      expect(summary.seed).toBe(101 + i);
      expect(summary.candidate_model_count).toBe((150 + 10 * i) * 2);
      expect(run.tag).toBe(`seed-${101 + i}`);
    }
  });

  it("launches a window shorter than Robyn's 10:1 guideline with the guideline as a warning", async () => {
    const app = await launchApp(await newDataDir());
    const [checked] = await app.services.lifecycle.check({
      ...demoRunRequest(),
      spec: { ...demoRunRequest().spec, window_start: "2018-01-01" },
    });
    expect(checked!.warnings).toContain(
      "The window has 53 rows for 11 variables; Robyn recommends at least 10 rows per variable (110). Consider a longer window or fewer variables.",
    );
  });

  describe("bad input never launches", () => {
    const cases: [string, (request: RunRequest) => RunRequest, string, string][] = [
      [
        "an unknown table",
        (r) => ({ ...r, spec: { ...r.spec, data: { table: "DEMO.NO_SUCH_TABLE" } } }),
        "data.table",
        "DEMO.NO_SUCH_TABLE",
      ],
      [
        "SQL that fails",
        (r) => ({
          ...r,
          spec: {
            ...r.spec,
            data: { sql: "SELECT DATE, revenue, no_such_column FROM DEMO.SIMULATED_WEEKLY" },
          },
        }),
        "data.sql",
        "no_such_column",
      ],
      [
        "a mapped column missing from the data",
        (r) => ({ ...r, spec: { ...r.spec, organic_vars: ["newsletter_sends"] } }),
        "organic_vars",
        'Column "newsletter_sends" named in organic_vars is not in the data.',
      ],
      [
        "factor variables with precomputed Prophet columns on the robyn engine",
        (r) => ({ ...r, spec: { ...r.spec, engine: "robyn", prophet: "precomputed" } }),
        "factor_vars",
        "The robyn engine cannot combine factor variables (events) with precomputed Prophet columns",
      ],
      [
        "a country with no rows",
        (r) => ({ ...r, spec: { ...r.spec, country: "IT", data: { table: "DEMO.MULTI_COUNTRY_WEEKLY" } } }),
        "country",
        'No rows for country "IT" in column COUNTRY of DEMO.MULTI_COUNTRY_WEEKLY. Countries in the data: DE, FR, GB, US.',
      ],
    ];

    it.each(cases)("refuses %s with a message naming the field", async (_name, change, field, message) => {
      const app = await launchApp(await newDataDir());
      let error: unknown;
      try {
        await app.services.lifecycle.start(change(quick(demoRunRequest())));
      } catch (caught) {
        error = caught;
      }
      expect(isMmmError(error), String(error)).toBe(true);
      if (!isMmmError(error)) return;
      expect(error.code).toBe("invalid_input");
      expect(error.field).toBe(field);
      expect(error.message).toContain(message);
      expect((await app.services.runs.listRuns()).runs).toEqual([]);
      expect(await app.services.artifacts.list("runs/")).toEqual([]);
    });
  });
});
