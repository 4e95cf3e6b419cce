/**
 * Lift studies remembered per country, end to end over signed HTTP against the real app and the fake
 * Slack API: `/mmm lift DE` opens the country's list; Add studies, a bad field answered on its input,
 * one study typed, several pasted as CSV, Edit and Remove; `/mmm lift import` with CSV in the message;
 * then the train modal says how many studies will calibrate the run, and the run's spec carries them
 * (or not, when the person leaves them out; and it remembers the typed ones when asked).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION, LIFT_BLOCK, SETTINGS_BLOCK, SOURCE_BLOCK, VIEW } from "../../bot/blocks/ids.ts";
import { liftStudiesView, liftStudyFormView } from "../../bot/blocks/lift-studies-modal.ts";
import { LIFT_CHOICE } from "../../bot/blocks/remembered-studies-blocks.ts";
import type { Run } from "../../core/run.ts";
import {
  CHANNEL,
  blockActions,
  send,
  slashCommand,
  state,
  viewSubmission,
  type StateValue,
} from "./slack-requests.ts";
import { startSlackTestApp, type SlackTestApp } from "./slack-test-app.ts";
import { allText, initialStates } from "./view-helpers.ts";

type Json = Record<string, unknown>;
const TABLE = "DEMO.MULTI_COUNTRY_WEEKLY";

let t: SlackTestApp;
beforeAll(async () => {
  t = await startSlackTestApp();
});
afterAll(async () => {
  await t?.stop();
});

async function json(response: Response): Promise<Json> {
  expect(response.status).toBe(200);
  const text = await response.text();
  return text ? (JSON.parse(text) as Json) : {};
}

/** The view the app last put in place of `id` (views.open or views.update). */
function current(id: string) {
  return t.fake.view(id)!;
}

async function nextUpdate(viewId: string, count: number): Promise<void> {
  await t.fake.waitFor(
    (calls) =>
      calls.filter((c) => c.method === "views.update" && c.params.view_id === viewId).length >= count,
    10_000,
    `views.update #${count}`,
  );
}

const FACEBOOK = {
  [LIFT_BLOCK.channel]: state.text("FACEBOOK_S"),
  [LIFT_BLOCK.liftStartDate]: state.date("2023-03-06"),
  [LIFT_BLOCK.liftEndDate]: state.date("2023-04-03"),
  [LIFT_BLOCK.liftAbs]: state.number("60000"),
  [LIFT_BLOCK.spend]: state.number("90000"),
};

