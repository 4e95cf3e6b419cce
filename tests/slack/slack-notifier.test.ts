/**
 * The Slack notifier against the fake Web API, with the real run store and artifact store: edits of one
 * message at most once a second whatever the rate of progress, the final state always delivered, 429s
 * honoured with Retry-After, failures of Slack never thrown into the caller, and the thread's contents.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SlackNotifier } from "../../bot/slack-notifier.ts";
import { loadConfig } from "../../core/config.ts";
import type { TrainerEvent } from "../../core/events.ts";
import type { Run } from "../../core/run.ts";
import { createServices, type Services } from "../../core/services.ts";
import { realisticSummary, runOf } from "./block-fixtures.ts";
import { FakeSlackApi } from "./fake-slack-api.ts";
import { allText } from "./view-helpers.ts";

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex");
let fake: FakeSlackApi;
let services: Services;
let dir: string;
let counter = 0;

beforeAll(async () => {
  fake = new FakeSlackApi();
  await fake.start();
  dir = await mkdtemp(join(tmpdir(), "mmm-notifier-"));
  services = await createServices(loadConfig({ MMM_DATA_DIR: dir, LOG_LEVEL: "silent" }));
});
afterAll(async () => {
  await services.close();
  await fake.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  fake.calls.length = 0;
});

function notifier(minEditIntervalMs = 1000): SlackNotifier {
  const client = new WebClient("xoxb-test", {
    slackApiUrl: fake.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, minTimeout: 100, maxTimeout: 200 },
  });
  return new SlackNotifier({
    client,
    runs: services.runs,
    artifacts: services.artifacts,
    logger: services.logger,
    baseUrl: "https://mmm.example.com",
    minEditIntervalMs,
  });
}

/** A queued run in the store, as `lifecycle.start` leaves it. */
async function queuedRun(): Promise<Run> {
  const base = runOf("queued");
  const run: Run = {
    ...base,
    id: `20261126T0430${String(++counter).padStart(2, "0")}Z-de-00000${counter % 10}`,
    lastEventSeq: 0,
  };
  delete run.slack;
  run.artifactPrefix = `runs/${run.id}/`;
  await services.runs.createRun(run);
  return run;
}

type EventBody = TrainerEvent extends infer E
  ? E extends TrainerEvent
    ? Omit<E, "seq" | "at">
    : never
  : never;

/** Applies a trainer event in the store and tells the notifier, as the lifecycle does. */
async function apply(slack: SlackNotifier, runId: string, event: EventBody): Promise<Run> {
  const before = (await services.runs.getRun(runId))!;
  const change = await services.runs.recordEvent(runId, {
    ...event,
    seq: before.lastEventSeq + 1,
    at: new Date().toISOString(),
  } as TrainerEvent);
  await slack.runUpdated({ run: change.run, previousStatus: before.status });
  return change.run;
}

const edits = (ts: string) => fake.callsOf("chat.update").filter((c) => c.params.ts === ts);
const gaps = (calls: { at: number }[]) => calls.slice(1).map((c, i) => c.at - calls[i]!.at);

