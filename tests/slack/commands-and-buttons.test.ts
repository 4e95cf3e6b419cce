/**
 * `/mmm` subcommands, the buttons of a run's thread (Pick as best, Allocate budget, Re-run with changes,
 * Cancel) and the App Home, over signed HTTP against the real app and a finished run of the demo data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION, ALLOCATE_BLOCK, PICK_BLOCK, SOURCE_BLOCK, VIEW } from "../../bot/blocks/ids.ts";
import { demoRunRequest } from "../../core/lifecycle/demo-run.ts";
import type { RunRequest } from "../../core/lifecycle/run-lifecycle.ts";
import { allocateForModel } from "../../core/results/model-allocation.ts";
import { responseForRunModel } from "../../core/results/model-response.ts";
import { allocationMessage } from "../../bot/blocks/run-results.ts";
import { scenarioForRun } from "../../core/results/model-scenario.ts";
import type { Run, RunStatus } from "../../core/run.ts";
import { formatNumber } from "../../bot/blocks/format.ts";
import type { RecordedCall } from "./fake-slack-api.ts";
import {
  CHANNEL,
  USER,
  blockActions,
  event,
  send,
  slashCommand,
  state,
  viewSubmission,
} from "./slack-requests.ts";
import { startSlackTestApp, type SlackTestApp } from "./slack-test-app.ts";
import { allText, initialStates } from "./view-helpers.ts";

let t: SlackTestApp;
let done: Run;
const THREAD = { channel: CHANNEL.id, ts: "1700000000.000100" };

function request(iterations: number, trials: number): RunRequest {
  const demo = demoRunRequest();
  return {
    ...demo,
    actor: { kind: "slack", id: USER.id, name: USER.name },
    tag: undefined,
    spec: { ...demo.spec, iterations, trials },
  };
}

async function waitFor(runId: string, statuses: RunStatus[], timeoutMs = 90_000): Promise<Run> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await t.app.services.runs.getRun(runId);
    if (run && statuses.includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${run?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends a slash command and returns what it answered: the ack's body, or the first post to its response URL. */
async function command(text: string): Promise<Record<string, unknown>> {
  const responseUrl = t.fake.responseUrl();
  const response = await send(t.eventsUrl, slashCommand(text, { responseUrl }));
  expect(response.status).toBe(200);
  const body = await response.text();
  if (body) return JSON.parse(body) as Record<string, unknown>;
  const id = responseUrl.split("/").at(-1);
  await t.fake.waitFor(
    (calls) => calls.some((c) => c.method === "response_url" && c.params.response_id === id),
    30_000,
    `the answer to /mmm ${text}`,
  );
  return t.fake.callsOf("response_url").find((c) => c.params.response_id === id)!.params;
}

async function opened(
  after: number,
  callbackId: string,
): Promise<{ call: RecordedCall; id: string; hash: string; view: Record<string, unknown> }> {
  await t.fake.waitFor(
    (calls) => calls.slice(after).some((c) => c.method === "views.open"),
    10_000,
    "views.open",
  );
  const call = t.fake.calls.slice(after).find((c) => c.method === "views.open")!;
  expect(call.error).toBeUndefined();
  const view = call.response!.view as { id: string; hash: string } & Record<string, unknown>;
  expect(view.callback_id).toBe(callbackId);
  return { call, id: view.id, hash: view.hash, view };
}

const threadPosts = () => t.fake.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === THREAD.ts);

beforeAll(async () => {
  t = await startSlackTestApp();
  const { runs } = await t.app.services.lifecycle.start(request(200, 3));
  done = await waitFor(runs[0]!.id, ["succeeded", "failed"]);
  expect(done.status).toBe("succeeded");
  done = await t.app.services.runs.updateRun(done.id, { slack: THREAD });
});
afterAll(async () => {
  await t?.stop();
});

