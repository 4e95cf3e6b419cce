/**
 * The load side of the Slack ack benchmark, in a worker thread so that it does not share the app's event
 * loop (in production Slack and its API are other machines): a fake Slack Web API, and bursts of concurrent
 * signed slash commands whose ack latency it measures. Talks to `slack-ack.bench.ts` by messages.
 */
import { parentPort } from "node:worker_threads";
import { FakeSlackApi } from "../slack/fake-slack-api.ts";
import { send, slashCommand } from "../slack/slack-requests.ts";

export interface LoadRequest {
  type: "run";
  eventsUrl: string;
  text: string;
  concurrency: number;
  rounds: number;
  warmup: number;
}

export type LoadMessage =
  | { type: "ready"; apiUrl: string }
  | { type: "measuring" }
  | { type: "done"; latencies: number[]; answered: number; failed: number }
  | { type: "error"; message: string };

const port = parentPort!;
const fake = new FakeSlackApi();
await fake.start();
port.postMessage({ type: "ready", apiUrl: fake.apiUrl } satisfies LoadMessage);

port.on("message", (request: LoadRequest) => {
  void run(request).then(
    (result) => port.postMessage(result),
    (error: unknown) =>
      port.postMessage({
        type: "error",
        message: String((error as Error).stack ?? error),
      } satisfies LoadMessage),
  );
});

async function run(request: LoadRequest): Promise<LoadMessage> {
  const command = () =>
    send(request.eventsUrl, slashCommand(request.text, { responseUrl: fake.responseUrl() }));
  for (let i = 0; i < request.warmup; i++) await (await command()).text();
  await fake
    .waitFor((calls) => calls.filter((c) => c.method === "response_url").length >= request.warmup, 30_000)
    .catch(() => undefined);
  const answeredBefore = fake.callsOf("response_url").length;
  port.postMessage({ type: "measuring" } satisfies LoadMessage);
  const latencies: number[] = [];
  let failed = 0;
  for (let round = 0; round < request.rounds; round++) {
    const burst = await Promise.all(
      Array.from({ length: request.concurrency }, async () => {
        const started = performance.now();
        const response = await command();
        await response.text();
        if (response.status !== 200) failed++;
        return (performance.now() - started) / 1000;
      }),
    );
    latencies.push(...burst);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const expected = answeredBefore + request.concurrency * request.rounds;
  await fake
    .waitFor((calls) => calls.filter((c) => c.method === "response_url").length >= expected, 60_000)
    .catch(() => undefined);
  const answered = fake.callsOf("response_url").length - answeredBefore;
  await fake.stop();
  return { type: "done", latencies, answered, failed };
}
