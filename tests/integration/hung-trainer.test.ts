/**
 * Fault: a trainer that hangs (stopped with SIGSTOP, so its process is alive but silent) against the real
 * app (`startApp`, child-process launcher, `mmm trainer`, the Slack app over the fake Web API). The
 * reconciler must notice the silence within TRAINER_SILENCE_SECONDS plus one reconcile interval, cancel
 * the execution, fail the run with a reason that Slack and the viewer show, and free its queue slot.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { recordPath } from "../../core/launcher/child-process/execution-record.ts";
import { demoRunRequest } from "../../core/lifecycle/demo-run.ts";
import type { RunRequest } from "../../core/lifecycle/run-lifecycle.ts";
import type { Run, RunStatus } from "../../core/run.ts";
import { CHANNEL } from "../slack/slack-requests.ts";
import { startSlackTestApp, type SlackTestApp } from "../slack/slack-test-app.ts";
import { allText } from "../slack/view-helpers.ts";

// Long enough that a trainer preparing its data on a busy machine is not taken for hung before it reports.
const SILENCE_SECONDS = 15;
const RECONCILE_SECONDS = 1;
let t: SlackTestApp;
let stoppedPid: number | undefined;

beforeAll(async () => {
  t = await startSlackTestApp({
    TRAINER_SILENCE_SECONDS: String(SILENCE_SECONDS),
    RECONCILE_INTERVAL_SECONDS: String(RECONCILE_SECONDS),
    MAX_CONCURRENT_RUNS: "1",
  });
});
afterAll(async () => {
  // Should the app not stop it, a stopped trainer would outlive the test.
  if (stoppedPid !== undefined) {
    try {
      process.kill(stoppedPid, "SIGKILL");
    } catch {
      // Already gone, as it should be.
    }
  }
  await t?.stop();
});

function longRun(): RunRequest {
  const demo = demoRunRequest();
  return { ...demo, spec: { ...demo.spec, iterations: 50_000, trials: 5 } };
}

async function waitFor(runId: string, ready: (run: Run) => boolean, timeoutMs = 90_000): Promise<Run> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await t.app.services.runs.getRun(runId);
    if (run && ready(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${run?.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const inStatus =
  (...statuses: RunStatus[]) =>
  (run: Run) =>
    statuses.includes(run.status);

it("fails a SIGSTOPped trainer within the silence limit plus one reconcile interval, frees its slot and says why", async () => {
  const { runs: first } = await t.app.services.lifecycle.start(longRun());
  const { runs: second } = await t.app.services.lifecycle.start(longRun());
  const hung = first[0]!;
  const slack = { channel: CHANNEL.id, ts: "1700000000.000900" };
  await t.app.services.runs.updateRun(hung.id, { slack });
  // Searching: the trainer has reported progress, so only the stop makes it silent.
  const searching = await waitFor(
    hung.id,
    (run) => run.status === "running" && (run.progress?.done ?? 0) > 0,
  );
  expect((await t.app.services.runs.getRun(second[0]!.id))!.status).toBe("queued");
  const record = JSON.parse(
    readFileSync(
      recordPath(join(t.app.services.config.MMM_DATA_DIR, "executions"), searching.execution!.id),
      "utf8",
    ),
  ) as { pid: number };
  stoppedPid = record.pid;
  process.kill(record.pid, "SIGSTOP");
  const stoppedAt = Date.now();

  const failed = await waitFor(hung.id, inStatus("failed", "succeeded", "cancelled"), 30_000);
  const seconds = (Date.now() - stoppedAt) / 1000;
  expect(failed.status).toBe("failed");
  expect(failed.failure?.reason).toMatch(
    /^The trainer sent nothing for \d+ s \(TRAINER_SILENCE_SECONDS is 15\) although it was still running, so it was stopped as hung\./,
  );
  // The silence counts from the last progress event, which came before the stop; one second of slack
  // covers the reconcile pass itself on a busy machine.
  expect(seconds).toBeLessThan(SILENCE_SECONDS + RECONCILE_SECONDS + 1);

  // The execution was cancelled: the stopped process is gone (SIGTERM acted on once continued).
  const description = await waitForEnd(searching.execution!.id);
  expect(description.state).toBe("cancelled");

  // Its slot is free: the queued run starts.
  await waitFor(second[0]!.id, inStatus("preparing", "running"), 30_000);
  await t.app.services.lifecycle.cancel(second[0]!.id, { kind: "api", id: "test" });

  // Slack: the run's message says it failed and why, and the thread carries the reason.
  await t.fake.waitFor(
    (calls) =>
      calls.some(
        (c) =>
          c.method === "chat.update" &&
          c.params.ts === slack.ts &&
          allText(c.params).includes("stopped as hung"),
      ),
    10_000,
    "the failed edit",
  );
  await t.fake.waitFor(
    (calls) =>
      calls.some(
        (c) =>
          c.method === "chat.postMessage" &&
          c.params.thread_ts === slack.ts &&
          allText(c.params).includes("stopped as hung"),
      ),
    10_000,
    "the failure in the thread",
  );

  // The viewer: the run's page shows the reason.
  const page = await fetch(`${t.app.url.replace("localhost", "127.0.0.1")}/runs/${hung.id}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("so it was stopped as hung.");
  console.log(
    `hung trainer failed ${seconds.toFixed(1)} s after SIGSTOP (silence ${SILENCE_SECONDS} s, reconcile ${RECONCILE_SECONDS} s)`,
  );
}, 180_000);

async function waitForEnd(executionId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const description = await t.app.services.launcher.describe(executionId);
    if (description.state !== "running" || Date.now() > deadline) return description;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