describe("/mmm", () => {
  it("answers an unknown subcommand or bad arguments with what was wrong and the right form", async () => {
    const unknown = await command("frobnicate");
    expect(unknown.response_type).toBe("ephemeral");
    expect(unknown.text).toMatch(/^`frobnicate` is not an \/mmm command\. Use: \/mmm help, \/mmm train, /);
    const bad = await command("status 42");
    expect(bad.text).toBe(
      "`42` is not a run id: run ids look like 20261126T043012Z-de-7f3a9c (see `/mmm runs`). Use: /mmm status <run id>",
    );
    const help = await command("help");
    expect(help.text).toMatch(/^MMM Trainer commands/);
    expect(allText(help)).toContain("share a CSV, Parquet or XLSX file with me");
  });

  it("lists runs, shows one, and says when there is none", async () => {
    expect(allText(await command("runs"))).toContain(done.id);
    expect((await command("runs FR")).text).toBe("No FR runs yet.");
    const status = await command(`status ${done.id}`);
    expect(status.response_type).toBe("ephemeral");
    expect(allText(status)).toMatch(/Succeeded/);
    expect((await command("status 20261126T043012Z-de-000000")).text).toBe(
      "There is no run 20261126T043012Z-de-000000. See `/mmm runs` for the latest.",
    );
  });

  it("allocates a budget with a model of a run, into the run's thread", async () => {
    const summary = done.summary as { best_model: { model_id: string } };
    const answer = await command(`allocate ${done.id} ${summary.best_model.model_id} 15m`);
    expect(answer.text).toBe(
      `The allocation for model ${summary.best_model.model_id} is in the run's thread.`,
    );
    const table = threadPosts().at(-1)!;
    expect(String(table.params.text)).toMatch(
      new RegExp(`^Budget allocation for DE model ${summary.best_model.model_id}`),
    );
    expect(allText(table.params)).toMatch(/spend now\s+optimised/);
    // Channels named by their spend columns, as the figures are spend (the demo models facebook_I).
    expect(allText(table.params)).toMatch(/\bfacebook_S\b/);
    expect(allText(table.params)).not.toMatch(/\bfacebook_I\b/);
    expect((await command(`allocate ${done.id} 9_9_9`)).text).toBe(
      `Run ${done.id} has no Pareto model 9_9_9.`,
    );
  });

  it("allocates with per-channel bounds typed as channel=low-high, and names a wrong channel or bound", async () => {
    const solID = (done.summary as { best_model: { model_id: string } }).best_model.model_id;
    const answer = await command(`allocate ${done.id} ${solID} tv_S=1 ooh_S=0.9-1.1`);
    expect(answer.text).toBe(`The allocation for model ${solID} is in the run's thread.`);
    const expected = await allocateForModel(t.app.services.artifacts, done, solID, {
      low: { tv_S: 1, ooh_S: 0.9 },
      up: { tv_S: 1, ooh_S: 1.1 },
    });
    const row = (name: string) => expected.result.rows.find((r) => r.channels === name)!;
    expect(row("tv_S").optmSpendUnit).toBeCloseTo(row("tv_S").initSpendUnit, 6);
    expect(row("ooh_S").optmSpendUnit).toBeLessThanOrEqual(1.1 * row("ooh_S").initSpendUnit * (1 + 1e-9));
    expect(threadPosts().at(-1)!.params.blocks).toEqual(allocationMessage(done, expected, USER.id).blocks);

    expect((await command(`allocate ${done.id} ${solID} tv=1`)).text).toBe(
      "`tv` is not a paid channel of this run: bound one of tv_S, ooh_S, print_S, facebook_S, search_S, such as tv_S=0.8-1.2.",
    );
    expect((await command(`allocate ${done.id} ${solID} tv_S=2-1`)).text).toMatch(
      /^`tv_S=2-1`: the lowest spend of tv_S \(2×\) is above its highest \(1×\)/,
    );
    // Every channel held at today's spend but a budget of 1: the bounds cannot hold.
    const held = "tv_S=1 ooh_S=1 print_S=1 facebook_S=1 search_S=1";
    expect((await command(`allocate ${done.id} ${solID} 1 ${held}`)).text).toMatch(
      /^The lower bounds require at least .* but the budget is .*: lower the lowest spend .* or raise the total budget\. Bounds are typed after the budget as channel=low-high, such as tv_S=0\.8-1\.2\.$/,
    );
  });

  it("answers a response query in the run's thread with the numbers of the API, and names a bad argument", async () => {
    const solID = (done.summary as { best_model: { model_id: string } }).best_model.model_id;
    const answer = await command(`response ${done.id} ${solID} tv_S 50k last_4`);
    expect(answer.response_type).toBe("ephemeral");
    expect(answer.text).toBe(`The response of tv_S for model ${solID} is in the run's thread.`);
    const expected = await responseForRunModel(t.app.services.artifacts, done, solID, {
      metric_name: "tv_S",
      metric_value: 50_000,
      date_range: "last_4",
    });
    const post = threadPosts().at(-1)!;
    expect(String(post.params.text)).toBe(
      `Response of tv_S at 50,000: ${formatNumber(expected.sim_mean_response)} a period ` +
        `(historical mean spend ${formatNumber(expected.mean_input_immediate)} brought ${formatNumber(expected.mean_response_total)}).`,
    );
    const text = allText(post.params);
    expect(text).toContain(`over 4 periods, ${expected.date[0]} → ${expected.date[3]}`);
    expect(text).toMatch(/from this spend/);
    expect(text).toMatch(/carried over from earlier spend/);
    expect(text).toContain(`/runs/${done.id}/models/${solID}`);
    expect(text).toContain(
      `*Next unit of spend:* at this spend one more unit adds ${formatNumber(expected.marginal!.at_queried_spend!.mroi)} ` +
        `a period (mROI); at the historical mean it adds ${formatNumber(expected.marginal!.at_mean_spend.mroi)}.`,
    );
    await command(`response ${done.id} ${solID} newsletter 5k last`);
    const organic = allText(threadPosts().at(-1)!.params);
    expect(organic).not.toContain("Next unit of spend");
    expect(organic).toContain(
      "newsletter is an organic variable: it has no spend, so marginal ROI (mROI, response per extra unit of spend) is not defined for it.",
    );

    const unknown = await command(`response ${done.id} ${solID} radio_S 50k`);
    expect(unknown.response_type).toBe("ephemeral");
    expect(unknown.text).toMatch(
      /^<channel>: metric_name "radio_S" is not a medium of this model\. Give a paid channel \(tv_S, /,
    );
    const future = await command(`response ${done.id} ${solID} tv_S 50k 2030-01-07`);
    expect(future.text).toMatch(/^<date range>: date_range /);
    expect(future.text).toContain("2030-01-07");
    expect((await command(`response ${done.id} ${solID} tv_S -5`)).text).toMatch(/^`-5` is not a spend/);
  });

  it("posts a forward scenario's total with its range and one line per channel, the numbers of the API", async () => {
    const solID = (done.summary as { best_model: { model_id: string } }).best_model.model_id;
    const answer = await command(`scenario ${done.id} ${solID} 1.2 6`);
    expect(answer.response_type).toBe("ephemeral");
    expect(answer.text).toBe(`The scenario for model ${solID} is in the run's thread.`);
    const expected = await scenarioForRun(t.app.services.artifacts, done, {
      solIDs: [solID],
      plan: { periods: 6, multiplier: 1.2 },
    });
    const { total } = expected.range;
    const post = threadPosts().at(-1)!;
    expect(String(post.params.text)).toBe(
      `Forward scenario for model ${solID}: predicted total ${formatNumber(total.value)} ` +
        `(range ${formatNumber(total.low)} – ${formatNumber(total.high)}) over 6 periods.`,
    );
    const text = allText(post.params);
    expect(text).toContain(`the last 6 periods' spend × 1.2 again, 2019-11-18 → 2019-12-23`);
    expect(text).toContain(`projected baseline of ${formatNumber(expected.baseline.total)}`);
    for (const medium of expected.forecast.media) {
      const r = expected.range.media.find((m) => m.medium === medium.medium)!.response;
      expect(text).toContain(
        `response ${formatNumber(r.value)} (${formatNumber(r.low)} – ${formatNumber(r.high)})`,
      );
    }
    expect(text).toContain(`/runs/${done.id}/models/${solID}/scenarios`);
    expect((await command(`scenario ${done.id} ${solID} lots`)).text).toMatch(/^`lots` is not a multiplier/);
    expect((await command(`scenario ${done.id} 9_9_9 1.2`)).text).toBe(
      `Run ${done.id} has no Pareto model 9_9_9.`,
    );
  });

  it("compares two runs and refuses to cancel a finished one", async () => {
    const { runs } = await t.app.services.lifecycle.start(request(50_000, 5));
    await t.app.services.lifecycle.cancel(runs[0]!.id, { kind: "cli", id: "test" });
    const compared = await command(`compare ${done.id} ${runs[0]!.id}`);
    expect(allText(compared)).toMatch(/NRMSE/);
    expect(allText(compared)).toMatch(/status\s+succeeded\s+cancelled/);
    expect((await command(`cancel ${done.id}`)).text).toBe(
      `Run ${done.id} has already succeeded; there is nothing to cancel.`,
    );
  });
});

describe("the buttons of a run's thread", () => {
  it("Pick as best: a modal with the cluster-top models, then the pick is recorded and announced", async () => {
    expect((await command("best")).text).toBe("No best model picked yet.");
    const before = t.fake.calls.length;
    const press = await send(
      t.eventsUrl,
      blockActions({
        actionId: ACTION.pickBest,
        value: done.id,
        channel: CHANNEL,
        message: { ts: "1700000000.000200", thread_ts: THREAD.ts },
        responseUrl: t.fake.responseUrl(),
      }),
    );
    expect(press.status).toBe(200);
    const modal = await opened(before, VIEW.pickBest);
    const best = (done.summary as { best_model: { model_id: string } }).best_model.model_id;
    expect(initialStates(modal.view)[PICK_BLOCK.model]?.selected_option).toMatchObject({ value: best });

    const refused = await send(
      t.eventsUrl,
      viewSubmission(modal, { [PICK_BLOCK.model]: state.select("9_9_9") }),
    );
    expect(await refused.json()).toEqual({
      response_action: "errors",
      errors: { [PICK_BLOCK.model]: `Run ${done.id} has no Pareto model 9_9_9.` },
    });

    const submitted = await send(
      t.eventsUrl,
      viewSubmission(modal, {
        [PICK_BLOCK.model]: state.select(best),
        [PICK_BLOCK.note]: state.text("Plausible TV ROI"),
      }),
    );
    expect(await submitted.text()).toBe("");
    expect(await t.app.services.runs.getBest("DE")).toMatchObject({
      runId: done.id,
      solID: best,
      note: "Plausible TV ROI",
      by: { kind: "slack", id: USER.id, name: USER.name },
    });
    await t.fake.waitFor(
      () => threadPosts().some((c) => String(c.params.text).includes("picked model")),
      10_000,
      "the pick note",
    );
    expect(allText(await command("best DE"))).toContain(
      `model <${t.app.url}/runs/${done.id}/models/${best}|${best}>`,
    );
  });

  it("Allocate budget: a modal whose problems land on their input, then the table in the thread", async () => {
    const before = t.fake.calls.length;
    await send(
      t.eventsUrl,
      blockActions({
        actionId: ACTION.allocate,
        value: done.id,
        channel: CHANNEL,
        message: { ts: "1700000000.000300" },
        responseUrl: t.fake.responseUrl(),
      }),
    );
    const modal = await opened(before, VIEW.allocate);
    const values = initialStates(modal.view);
    const wrong = await send(
      t.eventsUrl,
      viewSubmission(modal, {
        ...values,
        [ALLOCATE_BLOCK.low]: state.number("2"),
        [ALLOCATE_BLOCK.high]: state.number("1"),
      }),
    );
    expect(await wrong.json()).toEqual({
      response_action: "errors",
      errors: { [ALLOCATE_BLOCK.high]: "The highest spend (1×) is below the lowest (2×)." },
    });
    // The allocator's own refusals land on the input they are about, too.
    const tooSmall = await send(
      t.eventsUrl,
      viewSubmission(modal, {
        ...values,
        [ALLOCATE_BLOCK.budget]: state.number("250000"),
        [ALLOCATE_BLOCK.dateRange]: state.select("last_26"),
      }),
    );
    expect(await tooSmall.json()).toEqual({
      response_action: "errors",
      errors: {
        [ALLOCATE_BLOCK.low]: expect.stringMatching(
          // In the modal's words: "the lowest spend" and "the total budget", not channel_constr_low.
          /^The lower bounds require at least [\d,]+ per week but the budget is 9,615: lower the lowest spend \(for example to [\d.]+× today's\) or raise the total budget\.$/,
        ),
      },
    });
    // Per-channel bounds: one text input per paid channel, refused on that input when malformed or crossed.
    // In paid_media_spends order: tv_S, ooh_S, print_S, facebook_S, search_S.
    const tvBounds = `${ALLOCATE_BLOCK.channelBounds}0`;
    const ooh = `${ALLOCATE_BLOCK.channelBounds}1`;
    expect((modal.view.blocks as { block_id?: string }[]).map((b) => b.block_id)).toEqual(
      expect.arrayContaining([tvBounds, ooh, `${ALLOCATE_BLOCK.channelBounds}4`]),
    );
    const malformed = await send(
      t.eventsUrl,
      viewSubmission(modal, { ...values, [tvBounds]: state.text("lots"), [ooh]: state.text("1.5-1.2") }),
    );
    expect(await malformed.json()).toEqual({
      response_action: "errors",
      errors: {
        [tvBounds]: `Write the lowest and highest spend as multiples of today's, e.g. 0.7-1.5 (not "lots").`,
        [ooh]: "The highest spend (1.2×) is below the lowest (1.5×).",
      },
    });
    const crossed = await send(
      t.eventsUrl,
      viewSubmission(modal, {
        ...values,
        [ALLOCATE_BLOCK.low]: state.number("1.3"),
        [tvBounds]: state.text("-1.2"),
      }),
    );
    expect(await crossed.json()).toEqual({
      response_action: "errors",
      errors: {
        [tvBounds]:
          "The highest spend for tv_S (1.2) is below the lowest spend (1.3): the upper bound must be at least the lower one.",
      },
    });
    const posts = threadPosts().length;
    const ok = await send(
      t.eventsUrl,
      viewSubmission(modal, {
        ...values,
        [ALLOCATE_BLOCK.budget]: state.number("2600000"),
        [ALLOCATE_BLOCK.dateRange]: state.select("last_26"),
      }),
    );
    expect(await ok.text()).toBe("");
    await t.fake.waitFor(() => threadPosts().length > posts, 10_000, "the allocation table");
    expect(allText(threadPosts().at(-1)!.params)).toMatch(/\(26 periods\)/);

    const perChannel = await send(
      t.eventsUrl,
      viewSubmission(modal, {
        ...values,
        [ALLOCATE_BLOCK.dateRange]: state.select("last_26"),
        [ooh]: state.text("0.8-"),
      }),
    );
    expect(await perChannel.text()).toBe("");
    await t.fake.waitFor(() => threadPosts().length > posts + 1, 10_000, "the per-channel allocation");
    const message = allText(threadPosts().at(-1)!.params);
    expect(message).toMatch(/\*Bounds the allocation sits on\*/);
    expect(message).toMatch(
      /• ooh_S at its lowest spend \(0\.8×\): moving it to 0\.4× would add \*[\d,.]+k?\* response per week/,
    );
  });

  it("Re-run with changes: the train modal filled in from the run's spec", async () => {
    const before = t.fake.calls.length;
    await send(
      t.eventsUrl,
      blockActions({
        actionId: ACTION.rerun,
        value: done.id,
        channel: CHANNEL,
        message: { ts: "1700000000.000400" },
        responseUrl: t.fake.responseUrl(),
      }),
    );
    const modal = await opened(before, VIEW.trainSource);
    const initial = initialStates(modal.view);
    expect(initial[SOURCE_BLOCK.table]?.selected_option).toMatchObject({ value: "DEMO.SIMULATED_WEEKLY" });
    expect(initial[SOURCE_BLOCK.countriesText]?.value).toBe("DE");
    expect(initial[SOURCE_BLOCK.channel]?.selected_conversation).toBe(CHANNEL.id);
    const metadata = JSON.parse(String(modal.view.private_metadata));
    expect(metadata.base).toMatchObject({
      iterations: 200,
      trials: 3,
      adstock: "geometric",
      mapping: { dep_var: "revenue" },
    });
    // The demo table has no country column: the modal says so instead of listing countries.
    await t.fake.waitFor(
      (calls) =>
        calls.slice(before).some((c) => c.method === "views.update" && c.params.view_id === modal.id),
      10_000,
      "the countries update",
    );
    expect(allText(t.fake.view(modal.id)!.view)).toMatch(/no country column/);
  });

  it("Cancel: stops a running run as the person who pressed it, and the message says so", async () => {
    const { runs } = await t.app.services.lifecycle.start(request(50_000, 5));
    const running = await waitFor(runs[0]!.id, ["running"]);
    await t.app.services.runs.updateRun(running.id, {
      slack: { channel: CHANNEL.id, ts: "1700000000.000500" },
    });
    const pressed = await send(
      t.eventsUrl,
      blockActions({
        actionId: ACTION.cancelRun,
        value: running.id,
        channel: CHANNEL,
        message: { ts: "1700000000.000500" },
        responseUrl: t.fake.responseUrl(),
      }),
    );
    expect(pressed.status).toBe(200);
    const cancelled = await waitFor(running.id, ["cancelled"], 10_000);
    expect(cancelled.failure?.reason).toBe(`Cancelled by ${USER.name}.`);
    await t.fake.waitFor(
      (calls) =>
        calls.some(
          (c) =>
            c.method === "chat.update" &&
            c.params.ts === "1700000000.000500" &&
            allText(c.params).includes("Cancelled"),
        ),
      10_000,
      "the cancelled edit",
    );
    const again = await send(
      t.eventsUrl,
      blockActions({
        actionId: ACTION.cancelRun,
        value: running.id,
        channel: CHANNEL,
        responseUrl: t.fake.responseUrl("again"),
      }),
    );
    expect(again.status).toBe(200);
    await t.fake.waitFor(
      (calls) => calls.some((c) => c.method === "response_url" && c.params.response_id === "again"),
      10_000,
    );
    expect(t.fake.callsOf("response_url").find((c) => c.params.response_id === "again")!.params.text).toBe(
      `Run ${running.id} has already been cancelled; there is nothing to cancel.`,
    );
  });
});

describe("App Home", () => {
  it("publishes recent runs, the best model per country and a New run button", async () => {
    const response = await send(
      t.eventsUrl,
      event({ type: "app_home_opened", user: USER.id, channel: "D0ALICE", tab: "home" }),
    );
    expect(response.status).toBe(200);
    await t.fake.waitFor((calls) => calls.some((c) => c.method === "views.publish"), 10_000);
    const publish = t.fake.callsOf("views.publish").at(-1)!;
    expect(publish.params.user_id).toBe(USER.id);
    const text = allText(publish.params.view as Record<string, unknown>);
    expect(text).toContain(done.id);
    expect(text).toMatch(/\*DE\*: model `\d+_\d+_\d+`/);
    expect(JSON.stringify(publish.params.view)).toContain(`"action_id":"${ACTION.newRun}"`);

    const before = t.fake.calls.length;
    await send(
      t.eventsUrl,
      blockActions({
        actionId: ACTION.newRun,
        view: { id: "VHOME", hash: "h", view: { type: "home", blocks: [] } },
      }),
    );
    await opened(before, VIEW.trainSource);
  });

  it("every payload stayed within Block Kit's limits", () => {
    expect(t.fake.violations).toEqual([]);
  });
});
