/**
 * The "Refresh with new data" button of a run's results, over signed HTTP against the real app and the fake
 * Slack API: the results message offers it within Block Kit's limits, pressing it starts a refresh of the
 * best model on the run's data source and posts the refresh run's message in the channel; a refusal comes
 * back to the person only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION } from "../../bot/blocks/ids.ts";
import { resultsMessage } from "../../bot/blocks/run-results.ts";
import { demoRunRequest } from "../../core/lifecycle/demo-run.ts";
import type { Run, RunStatus } from "../../core/run.ts";
import { assertWithinBlockKitLimits } from "./block-kit-checker.ts";
import { CHANNEL, USER, blockActions, send } from "./slack-requests.ts";
import { startSlackTestApp, type SlackTestApp } from "./slack-test-app.ts";

let t: SlackTestApp;
let done: Run;
const THREAD = { channel: CHANNEL.id, ts: "1700000000.000100" };

async function waitFor(runId: string, statuses: RunStatus[], timeoutMs = 90_000): Promise<Run> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await t.app.services.runs.getRun(runId);
    if (run && statuses.includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${run?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  t = await startSlackTestApp();
  const demo = demoRunRequest();
  const { runs } = await t.app.services.lifecycle.start({
    ...demo,
    actor: { kind: "slack", id: USER.id, name: USER.name },
    spec: { ...demo.spec, iterations: 200, trials: 3 },
  });
  done = await waitFor(runs[0]!.id, ["succeeded", "failed"]);
  expect(done.status).toBe("succeeded");
  done = await t.app.services.runs.updateRun(done.id, { slack: THREAD });
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe("Refresh with new data", () => {
  it("is offered on the results, starts a refresh of the best model and posts its message in the channel", async () => {
    // The finished run's results, as the notifier posts them in its thread.
    const results = resultsMessage(done, {
      run: "https://v/runs/r",
      model: (id) => `https://v/models/${id}`,
    });
    assertWithinBlockKitLimits({ kind: "message", ...results });
    expect(JSON.stringify(results.blocks)).toContain('"Refresh with new data"');

    const before = t.fake.calls.length;
    const pressed = await send(
      t.eventsUrl,
      blockActions({
        actionId: ACTION.refresh,
        value: done.id,
        channel: CHANNEL,
        message: { ts: "1700000000.000200", thread_ts: THREAD.ts },
        responseUrl: t.fake.responseUrl(),
      }),
    );
    expect(pressed.status).toBe(200);
    await t.fake.waitFor(
      (calls) =>
        calls.slice(before).some((c) => c.method === "chat.postMessage" && c.params.channel === CHANNEL.id),
      30_000,
      "the refresh run's message",
    );
    const { runs } = await t.app.services.runs.listRuns({ tag: "refresh", limit: 5 });
    expect(runs).toHaveLength(1);
    const best = (done.summary as { best_model: { model_id: string } }).best_model.model_id;
    expect(runs[0]!.spec.refresh?.of).toEqual({ run: done.id, model: best });
    expect(runs[0]!.createdBy).toMatchObject({ kind: "slack", id: USER.id });
    // The notifier stores where the message is right after posting it, and follows the run from there.
    for (let i = 0; i < 100 && !(await t.app.services.runs.getRun(runs[0]!.id))?.slack; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await t.app.services.runs.getRun(runs[0]!.id))!.slack?.channel).toBe(CHANNEL.id);
    await t.app.services.lifecycle.cancel(runs[0]!.id, { kind: "system", id: "test" });
  });

  it("answers a run that cannot be refreshed to the person only", async () => {
    const responseUrl = t.fake.responseUrl("unknown-run");
    const pressed = await send(
      t.eventsUrl,
      blockActions({
        actionId: ACTION.refresh,
        value: "20261126T000000Z-de-000000",
        channel: CHANNEL,
        responseUrl,
      }),
    );
    expect(pressed.status).toBe(200);
    await t.fake.waitFor(
      (calls) => calls.some((c) => c.method === "response_url" && c.params.response_id === "unknown-run"),
      10_000,
      "the refusal",
    );
    const answer = t.fake.callsOf("response_url").find((c) => c.params.response_id === "unknown-run")!;
    expect(answer.params).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(JSON.stringify(answer.params)).toContain("There is no run 20261126T000000Z-de-000000.");
  });
});
