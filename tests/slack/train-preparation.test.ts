/**
 * `/mmm train` from a saved preparation, over signed HTTP to the real server (`startApp`, real Bolt) with the
 * loopback fake of Slack's Web API: the table picker offers saved preparations in their own option group,
 * picking one fills the country with its market, and step 1 goes straight to the settings step (the
 * preparation sets every variable); the run it starts reads its data through the preparation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION, SETTINGS_BLOCK, SOURCE_BLOCK, VIEW } from "../../bot/blocks/ids.ts";
import { RUN_FILES } from "../../common/run-folder.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import { PreparationDraftSchema } from "../../core/preparations/preparation-draft.ts";
import type { RecordedCall } from "./fake-slack-api.ts";
import {
  CHANNEL,
  blockActions,
  blockSuggestion,
  send,
  slashCommand,
  state,
  viewSubmission,
} from "./slack-requests.ts";
import { startSlackTestApp, type SlackTestApp } from "./slack-test-app.ts";
import { allText, initialStates } from "./view-helpers.ts";

const PREPARATION = "us-offline";

let t: SlackTestApp;
beforeAll(async () => {
  t = await startSlackTestApp();
  await t.app.services.preparations.create(
    PreparationDraftSchema.parse({
      name: PREPARATION,
      source: { table: "DEMO.SIMULATED_WEEKLY" },
      market: "US",
      goal: { column: "revenue", type: "revenue" },
      drop: ["tv_S", "ooh_S", "print_S", "events"],
      derived: [{ name: "offline_S", sum: ["tv_S", "ooh_S"] }],
    }),
    { kind: "local", id: "local" },
  );
});
afterAll(async () => {
  await t?.stop();
});

async function json(response: Response): Promise<Record<string, unknown>> {
  expect(response.status).toBe(200);
  const text = await response.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

const viewIdOf = (call: RecordedCall) => (call.response!.view as { id: string }).id;

describe("/mmm train from a saved preparation", () => {
  it("offers the preparation in the picker, fills its market, and skips to the settings step", async () => {
    await send(t.eventsUrl, slashCommand("train", { responseUrl: t.fake.responseUrl() }));
    await t.fake.waitFor((calls) => calls.some((c) => c.method === "views.open"));
    const options = await json(
      await send(
        t.eventsUrl,
        blockSuggestion({ actionId: ACTION.tableSelected, blockId: SOURCE_BLOCK.table, value: "us" }),
      ),
    );
    const groups = options.option_groups as { label: { text: string }; options: { value: string }[] }[];
    expect(groups[0]!.label.text).toBe("Saved preparations");
    expect(groups[0]!.options.map((o) => o.value)).toEqual([`prep:${PREPARATION}`]);

    const stored = t.fake.view(viewIdOf(t.fake.callsOf("views.open")[0]!))!;
    await send(
      t.eventsUrl,
      blockActions({
        actionId: ACTION.tableSelected,
        blockId: SOURCE_BLOCK.table,
        selected: { value: `prep:${PREPARATION}` },
        view: stored,
        values: { [SOURCE_BLOCK.table]: state.external(`prep:${PREPARATION}`) },
      }),
    );
    await t.fake.waitFor((calls) =>
      calls.some((c) => c.method === "views.update" && c.params.view_id === stored.id),
    );
    const filled = initialStates(t.fake.view(stored.id)!.view);
    expect(filled[SOURCE_BLOCK.countriesText]).toEqual(state.text("US"));

    const step1 = t.fake.view(stored.id)!;
    const wrongMarket = await json(
      await send(
        t.eventsUrl,
        viewSubmission(step1, {
          [SOURCE_BLOCK.table]: state.external(`prep:${PREPARATION}`),
          [SOURCE_BLOCK.countriesText]: state.text("DE"),
          [SOURCE_BLOCK.channel]: state.conversation(CHANNEL.id),
        }),
      ),
    );
    expect(wrongMarket).toEqual({
      response_action: "errors",
      errors: { [SOURCE_BLOCK.table]: `Preparation ${PREPARATION} is for market US: train it for US only.` },
    });

    const answer = await json(
      await send(
        t.eventsUrl,
        viewSubmission(step1, {
          [SOURCE_BLOCK.table]: state.external(`prep:${PREPARATION}`),
          [SOURCE_BLOCK.countriesText]: state.text("US"),
          [SOURCE_BLOCK.channel]: state.conversation(CHANNEL.id),
        }),
      ),
    );
    expect(answer.response_action).toBe("push");
    const settings = answer.view as Record<string, unknown>;
    expect(settings.callback_id).toBe(VIEW.trainSettings);

    const started = await json(
      await send(
        t.eventsUrl,
        viewSubmission(t.fake.registerView(settings), {
          ...initialStates(settings),
          [SETTINGS_BLOCK.preset]: state.select("quick"),
          [SETTINGS_BLOCK.minCandidates]: state.number("1"),
        }),
      ),
    );
    expect(started.response_action, allText(started.view as Record<string, unknown>)).toBe("update");
    const run = await (async () => {
      for (let i = 0; i < 200; i++) {
        const { runs } = await t.app.services.runs.listRuns({});
        if (runs.length > 0) return runs[0]!;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error("no run was started");
    })();
    expect(run.country).toBe("US");
    expect(run.spec).toMatchObject({
      data: { preparation: PREPARATION },
      paid_media_spends: ["search_S", "facebook_S", "offline_S"],
      paid_media_vars: ["search_clicks_P", "facebook_I", "offline_S"],
    });
    const input = parseCsv(
      (await t.app.services.artifacts.getText(`${run.artifactPrefix}${RUN_FILES.input}`))!,
    );
    expect(input.columns).toEqual([
      "DATE",
      "revenue",
      "facebook_I",
      "search_clicks_P",
      "search_S",
      "competitor_sales_B",
      "facebook_S",
      "newsletter",
      "offline_S",
    ]);
    await t.app.services.lifecycle.cancel(run.id, { kind: "local", id: "local" }).catch(() => undefined);
  }, 120_000);
});