describe("/mmm lift: a country's lift studies in a modal", () => {
  let viewId: string;
  let updates = 0;

  it("opens the country's empty list", async () => {
    const ack = await send(t.eventsUrl, slashCommand("lift de", { responseUrl: t.fake.responseUrl() }));
    expect(ack.status).toBe(200);
    await t.fake.waitFor((calls) => calls.some((c) => c.method === "views.open"));
    const opened = t.fake.callsOf("views.open")[0]!;
    const view = opened.params.view as Json;
    expect(view.callback_id).toBe(VIEW.liftStudies);
    expect(allText(view)).toMatch(/Lift studies for DE/);
    expect(allText(view)).toMatch(/No lift studies yet/);
    viewId = (opened.response!.view as { id: string }).id;
  });

  it("turns into the form, answers a bad field on its input, then saves a typed study", async () => {
    await send(t.eventsUrl, blockActions({ actionId: ACTION.liftAdd, value: "DE", view: current(viewId) }));
    await nextUpdate(viewId, ++updates);
    const form = current(viewId);
    expect(form.view.callback_id).toBe(VIEW.liftStudy);

    const backwards = await json(
      await send(
        t.eventsUrl,
        viewSubmission(form, { ...FACEBOOK, [LIFT_BLOCK.liftEndDate]: state.date("2023-02-27") }),
      ),
    );
    expect(backwards.response_action).toBe("errors");
    expect(backwards.errors).toEqual({
      [LIFT_BLOCK.liftEndDate]:
        "Lift study field liftEndDate: the study ends (2023-02-27) before it starts (2023-03-06).",
    });
    const noSpend = await json(
      await send(t.eventsUrl, viewSubmission(form, { ...FACEBOOK, [LIFT_BLOCK.spend]: state.number("") })),
    );
    expect(Object.keys(noSpend.errors as Json)).toEqual([LIFT_BLOCK.spend]);
    expect((noSpend.errors as Record<string, string>)[LIFT_BLOCK.spend]).toMatch(/spend is missing/);
    const both = await json(
      await send(t.eventsUrl, viewSubmission(form, { ...FACEBOOK, [LIFT_BLOCK.csv]: state.text("a,b") })),
    );
    expect(Object.keys(both.errors as Json)).toEqual([LIFT_BLOCK.csv]);
    expect(await t.app.services.runs.listLiftStudies("DE")).toEqual([]);

    const saved = await json(
      await send(
        t.eventsUrl,
        viewSubmission(form, {
          ...FACEBOOK,
          [LIFT_BLOCK.confidence]: state.number("0.8"),
          [LIFT_BLOCK.calibration_scope]: state.select("immediate"),
        }),
      ),
    );
    expect(saved.response_action).toBe("update");
    const list = saved.view as Json;
    expect(list.callback_id).toBe(VIEW.liftStudies);
    expect(allText(list)).toMatch(/Saved 1 study/);
    expect(allText(list)).toMatch(
      /`FACEBOOK_S` 2023-03-06 to 2023-04-03: lift 60,?000 on spend 90,?000, confidence 0.8/,
    );
    const stored = await t.app.services.runs.listLiftStudies("DE");
    expect(stored.map((s) => s.study)).toEqual([
      {
        channel: "FACEBOOK_S",
        liftStartDate: "2023-03-06",
        liftEndDate: "2023-04-03",
        liftAbs: 60_000,
        spend: 90_000,
        confidence: 0.8,
        calibration_scope: "immediate",
      },
    ]);
    expect(stored[0]!.by.id).toBe("U0ALICE");
  });

  it("saves several studies pasted as CSV, and names the line of a bad one", async () => {
    const form = { ...current(viewId), view: liftStudyFormView("DE") as unknown as Json };
    const csv = (rows: string[]) =>
      state.text(["channel,liftStartDate,liftEndDate,liftAbs,spend,confidence", ...rows].join("\n"));
    const bad = await json(
      await send(
        t.eventsUrl,
        viewSubmission(form, {
          [LIFT_BLOCK.csv]: csv([
            "SEARCH_SPEND,2023-09-04,2023-10-02,70000,120000,0.6",
            "TV_S,2023-05-01,2023-05-29,lots,5000,0.5",
          ]),
        }),
      ),
    );
    expect(bad.errors).toEqual({
      [LIFT_BLOCK.csv]: expect.stringMatching(/^Line 3: Lift study field liftAbs/),
    });
    const good = await json(
      await send(
        t.eventsUrl,
        viewSubmission(form, {
          [LIFT_BLOCK.csv]: csv([
            "SEARCH_SPEND,2023-09-04,2023-10-02,70000,120000,0.6",
            "TV_S,2023-05-01,2023-05-29,150000,50000,0.5",
          ]),
        }),
      ),
    );
    expect(allText(good.view as Json)).toMatch(/Saved 2 studies/);
    expect((await t.app.services.runs.listLiftStudies("DE")).map((s) => s.study.channel)).toEqual([
      "FACEBOOK_S",
      "TV_S",
      "SEARCH_SPEND",
    ]);
  });

  it("edits a study in place and removes another from its menu", async () => {
    const [facebook, tv] = await t.app.services.runs.listLiftStudies("DE");
    const list = t.fake.registerView(
      liftStudiesView("DE", await t.app.services.runs.listLiftStudies("DE")) as unknown as Json,
    );
    const menu = (value: string) =>
      blockActions({
        actionId: ACTION.liftStudyMenu,
        actionType: "overflow",
        view: current(list.id),
        selected: { value },
      });
    await send(t.eventsUrl, menu(`edit:${facebook!.id}`));
    await nextUpdate(list.id, 1);
    const form = current(list.id);
    expect(form.view.callback_id).toBe(VIEW.liftStudy);
    const initial = initialStates(form.view);
    expect(initial[LIFT_BLOCK.channel]).toMatchObject({ value: "FACEBOOK_S" });
    expect(initial[LIFT_BLOCK.liftAbs]).toMatchObject({ value: "60000" });
    expect(initial[LIFT_BLOCK.csv]).toBeUndefined();
    const edited = await json(
      await send(
        t.eventsUrl,
        viewSubmission(form, {
          ...(initial as Record<string, StateValue>),
          [LIFT_BLOCK.liftAbs]: state.number("65000"),
        }),
      ),
    );
    expect(allText(edited.view as Json)).toMatch(/Study saved/);
    const afterEdit = await t.app.services.runs.listLiftStudies("DE");
    expect(afterEdit).toHaveLength(3);
    expect(afterEdit.find((s) => s.id === facebook!.id)?.study).toMatchObject({
      liftAbs: 65_000,
      confidence: 0.8,
    });

    const again = t.fake.registerView(edited.view as Json);
    await send(
      t.eventsUrl,
      blockActions({
        actionId: ACTION.liftStudyMenu,
        actionType: "overflow",
        view: again,
        selected: { value: `remove:${tv!.id}` },
      }),
    );
    await nextUpdate(again.id, 1);
    expect(allText(current(again.id).view)).toMatch(/Removed `TV_S` 2023-05-01 to 2023-05-29/);
    expect((await t.app.services.runs.listLiftStudies("DE")).map((s) => s.study.channel)).toEqual([
      "FACEBOOK_S",
      "SEARCH_SPEND",
    ]);
  });
});

