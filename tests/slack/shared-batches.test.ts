/**
 * Batch settings shared with the Slack app, end to end over signed HTTP: the real server of `startApp`,
 * the real Bolt app and the child-process trainer, and the loopback fake of Slack's Web API (`files.info`,
 * a download URL that wants the bot token). A data CSV still becomes a dataset; a CSV of run settings on
 * it is checked row by row and answered in the file's thread with a summary and "Start N runs", whose
 * click queues the batch as the person who clicked and lists its id, runs and status URL; the runs train.
 * A bad row is answered with its row and column and nothing is kept or started; Cancel drops the file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION } from "../../bot/blocks/ids.ts";
import type { RecordedCall } from "./fake-slack-api.ts";
import { CHANNEL, USER, blockActions, event, send } from "./slack-requests.ts";
import { startSlackTestApp, type SlackTestApp } from "./slack-test-app.ts";
import { allText, buttonActions } from "./view-helpers.ts";
import { germanCsvText, weeklyRows } from "../fixtures/dataset-files.ts";
import { finalStatus } from "../support/local-app.ts";

const DM = "D0ALICE";
const HEADER =
  "market,dataset,market_column,date_var,dep_var,dep_var_type,paid_media_spends,context_vars,prophet_vars,iterations,trials,min_candidates,tag";
const row = (market: string, iterations = "60") =>
  `${market},weekly@1,country,DATE,revenue,revenue,tv_S;search_S,competitor_sales,trend;season,${iterations},1,10,batch ${market}`;

let t: SlackTestApp;
beforeAll(async () => {
  t = await startSlackTestApp();
});
afterAll(async () => {
  await t?.stop();
});

/** Shares a file as `user` in `channel` and sends the `file_shared` event Slack sends the app. */
async function share(name: string, content: string, channel: string, user = USER.id) {
  const fileId = t.fake.shareFile({ name, content, user, channel });
  const ack = await send(
    t.eventsUrl,
    event({
      type: "file_shared",
      file_id: fileId,
      user_id: user,
      file: { id: fileId },
      channel_id: channel,
      event_ts: String(Date.now() / 1000),
    }),
  );
  expect(ack.status).toBe(200);
  return fileId;
}

const repliesIn = (channel: string) =>
  t.fake
    .callsOf("chat.postMessage")
    .filter((c) => c.params.channel === channel && !/^Run /.test(String(c.params.text)));

async function nextReply(channel: string, before: number): Promise<RecordedCall> {
  await t.fake.waitFor(() => repliesIn(channel).length > before, 60_000, `a reply in ${channel}`);
  return repliesIn(channel)[before]!;
}

/** Clicks `actionId` (value `value`) under `reply`, and returns what the app posted to the response URL. */
async function click(actionId: string, value: string, reply: RecordedCall): Promise<RecordedCall> {
  const responseUrl = t.fake.responseUrl();
  const id = responseUrl.split("/").at(-1);
  const clicked = await send(
    t.eventsUrl,
    blockActions({
      actionId,
      value,
      channel: CHANNEL,
      message: { ts: String(reply.response!.ts) },
      responseUrl,
    }),
  );
  expect(clicked.status).toBe(200);
  const answered = () => t.fake.callsOf("response_url").filter((c) => c.params.response_id === id);
  await t.fake.waitFor(() => answered().length > 0, 60_000, `the answer to ${actionId}`);
  return answered()[0]!;
}

const buttonValue = (reply: RecordedCall, actionId: string): string => {
  const actions = (
    reply.params.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
  )
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements ?? []);
  return actions.find((a) => a.action_id === actionId)!.value;
};

