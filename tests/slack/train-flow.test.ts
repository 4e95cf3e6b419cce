/**
 * The Slack app end to end over HTTP: signed requests to the real server of `startApp`, the real Bolt app and
 * trainers, and a loopback fake of Slack's Web API that records every call. `/mmm train` → type-ahead of
 * tables → table picked (countries listed) → data step → variables step → settings step → one message per run
 * → throttled edits → thread notes → results with one-pager uploads (files.uploadV2) — all asserted on the
 * recorded calls. Then: the same submission retried starts nothing, and the thread's buttons work.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION, MAPPING_BLOCK, SETTINGS_BLOCK, SOURCE_BLOCK, VIEW } from "../../bot/blocks/ids.ts";
import type { Run, RunStatus } from "../../core/run.ts";
import type { RecordedCall } from "./fake-slack-api.ts";
import {
  CHANNEL,
  USER,
  blockActions,
  blockSuggestion,
  send,
  slashCommand,
  state,
  viewSubmission,
} from "./slack-requests.ts";
import { startSlackTestApp, type SlackTestApp } from "./slack-test-app.ts";
import { allText, buttonActions, initialStates, optionTexts } from "./view-helpers.ts";

/** A 1×1 PNG: what the one-pager renderer writes, as far as Slack cares. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const TABLE = "DEMO.MULTI_COUNTRY_WEEKLY";

let t: SlackTestApp;
beforeAll(async () => {
  t = await startSlackTestApp();
});
afterAll(async () => {
  await t?.stop();
});

async function json(response: Response): Promise<Record<string, unknown>> {
  expect(response.status).toBe(200);
  const text = await response.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function waitForRuns(statuses: RunStatus[], count: number, timeoutMs = 120_000): Promise<Run[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { runs } = await t.app.services.runs.listRuns({});
    const done = runs.filter((r) => statuses.includes(r.status));
    if (done.length >= count) return done;
    if (Date.now() > deadline)
      throw new Error(
        `runs: ${runs.map((r) => `${r.country} ${r.status} ${r.failure?.reason ?? ""}`).join("; ")}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The runs, once each has its Slack message reference stored. */
async function waitForSlackRefs(count: number): Promise<Run[]> {
  for (let i = 0; i < 100; i++) {
    const { runs } = await t.app.services.runs.listRuns({});
    if (runs.length >= count && runs.every((r) => r.slack)) return runs;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("runs without a Slack message reference");
}

const topLevelPosts = () =>
  t.fake.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === undefined);
const threadPosts = (ts: string) =>
  t.fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts);