describe("/mmm lift import: CSV lines in the message", () => {
  it("saves the studies and says so in the channel; a bad line is answered to the person only", async () => {
    const url = t.fake.responseUrl("import-bad");
    await send(
      t.eventsUrl,
      slashCommand("lift import FR\nTV_S,2023-05-01,2023-04-01,1,2", { responseUrl: url }),
    );
    await t.fake.waitFor(
      (calls) => calls.some((c) => c.method === "response_url" && c.params.response_id === "import-bad"),
      10_000,
      "the refusal",
    );
    const refusal = t.fake.calls.find(
      (c) => c.method === "response_url" && c.params.response_id === "import-bad",
    )!.params;
    expect(refusal.response_type).toBe("ephemeral");
    expect(allText(refusal)).toMatch(/Line 1: Lift study field liftEndDate/);
    expect(await t.app.services.runs.listLiftStudies("FR")).toEqual([]);

    const ok = t.fake.responseUrl("import-ok");
    await send(
      t.eventsUrl,
      slashCommand(
        "lift import fr\nFACEBOOK_S;2023-03-06;2023-04-03;40000;60000\nOOH_S;2023-06-05;2023-07-03;20000;30000;0.7",
        {
          responseUrl: ok,
        },
      ),
    );
    await t.fake.waitFor(
      (calls) => calls.some((c) => c.method === "response_url" && c.params.response_id === "import-ok"),
      10_000,
      "the note",
    );
    const note = t.fake.calls.find(
      (c) => c.method === "response_url" && c.params.response_id === "import-ok",
    )!.params;
    expect(note.response_type).toBe("in_channel");
    expect(allText(note)).toMatch(/added 2 lift studies for FR/);
    expect((await t.app.services.runs.listLiftStudies("FR")).map((s) => s.study.confidence)).toEqual([
      0.9, 0.7,
    ]);
  });
});

