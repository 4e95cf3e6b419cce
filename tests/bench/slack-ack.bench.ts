/**
 * Slack's 3-second ack, measured: bursts of 50 concurrent signed `/mmm runs` slash commands against the real
 * app (`startApp`'s Hono server, the Bolt app in HTTP mode, signature checks, the middlewares, a run store
 * with runs in it) while its answers go to the commands' response URLs. The load and the fake Slack Web API
 * run in a worker thread (`slack-ack-load.ts`), as Slack runs elsewhere; latency is from sending a request to
 * receiving its ack. Target: p99 under 100 ms.
 *
 * Add to `run.ts`:
 *   { name: "slack-ack", run: async (base) => slackAckRows(await benchSlackAck(), base) }
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { startApp } from "../../bin/commands/serve.ts";
import type { Run } from "../../core/run.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import { DEMO_SPEC } from "../fixtures/demo-spec.ts";
import { SIGNING_SECRET } from "../slack/slack-requests.ts";
import type { LoadMessage, LoadRequest } from "./slack-ack-load.ts";

export interface SlackAckResult {
  concurrency: number;
  rounds: number;
  /** Ack latencies in seconds, sorted. */
  latencies: number[];
  p50: number;
  p99: number;
  max: number;
  /** Commands whose answer reached their response URL, of all sent. */
  answered: number;
  sent: number;
  /** Acks that were not HTTP 200. */
  failed: number;
  /**
   * Milliseconds the app's event loop was busy per command (its ack and the answer after it), from
   * `performance.eventLoopUtilization()`. Wall time: on a busy machine it includes time the thread waited
   * for a CPU.
   */
  busyMsPerCommand: number;
}

export async function benchSlackAck({
  concurrency = 50,
  rounds = 20,
  warmup = 50,
  text = "runs",
} = {}): Promise<SlackAckResult> {
  const worker = new Worker(new URL("./slack-ack-load.mjs", import.meta.url));
  const messages: LoadMessage[] = [];
  let wake: (() => void) | undefined;
  worker.on("message", (message: LoadMessage) => {
    messages.push(message);
    wake?.();
  });
  const next = async (): Promise<LoadMessage> => {
    while (messages.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return messages.shift()!;
  };
  const dir = await mkdtemp(join(tmpdir(), "mmm-bench-slack-"));
  try {
    const ready = await next();
    if (ready.type !== "ready") throw new Error(`load worker: ${JSON.stringify(ready)}`);
    const app = await startApp(
      {
        MMM_DATA_DIR: dir,
        PORT: "0",
        LOG_LEVEL: "silent",
        MMM_DEMO_ON_START: "false",
        SLACK_BOT_TOKEN: "xoxb-bench",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: ready.apiUrl,
      },
      { demo: false },
    );
    try {
      // Finished runs in the store, so `/mmm runs` reads and lists something (no trainer competes for the CPU).
      for (let i = 0; i < 15; i++) await app.services.runs.createRun(finishedRun(i));
      const eventsUrl = `${app.url.replace("localhost", "127.0.0.1")}/slack/events`;
      worker.postMessage({ type: "run", eventsUrl, text, concurrency, rounds, warmup } satisfies LoadRequest);
      const measuring = await next();
      if (measuring.type !== "measuring") throw new Error(`load worker: ${JSON.stringify(measuring)}`);
      const loop = performance.eventLoopUtilization();
      const done = await next();
      const busy = performance.eventLoopUtilization(loop);
      if (done.type !== "done") throw new Error(`load worker: ${JSON.stringify(done)}`);
      const latencies = [...done.latencies].sort((a, b) => a - b);
      const at = (q: number) =>
        latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
      return {
        concurrency,
        rounds,
        latencies,
        p50: at(0.5),
        p99: at(0.99),
        max: latencies.at(-1)!,
        answered: done.answered,
        sent: concurrency * rounds,
        failed: done.failed,
        busyMsPerCommand: busy.active / (concurrency * rounds),
      };
    } finally {
      await app.stop();
    }
  } finally {
    await worker.terminate();
    await rm(dir, { recursive: true, force: true });
  }
}

function finishedRun(i: number): Run {
  const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
  return {
    id: `20260101T00${String(i).padStart(2, "0")}00Z-de-${String(i).padStart(6, "0")}`,
    country: "DE",
    status: "succeeded",
    spec: parseRunSpec({ ...DEMO_SPEC, data: { table: "DEMO.SIMULATED_WEEKLY" } }),
    tag: `bench-${i}`,
    createdBy: { kind: "slack", id: "U0ALICE", name: "alice" },
    createdAt: at,
    updatedAt: at,
    artifactPrefix: `runs/bench-${i}/`,
    lastEventSeq: 3,
  };
}

export function slackAckRows(r: SlackAckResult, baselineSeconds: number): [string, string][] {
  const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
  return [
    [
      `ack latency, ${r.concurrency} concurrent /mmm commands × ${r.rounds} bursts`,
      `p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (target p99 < 100 ms), max ${ms(r.max)}`,
    ],
    ["app event loop busy per command (its ack and its answer)", `${r.busyMsPerCommand.toFixed(2)} ms`],
    ["p99 / baseline", `${Math.round(r.p99 / baselineSeconds).toLocaleString("en")} baseline units`],
    [
      "answers delivered to response URLs",
      `${r.answered} of ${r.sent}${r.failed ? `; ${r.failed} acks were not 200` : ""}`,
    ],
  ];
}