describe("/mmm train, from the command to the results in the thread", () => {
  let settingsSubmission: ReturnType<typeof viewSubmission>;
  let runs: Run[];

  it("opens the modal, lists tables as you type and the picked table's countries", async () => {
    const ack = await send(t.eventsUrl, slashCommand("train", { responseUrl: t.fake.responseUrl() }));
    expect(ack.status).toBe(200);
    expect(await ack.text()).toBe("");
    await t.fake.waitFor((calls) => calls.some((c) => c.method === "views.open"));
    const opened = t.fake.callsOf("views.open")[0]!;
    const view = opened.params.view as Record<string, unknown>;
    expect(view.callback_id).toBe(VIEW.trainSource);
    expect(opened.params.trigger_id).toBeTruthy();

    const options = await json(
      await send(
        t.eventsUrl,
        blockSuggestion({ actionId: ACTION.tableSelected, blockId: SOURCE_BLOCK.table, value: "multi" }),
      ),
    );
    expect((options.options as { value: string }[]).map((o) => o.value)).toEqual([TABLE]);

    const stored = t.fake.view(viewIdOf(opened))!;
    const picked = await send(
      t.eventsUrl,
      blockActions({
        actionId: ACTION.tableSelected,
        blockId: SOURCE_BLOCK.table,
        selected: { value: TABLE },
        view: stored,
        values: { [SOURCE_BLOCK.table]: state.external(TABLE) },
      }),
    );
    expect(picked.status).toBe(200);
    await t.fake.waitFor((calls) =>
      calls.some((c) => c.method === "views.update" && c.params.view_id === stored.id),
    );
    const withCountries = t.fake.view(stored.id)!.view;
    expect(optionTexts(withCountries, SOURCE_BLOCK.countries)).toEqual(["DE", "FR", "GB", "US"]);
  });

  it("reads the data and pushes the variables step, filled in by the auto-mapping with its reasons", async () => {
    const step1 = t.fake.view(viewIdOf(t.fake.callsOf("views.open")[0]!))!;
    const answer = await json(
      await send(
        t.eventsUrl,
        viewSubmission(step1, {
          [SOURCE_BLOCK.table]: state.external(TABLE),
          [SOURCE_BLOCK.countries]: state.multi(["DE", "FR"]),
          [SOURCE_BLOCK.channel]: state.conversation(CHANNEL.id),
        }),
      ),
    );
    expect(answer.response_action).toBe("push");
    const loading = answer.view as Record<string, unknown>;
    expect(allText(loading)).toContain(`Reading ${TABLE} for DE`);
    const pushed = t.fake.registerView(loading);
    await t.fake.waitFor((calls) =>
      calls.some((c) => c.method === "views.update" && c.params.external_id === loading.external_id),
    );
    const mapping = t.fake.view(pushed.id)!.view;
    expect(mapping.callback_id).toBe(VIEW.trainMapping);
    const initial = initialStates(mapping);
    const chosen = (block: string) =>
      ((initial[block]?.selected_options as { text: { text: string } }[]) ?? []).map((o) => o.text.text);
    expect(chosen(MAPPING_BLOCK.spends)).toEqual([
      "TV_S",
      "FACEBOOK_S",
      "SEARCH_SPEND",
      "YOUTUBE_SPEND",
      "OOH_S",
    ]);
    expect(chosen(MAPPING_BLOCK.exposures)).toEqual(["FACEBOOK_I", "SEARCH_CLICKS", "YOUTUBE_IMPRESSIONS"]);
    expect(allText(mapping)).toMatch(/Why these suggestions/);
    expect(allText(mapping)).toMatch(/`TV_S` → paid media spend/);

    const next = await json(await send(t.eventsUrl, viewSubmission(t.fake.view(pushed.id)!, initial)));
    expect(next.response_action).toBe("push");
    const settings = next.view as Record<string, unknown>;
    expect(settings.callback_id).toBe(VIEW.trainSettings);
    const stored = t.fake.registerView(settings);
    settingsSubmission = viewSubmission(stored, {
      ...initialStates(settings),
      [SETTINGS_BLOCK.preset]: state.select("quick"),
      [SETTINGS_BLOCK.tag]: state.text("slack e2e"),
      [SETTINGS_BLOCK.hyperparameters]: state.text("TV_S_thetas = 0.2, 0.6\nlambda = 0.05, 0.9"),
      [SETTINGS_BLOCK.signs]: state.text("COMPETITOR_SALES = negative"),
      [SETTINGS_BLOCK.seed]: state.number("42"),
      [SETTINGS_BLOCK.minCandidates]: state.number("50"),
    });
  });

  it("refuses a window the data cannot fill on the exact input, before anything launches", async () => {
    const settings = JSON.parse(new URLSearchParams(settingsSubmission.body).get("payload")!).view;
    const stored = t.fake.registerView(settings);
    const answer = await json(
      await send(
        t.eventsUrl,
        viewSubmission(stored, {
          ...initialStates(settings),
          [SETTINGS_BLOCK.preset]: state.select("quick"),
          // After the last week of the data (a window shorter than Robyn's 10:1 guideline only warns).
          [SETTINGS_BLOCK.windowStart]: state.date("2031-06-02"),
          [SETTINGS_BLOCK.windowEnd]: state.date("2031-12-22"),
        }),
      ),
    );
    expect(answer.response_action).toBe("errors");
    expect(Object.keys(answer.errors as object)).toEqual([SETTINGS_BLOCK.windowStart]);
    expect((await t.app.services.runs.listRuns({})).runs).toEqual([]);
  });

  it("refuses bad advanced settings on the exact input, before anything launches", async () => {
    const settings = JSON.parse(new URLSearchParams(settingsSubmission.body).get("payload")!).view;
    const submit = async (values: Record<string, ReturnType<typeof state.text>>) =>
      json(
        await send(
          t.eventsUrl,
          viewSubmission(t.fake.registerView(settings), {
            ...initialStates(settings),
            [SETTINGS_BLOCK.preset]: state.select("quick"),
            ...values,
          }),
        ),
      );
    const badLine = await submit({ [SETTINGS_BLOCK.hyperparameters]: state.text("TV_S_thetas = low") });
    expect(badLine.errors).toEqual({
      [SETTINGS_BLOCK.hyperparameters]:
        "Line 1: TV_S_thetas needs one number (fixed) or a low, high pair (searched), e.g. TV_S_thetas = 0.3, 0.8.",
    });
    const unknownSign = await submit({ [SETTINGS_BLOCK.signs]: state.text("NEWSPAPER = negative") });
    expect(Object.keys(unknownSign.errors as object)).toEqual([SETTINGS_BLOCK.signs]);
    expect((unknownSign.errors as Record<string, string>)[SETTINGS_BLOCK.signs]).toMatch(
      /^NEWSPAPER is not a paid, organic or context variable of this model; signs can be set for TV_S, /,
    );
    // A name the model does not have is found by the check against the data, with a did-you-mean.
    const unknownName = await submit({
      [SETTINGS_BLOCK.hyperparameters]: state.text("TV_thetas = 0.1, 0.5"),
    });
    expect(Object.keys(unknownName.errors as object)).toEqual([SETTINGS_BLOCK.hyperparameters]);
    expect((await t.app.services.runs.listRuns({})).runs).toEqual([]);
  });

  it("starts one run per country and posts one message each, then edits it in place", async () => {
    const answer = await json(await send(t.eventsUrl, settingsSubmission));
    expect(answer.response_action).toBe("update");
    expect(allText(answer.view as Record<string, unknown>)).toMatch(/Starting 2 runs/);
    await t.fake.waitFor(() => topLevelPosts().length >= 2, 30_000, "two run messages");
    runs = await waitForSlackRefs(2);
    expect(runs.map((r) => r.country).sort()).toEqual(["DE", "FR"]);
    for (const run of runs) {
      expect(run.createdBy).toEqual({ kind: "slack", id: USER.id, name: USER.name });
      expect(run.tag).toBe("slack e2e");
      expect(run.spec.iterations * run.spec.trials).toBe(600);
      // The advanced settings typed in the form.
      expect(run.spec.hyperparameters).toEqual({ TV_S_thetas: [0.2, 0.6], lambda: [0.05, 0.9] });
      expect(run.spec.seed).toBe(42);
      expect(run.spec.min_candidates).toBe(50);
      expect(run.spec.context_signs?.[run.spec.context_vars.indexOf("COMPETITOR_SALES")]).toBe("negative");
      expect(run.slack?.channel).toBe(CHANNEL.id);
    }
    const posted = topLevelPosts().map((c) => c.params);
    expect(posted.every((p) => p.channel === CHANNEL.id)).toBe(true);
    expect(buttonActions(posted[0]!)).toEqual([ACTION.cancelRun, ACTION.openViewer]);
    expect(allText(posted[0]!)).toMatch(/1 of 2 runs started together/);
    await t.fake.waitFor(
      (calls) =>
        calls.some(
          (c) =>
            c.method === "views.update" &&
            allText(c.params.view as Record<string, unknown>).includes("2 runs started"),
        ),
      10_000,
      "the started view",
    );
  });

  it("delivers the results: summary, buttons and the one-pagers through files.uploadV2", async () => {
    // When the results reach Slack, the renderer's one-pagers of the cluster-top models are in the store.
    for (let i = 0; i < 2; i++) {
      t.fake.before(
        (method, params) => method === "chat.postMessage" && String(params.text).startsWith("Results for"),
        async (params) => {
          const run = (await waitForSlackRefs(2)).find((r) => r.slack?.ts === params.thread_ts)!;
          const summary = JSON.parse(
            (await t.app.services.artifacts.getText(`${run.artifactPrefix}output/model_summary.json`))!,
          );
          for (const top of summary.clusters.top_models as { model_id: string }[])
            await t.app.services.artifacts.put(
              `${run.artifactPrefix}output/onepagers/${top.model_id}.png`,
              PNG,
              "image/png",
            );
        },
      );
    }
    const finished = await waitForRuns(["succeeded", "failed"], 2);
    expect(finished.map((r) => `${r.country} ${r.status} ${r.failure?.reason ?? ""}`.trim()).sort()).toEqual([
      "DE succeeded",
      "FR succeeded",
    ]);
    await t.fake.waitFor(
      (calls) => calls.filter((c) => c.method === "files.completeUploadExternal").length >= 2,
      30_000,
      "two uploads",
    );

    for (const run of finished) {
      const ref = run.slack!;
      const thread = threadPosts(ref.ts).map((c) => c.params);
      const texts = thread.map((p) => String(p.text));
      // The first note is "Data checked…", unless the run was already past it when its message went out.
      expect(texts[0]).toMatch(/^(Data checked and snapshot written|The trainer started)/);
      expect(
        texts.some((x) => x.startsWith("The trainer started: native engine, 200 iterations × 3 trials")),
      ).toBe(true);
      const results = thread.find((p) => String(p.text).startsWith(`Results for ${run.country}`))!;
      expect(buttonActions(results)).toEqual([
        ACTION.pickBest,
        ACTION.allocate,
        ACTION.rerun,
        // A native run read from a warehouse table can be refreshed with new data.
        ACTION.refresh,
        ACTION.openViewer,
      ]);
      expect(allText(results)).toMatch(/Best model/);

      const summary = JSON.parse(
        (await t.app.services.artifacts.getText(`${run.artifactPrefix}output/model_summary.json`))!,
      );
      const tops = (summary.clusters.top_models as { model_id: string }[]).map((m) => m.model_id);
      const ranking = summary.best_model.next_budget_ranking as { channel: string }[];
      expect(ranking).toHaveLength(5);
      // The recommended model leads the results, with its reason; Robyn's own pick follows, labelled.
      expect(allText(results)).toContain(`Recommended model* <`);
      expect(allText(results)).toContain(`|${summary.recommended.model_id}>`);
      expect(allText(results)).toContain("No channel is measured by a lift study");
      expect(allText(results)).toContain(`Robyn's pick (lowest Robyn distance among the cluster tops)`);
      expect(allText(results)).toContain("Where the next 10 % of budget earns most");
      // The health card: every uncalibrated run carries the calibration warning.
      expect(allText(results)).toMatch(
        /Health of the recommended model [0-9_]+\*: (\d+ problems?, )?\d+ warnings?/,
      );
      expect(allText(results)).toContain("None of the 5 paid channels is calibrated by a lift study.");
      expect(allText(results)).toContain(":warning: *Calibration*: No lift studies calibrate this model");
      expect(summary.health.map((f: { check: string }) => f.check)).toContain("calibration");
      expect(allText(results)).toContain(`1. ${ranking[0]!.channel}: +`);
      const complete = t.fake
        .callsOf("files.completeUploadExternal")
        .find((c) => c.params.thread_ts === ref.ts)!;
      expect(complete.params.channel_id).toBe(ref.channel);
      const files = complete.params.files as { id: string; title: string }[];
      const recommendedId = summary.recommended.model_id as string;
      const pictured = new Set([recommendedId, ...tops]);
      expect(files).toHaveLength(Math.min(10, pictured.size));
      // The recommended model's one-pager comes first, whether or not it tops a cluster.
      expect(files[0]!.title).toBe(`${run.country} model ${recommendedId} (recommended)`);
      expect(String(complete.params.initial_comment)).toMatch(
        new RegExp(`^One-pagers of the recommended model ${recommendedId}`),
      );
      // Each file went through the whole flow: an upload URL, the bytes posted to it, then completed.
      for (const file of files) {
        expect(
          t.fake
            .callsOf("files.getUploadURLExternal")
            .some((c) => c.params.filename === `${run.country}-${file.title.split(" ")[2]}.png`),
        ).toBe(true);
        const upload = t.fake.callsOf("upload").find((c) => c.params.file_id === file.id)!;
        expect(upload.bytes).toBeGreaterThan(PNG.length);
      }
    }
  });

  it("edited each run message at most once a second, ending with the final state", async () => {
    const finished = (await t.app.services.runs.listRuns({})).runs;
    for (const run of finished) {
      await t.fake.waitFor(
        () => lastEdit(run.slack!.ts)?.params.text?.toString().includes("succeeded") ?? false,
        10_000,
        `the final edit of ${run.country}`,
      );
      const edits = t.fake.callsOf("chat.update").filter((c) => c.params.ts === run.slack!.ts);
      expect(edits.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < edits.length; i++)
        expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(1000);
      expect(allText(lastEdit(run.slack!.ts)!.params)).toMatch(/Succeeded/);
      expect(buttonActions(lastEdit(run.slack!.ts)!.params)).toEqual([ACTION.openViewer]);
    }
  });

  it("a retried submission starts no second run and posts nothing new", async () => {
    const before = topLevelPosts().length;
    const again = await send(t.eventsUrl, settingsSubmission, { retryNum: 1, retryReason: "http_timeout" });
    expect(again.status).toBe(200);
    await t.fake.waitFor(
      (calls) =>
        calls.some(
          (c) =>
            c.method === "views.update" &&
            allText(c.params.view as Record<string, unknown>).includes("had already started them"),
        ),
      10_000,
      "the repeated-request view",
    );
    expect((await t.app.services.runs.listRuns({})).runs).toHaveLength(2);
    expect(topLevelPosts()).toHaveLength(before);
  });

  it("every payload the app sent stayed within Block Kit's limits", () => {
    expect(t.fake.violations).toEqual([]);
  });
});

function viewIdOf(call: RecordedCall): string {
  return (call.response!.view as { id: string }).id;
}

function lastEdit(ts: string): RecordedCall | undefined {
  return t.fake
    .callsOf("chat.update")
    .filter((c) => c.params.ts === ts)
    .at(-1);
}
