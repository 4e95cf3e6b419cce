/**
 * The train modal sums up the chosen source over signed HTTP against the fake Slack API: the source step is
 * answered at once with a loading view (Slack's 3 seconds), and the variables step that replaces it with
 * `views.update` opens with rows, date range and the data profile's worst findings against the goal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOURCE_BLOCK, VIEW } from "../../bot/blocks/ids.ts";
import { CHANNEL, send, slashCommand, state, viewSubmission } from "./slack-requests.ts";
import { startSlackTestApp, type SlackTestApp } from "./slack-test-app.ts";
import { allText, blocksOf } from "./view-helpers.ts";

let t: SlackTestApp;
beforeAll(async () => {
  t = await startSlackTestApp();
});
afterAll(async () => {
  await t?.stop();
});

/** Opens the train modal, submits `values` as its source step and returns the variables step it becomes. */
async function variablesStepFor(values: Record<string, ReturnType<typeof state.text>>) {
  t.fake.calls.length = 0;
  expect((await send(t.eventsUrl, slashCommand("train", { responseUrl: t.fake.responseUrl() }))).status).toBe(
    200,
  );
  await t.fake.waitFor((calls) => calls.some((c) => c.method === "views.open"));
  const opened = t.fake.callsOf("views.open")[0]!.response!.view as { id: string; hash: string } & Record<
    string,
    unknown
  >;
  expect(opened.callback_id).toBe(VIEW.trainSource);
  const response = await send(
    t.eventsUrl,
    viewSubmission({ id: opened.id, hash: opened.hash, view: opened }, values),
  );
  expect(response.status).toBe(200);
  const answer = (await response.json()) as { response_action: string; view: Record<string, unknown> };
  expect(answer.response_action).toBe("push");
  expect(allText(answer.view)).toMatch(/Reading/);
  const pushed = t.fake.registerView(answer.view);
  await t.fake.waitFor((calls) =>
    calls.some((c) => c.method === "views.update" && c.params.external_id === answer.view.external_id),
  );
  return t.fake.view(pushed.id)!.view;
}

describe("the train modal's source summary", () => {
  it("shows rows, date range and that a clean table has no problems", async () => {
    const step = await variablesStepFor({
      [SOURCE_BLOCK.table]: state.external("DEMO.MULTI_COUNTRY_WEEKLY"),
      [SOURCE_BLOCK.countriesText]: state.text("DE"),
      [SOURCE_BLOCK.channel]: state.conversation(CHANNEL.id),
    });
    expect(step.callback_id).toBe(VIEW.trainMapping);
    const summary = JSON.stringify(blocksOf(step)[1]);
    expect(summary).toContain(
      "*Data check* · 208 rows, 2021-01-04 to 2024-12-23 · against goal `REVENUE`: no problems found.",
    );
  });

  it("names the worst findings: a channel kept by the guard, a duplicated column", async () => {
    const step = await variablesStepFor({
      [SOURCE_BLOCK.sql]: state.text(
        "SELECT *, 0 AS RADIO_S, TV_S AS TV_COPY_S FROM DEMO.MULTI_COUNTRY_WEEKLY",
      ),
      [SOURCE_BLOCK.countriesText]: state.text("FR"),
      [SOURCE_BLOCK.channel]: state.conversation(CHANNEL.id),
    });
    const text = allText(step);
    expect(text).toMatch(
      /\*Data check\* · 208 rows, 2021-01-04 to 2024-12-23 · against goal `REVENUE`: \d+ problems?/,
    );
    expect(text).toMatch(
      /:red_circle: RADIO_S: kept although every value is 0: it is the only paid variable of channel radio/,
    );
    expect(text).toMatch(/:red_circle: TV_S and TV_COPY_S are practically the same column/);
  });
});