describe("batch settings shared with the app", () => {
  it("a data CSV still becomes a dataset", async () => {
    await share("Weekly.csv", germanCsvText(weeklyRows(120)), CHANNEL.id);
    const reply = await nextReply(CHANNEL.id, 0);
    expect(reply.params.text).toMatch(/^Read Weekly.csv as dataset weekly@1: 240 rows/);
    expect(buttonActions(reply.params)).toEqual([ACTION.trainDataset, ACTION.openViewer]);
  });

  it("a bad row is answered with its row and column; nothing is kept or started", async () => {
    const before = repliesIn(CHANNEL.id).length;
    await share("bad.csv", [HEADER, row("DE"), row("FR", "many")].join("\n"), CHANNEL.id);
    const settings = await nextReply(CHANNEL.id, before);
    expect(settings.params.text).toBe(
      'I could not start the batch in bad.csv: The batch was not started: row 2, column iterations: must be a number, not "many". Nothing was started.',
    );
    // A market the data does not hold: found by the data check before anything is offered.
    await share(
      "badmarket.json",
      JSON.stringify({ runs: [JSON.parse(jsonRun("DE")), JSON.parse(jsonRun("IT"))] }),
      CHANNEL.id,
    );
    const data = await nextReply(CHANNEL.id, before + 1);
    expect(data.params.text).toMatch(
      /^I could not start the batch in badmarket.json: .*row 2, column market: .*IT/,
    );
    expect(buttonActions(data.params)).toEqual([]);
    expect(await t.app.services.artifacts.list("batches/")).toEqual([]);
    expect((await t.app.services.runs.listRuns({})).runs).toEqual([]);
    expect(await t.app.services.datasets.list()).toHaveLength(1);
    expect(t.fake.violations).toEqual([]);
  });

  it("Cancel drops the kept settings; the button then starts nothing", async () => {
    const before = repliesIn(DM).length;
    await share("batch.json", `[${jsonRun("DE")}]`, DM);
    const summary = await nextReply(DM, before);
    expect(summary.params.text).toBe(
      "batch.json holds batch settings: 1 run, every row checked. Start them?",
    );
    const token = buttonValue(summary, ACTION.cancelBatch);
    const cancelled = await click(ACTION.cancelBatch, token, summary);
    expect(cancelled.params).toMatchObject({ replace_original: true });
    expect(String(cancelled.params.text)).toMatch(
      /^The batch in batch.json was not started \(cancelled by <@U/,
    );
    const late = await click(ACTION.startBatch, token, summary);
    expect(late.params.text).toMatch(/already started or cancelled/);
    expect((await t.app.services.runs.listRuns({})).runs).toEqual([]);
  });

  it("a batch CSV is summarised with Start N runs; the click queues the batch and its runs train", async () => {
    const before = repliesIn(CHANNEL.id).length;
    const fileId = await share("markets.csv", [HEADER, row("DE"), row("FR")].join("\n"), CHANNEL.id);
    const summary = await nextReply(CHANNEL.id, before);
    const info = t.fake.callsOf("files.info").find((c) => c.params.file === fileId)!;
    const shares = (info.response!.file as { shares: { public: Record<string, { ts: string }[]> } }).shares;
    expect(summary.params.thread_ts).toBe(shares.public[CHANNEL.id]![0]!.ts);
    expect(summary.params.text).toBe(
      "markets.csv holds batch settings: 2 runs, every row checked. Start them?",
    );
    const text = allText(summary.params);
    expect(text).toContain("Markets: DE, FR");
    expect(text).toContain("Data: dataset weekly@1");
    expect(buttonActions(summary.params)).toEqual([ACTION.startBatch, ACTION.cancelBatch]);
    expect(allText({ blocks: summary.params.blocks })).toContain("Start 2 runs");
    // Only a token in the button; the file's text is kept in the artifact store.
    const token = buttonValue(summary, ACTION.startBatch);
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(await t.app.services.artifacts.list("batches/")).toEqual([`batches/shared/${token}.json`]);
    expect((await t.app.services.runs.listRuns({})).runs).toEqual([]);

    const started = await click(ACTION.startBatch, token, summary);
    expect(started.params).toMatchObject({ replace_original: true });
    const batchId = /^Batch (b-[0-9a-f-]{36}): 2 runs queued by <@U/.exec(String(started.params.text))?.[1];
    expect(batchId).toBeDefined();
    const { runs } = await t.app.services.runs.listRuns({ groupId: batchId! });
    expect(runs.map((r) => r.country).sort()).toEqual(["DE", "FR"]);
    expect(runs.every((r) => r.createdBy.id === USER.id && r.tag === `batch ${r.country}`)).toBe(true);
    const startedText = allText(started.params);
    for (const run of runs) expect(startedText).toContain(run.id);
    expect(startedText).toContain(`/api/batches/${batchId}`);
    expect(await t.app.services.artifacts.list("batches/")).toEqual([]);
    // A second press finds the batch it started rather than starting another.
    const again = await click(ACTION.startBatch, token, summary);
    expect(String(again.params.text)).toMatch(new RegExp(`^Batch ${batchId}: 2 runs`));
    expect((await t.app.services.runs.listRuns({})).runs).toHaveLength(2);
    for (const run of runs) expect(await finalStatus(t.app, run.id, 240_000)).toBe("succeeded");
    expect(t.fake.violations).toEqual([]);
  }, 300_000);
});

function jsonRun(market: string): string {
  return JSON.stringify({
    market,
    data: { dataset: "weekly@1", country_column: "country" },
    date_var: "DATE",
    dep_var: "revenue",
    dep_var_type: "revenue",
    paid_media_spends: ["tv_S", "search_S"],
    prophet_vars: ["trend", "season"],
    iterations: 60,
    trials: 1,
    min_candidates: 10,
  });
}