describe("SlackNotifier", () => {
  it("posts the run message, stores where it is, and edits it at most once a second to the last state", async () => {
    const slack = notifier();
    const run = await queuedRun();
    const ref = await slack.announce(run, "C0MMM");
    expect(ref).toEqual({ channel: "C0MMM", ts: expect.any(String) });
    expect((await services.runs.getRun(run.id))!.slack).toEqual(ref);

    await apply(slack, run.id, { type: "started" });
    const started = performance.now();
    for (let done = 0; done <= 1000; done += 25) {
      await apply(slack, run.id, {
        type: "progress",
        phase: "searching",
        done,
        total: 1000,
        bestNrmse: 1 / (done + 1),
        etaSeconds: 1000 - done,
      });
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    const notifyTook = performance.now() - started;
    await apply(slack, run.id, { type: "completed", summary: realisticSummary() as Record<string, unknown> });
    await slack.flush();

    const calls = edits(ref!.ts);
    // 41 progress notifications over ~2.5 s: merged into a few edits, each at least a second after the last.
    expect(calls.length).toBeLessThanOrEqual(Math.ceil(notifyTook / 1000) + 2);
    expect(Math.min(...gaps(calls))).toBeGreaterThanOrEqual(1000);
    expect(allText(calls.at(-1)!.params)).toMatch(/Succeeded/);
  });

  it("waits Retry-After on a 429 and then sends the newest state", async () => {
    const slack = notifier(200);
    const run = await queuedRun();
    const ref = (await slack.announce(run, "C0MMM"))!;
    fake.fail("chat.update", { status: 429, retryAfterSeconds: 2 });
    await apply(slack, run.id, { type: "started" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await apply(slack, run.id, { type: "progress", phase: "searching", done: 10, total: 100 });
    await apply(slack, run.id, { type: "progress", phase: "searching", done: 90, total: 100 });
    await slack.flush();
    const calls = edits(ref.ts);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(2000);
    expect(allText(calls[1]!.params)).toContain("90 of 100 models");
  });

  it("never throws when Slack fails, retries server errors, and still delivers the final state", async () => {
    const slack = notifier(100);
    const run = await queuedRun();
    fake.fail("chat.postMessage", { status: 200, error: "channel_not_found" });
    expect(await slack.announce(run, "C0GONE")).toBeUndefined();
    expect((await services.runs.getRun(run.id))!.slack).toBeUndefined();

    const ref = (await slack.announce(run, "C0MMM"))!;
    fake.fail("chat.update", { status: 500, times: 1 });
    fake.fail("chat.postMessage", { status: 500, times: 1 });
    await apply(slack, run.id, {
      type: "failed",
      reason: "The trainer was killed (SIGKILL), most often because it ran out of memory.",
      logTail: "iteration 10\nKilled",
    });
    await slack.flush();
    const last = edits(ref.ts).at(-1)!;
    expect(last.status).toBe(200);
    expect(allText(last.params)).toMatch(/Failed/);
    const thread = fake.calls.filter(
      (c) => c.method === "chat.postMessage" && c.params.thread_ts === ref.ts && c.status === 200,
    );
    expect(thread.map((c) => c.params.text)).toEqual([
      "The run failed: The trainer was killed (SIGKILL), most often because it ran out of memory.",
    ]);
    expect(allText(thread[0]!.params)).toContain("```iteration 10\nKilled```");
  });

  it("uploads the cluster-top one-pagers into the thread, best model first, or says there are none", async () => {
    const slack = notifier(50);
    const withPages = await queuedRun();
    const ref = (await slack.announce(withPages, "C0MMM"))!;
    for (const id of ["1_110_2", "2_120_2", "3_145_2"])
      await services.artifacts.put(`${withPages.artifactPrefix}output/onepagers/${id}.png`, PNG);
    await apply(slack, withPages.id, { type: "started" });
    await apply(slack, withPages.id, {
      type: "completed",
      summary: {
        ...realisticSummary(),
        best_model: { ...realisticSummary().best_model!, model_id: "2_120_2" },
      } as Record<string, unknown>,
    });
    await slack.flush();
    const complete = fake.callsOf("files.completeUploadExternal").find((c) => c.params.thread_ts === ref.ts)!;
    expect((complete.params.files as { title: string }[]).map((f) => f.title)).toEqual([
      "DE model 2_120_2 (cluster 2)",
      "DE model 1_110_2 (cluster 1)",
    ]);
    expect(fake.callsOf("upload")).toHaveLength(2);

    const without = await queuedRun();
    const ref2 = (await slack.announce(without, "C0MMM"))!;
    await apply(slack, without.id, {
      type: "completed",
      summary: realisticSummary() as Record<string, unknown>,
    });
    await slack.flush();
    const texts = fake
      .callsOf("chat.postMessage")
      .filter((c) => c.params.thread_ts === ref2.ts)
      .map((c) => String(c.params.text));
    expect(texts.at(-1)).toBe("No one-pagers for this run: the trainer wrote none.");
  });

  it("leaves runs without a Slack message alone", async () => {
    const slack = notifier();
    const run = await queuedRun();
    await apply(slack, run.id, { type: "started" });
    await slack.flush();
    expect(fake.calls).toEqual([]);
  });

  it("posts each stage note once, in order, even when notifications repeat", async () => {
    const slack = notifier(20);
    const run = await queuedRun();
    const ref = (await slack.announce(run, "C0MMM"))!;
    const preparing = (await services.runs.transition(run.id, "preparing")).run;
    await slack.runUpdated({ run: preparing, previousStatus: "queued" });
    await slack.runUpdated({ run: preparing, previousStatus: "queued" });
    await apply(slack, run.id, { type: "started" });
    await apply(slack, run.id, { type: "progress", phase: "selecting", done: 0, total: 10 });
    await apply(slack, run.id, { type: "progress", phase: "clustering", done: 0, total: 10 });
    await apply(slack, run.id, { type: "cancelled", reason: "stopped" });
    await slack.flush();
    const texts = fake
      .callsOf("chat.postMessage")
      .filter((c) => c.params.thread_ts === ref.ts)
      .map((c) => String(c.params.text).slice(0, 30));
    expect(texts).toEqual([
      "Data checked and snapshot writ",
      "The trainer started: native en",
      "Search done: selecting the Par",
      "Clustering the Pareto models a",
      "The run was cancelled.",
    ]);
  });
});