describe("the train modal calibrates with the remembered studies", () => {
  /** `/mmm train` for DE up to the settings step, as the person would click through it. */
  async function settingsStep(): Promise<{ id: string; hash: string; view: Json }> {
    const opens = t.fake.callsOf("views.open").length;
    await send(t.eventsUrl, slashCommand("train", { responseUrl: t.fake.responseUrl() }));
    await t.fake.waitFor((calls) => calls.filter((c) => c.method === "views.open").length > opens);
    const step1 = current((t.fake.callsOf("views.open").at(-1)!.response!.view as { id: string }).id);
    const answer = await json(
      await send(
        t.eventsUrl,
        viewSubmission(step1, {
          [SOURCE_BLOCK.table]: state.external(TABLE),
          [SOURCE_BLOCK.countriesText]: state.text("DE"),
          [SOURCE_BLOCK.channel]: state.conversation(CHANNEL.id),
        }),
      ),
    );
    const loading = answer.view as Json;
    const pushed = t.fake.registerView(loading);
    await t.fake.waitFor((calls) =>
      calls.some((c) => c.method === "views.update" && c.params.external_id === loading.external_id),
    );
    const mapping = current(pushed.id);
    const next = await json(await send(t.eventsUrl, viewSubmission(mapping, initialStates(mapping.view))));
    return t.fake.registerView(next.view as Json);
  }

  async function start(values: Record<string, StateValue>): Promise<Run> {
    const before = (await t.app.services.runs.listRuns({})).runs.length;
    const settings = await settingsStep();
    const answer = await json(
      await send(
        t.eventsUrl,
        viewSubmission(settings, {
          ...initialStates(settings.view),
          [SETTINGS_BLOCK.preset]: state.select("custom"),
          [SETTINGS_BLOCK.iterations]: state.number("20"),
          [SETTINGS_BLOCK.trials]: state.number("1"),
          ...values,
        }),
      ),
    );
    expect(answer.response_action).toBe("update");
    for (let i = 0; i < 200; i++) {
      const { runs } = await t.app.services.runs.listRuns({});
      if (runs.length > before) {
        const run = runs[0]!;
        await t.app.services.lifecycle.cancel(run.id, { kind: "system", id: "test" }).catch(() => undefined);
        return run;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("no run started");
  }

  it("opens the chosen country's studies on top of the first step", async () => {
    const opens = t.fake.callsOf("views.open").length;
    await send(t.eventsUrl, slashCommand("train", { responseUrl: t.fake.responseUrl() }));
    await t.fake.waitFor((calls) => calls.filter((c) => c.method === "views.open").length > opens);
    const step1 = current((t.fake.callsOf("views.open").at(-1)!.response!.view as { id: string }).id);
    const pushes = t.fake.callsOf("views.push").length;
    const click = (values: Record<string, StateValue>) =>
      send(t.eventsUrl, blockActions({ actionId: ACTION.liftFromTrain, view: step1, values }));
    const pushed = (n: number) =>
      t.fake.waitFor((calls) => calls.filter((c) => c.method === "views.push").length >= pushes + n);
    await click({});
    await pushed(1);
    await click({ [SOURCE_BLOCK.countriesText]: state.text("de, fr") });
    await pushed(2);
    const [none, de] = t.fake
      .callsOf("views.push")
      .slice(pushes)
      .map((c) => c.params.view as Json);
    expect(allText(none!)).toMatch(/Choose a country first/);
    expect(de!.callback_id).toBe(VIEW.liftStudies);
    expect(allText(de!)).toMatch(/Lift studies for DE/);
    expect(allText(de!)).toMatch(/`FACEBOOK_S` 2023-03-06/);
  });

  it("says how many studies will calibrate the run, and the run's spec carries them", async () => {
    const settings = await settingsStep();
    expect(allText(settings.view)).toMatch(/2 lift studies will calibrate this run\*, remembered for DE/);
    const run = await start({});
    expect(run.spec.calibration_input.map((s) => [s.channel, s.liftAbs, s.confidence])).toEqual([
      ["FACEBOOK_S", 65_000, 0.8],
      ["SEARCH_SPEND", 70_000, 0.6],
    ]);
  });

  it("answers a remembered study the data cannot hold on the remembered-studies input", async () => {
    const late = await t.app.services.runs.saveLiftStudy({
      id: "late",
      country: "DE",
      study: {
        channel: "TV_S",
        liftStartDate: "2031-01-06",
        liftEndDate: "2031-02-03",
        liftAbs: 1,
        spend: 1,
      },
      by: { kind: "slack", id: "U0ALICE" },
      at: new Date().toISOString(),
    });
    const settings = await settingsStep();
    const answer = await json(
      await send(
        t.eventsUrl,
        viewSubmission(settings, {
          ...initialStates(settings.view),
          [SETTINGS_BLOCK.preset]: state.select("quick"),
        }),
      ),
    );
    expect(answer.response_action).toBe("errors");
    expect(Object.keys(answer.errors as Json)).toEqual([SETTINGS_BLOCK.liftStudies]);
    expect((answer.errors as Record<string, string>)[SETTINGS_BLOCK.liftStudies]).toMatch(
      /^A lift study remembered for DE does not fit this run: .*2031-01-06.* Fix or remove it with \/mmm lift DE, or tick Leave out\.$/,
    );
    await t.app.services.runs.deleteLiftStudy("DE", late.id);
  });

  it("leaves them out when asked, and remembers the typed ones when asked", async () => {
    const run = await start({
      [SETTINGS_BLOCK.liftStudies]: state.checkboxes([LIFT_CHOICE.leaveOut, LIFT_CHOICE.remember]),
      [SETTINGS_BLOCK.calibration]: state.text("YOUTUBE_SPEND, 2023-01-02, 2023-01-30, 30000, 45000, 0.75"),
    });
    expect(run.spec.calibration_input.map((s) => s.channel)).toEqual(["YOUTUBE_SPEND"]);
    expect((await t.app.services.runs.listLiftStudies("DE")).map((s) => s.study.channel)).toEqual([
      "YOUTUBE_SPEND",
      "FACEBOOK_S",
      "SEARCH_SPEND",
    ]);
    const settings = await settingsStep();
    expect(allText(settings.view)).toMatch(/3 lift studies will calibrate this run/);
  });
});
