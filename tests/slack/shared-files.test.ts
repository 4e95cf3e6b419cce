/**
 * Files shared with the Slack app, end to end over signed HTTP: the real server of `startApp`, the real Bolt
 * app and trainers, and the loopback fake of Slack's Web API, which keeps the shared files (`files.info`, a
 * download URL that wants the bot token). A CSV shared in a channel becomes a dataset and the app answers
 * in the file's thread with what it read; "Train on it" opens the train modal with the dataset chosen and
 * its markets listed; the three steps start a run that trains on the dataset. A bad file gets a reply
 * naming the problem (one over the size limit before it is downloaded) and nothing is stored; other
 * files in a channel and the app's own are left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION, SETTINGS_BLOCK, SOURCE_BLOCK, VIEW } from "../../bot/blocks/ids.ts";
import type { RecordedCall } from "./fake-slack-api.ts";
import { CHANNEL, USER, blockActions, event, send, state, viewSubmission } from "./slack-requests.ts";
import { startSlackTestApp, type SlackTestApp } from "./slack-test-app.ts";
import { allText, buttonActions, initialStates, optionTexts } from "./view-helpers.ts";
import { germanCsvText, weeklyRows } from "../fixtures/dataset-files.ts";
import { finalStatus } from "../support/local-app.ts";

const DM = "D0ALICE";
const MAX_BYTES = 64 * 1024;

let t: SlackTestApp;
beforeAll(async () => {
  t = await startSlackTestApp({ DATASET_MAX_BYTES: String(MAX_BYTES) });
});
afterAll(async () => {
  await t?.stop();
});

async function json(response: Response): Promise<Record<string, unknown>> {
  expect(response.status).toBe(200);
  const text = await response.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Shares a file as `user` in `channel` and sends the `file_shared` event Slack sends the app. */
async function share(name: string, content: string | Buffer, channel: string, user = USER.id) {
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

/** The app's answers to shared files in `channel` (run messages of a trained run may go there too). */
const repliesIn = (channel: string) =>
  t.fake
    .callsOf("chat.postMessage")
    .filter((c) => c.params.channel === channel && /^(Read |I could not read )/.test(String(c.params.text)));

/** The app's next post in `channel` after `before` posts there: its answer to a file just shared. */
async function nextReply(channel: string, before: number): Promise<RecordedCall> {
  await t.fake.waitFor(() => repliesIn(channel).length > before, 60_000, `a reply in ${channel}`);
  return repliesIn(channel)[before]!;
}

describe("a file shared with the app", () => {
  let reply: RecordedCall;

  it("becomes a dataset, and the reply in the file's thread says what was read", async () => {
    const fileId = await share("Weekly.csv", germanCsvText(weeklyRows(120)), CHANNEL.id);
    reply = await nextReply(CHANNEL.id, 0);
    const info = t.fake.callsOf("files.info").find((c) => c.params.file === fileId)!;
    const shares = (info.response!.file as { shares: { public: Record<string, { ts: string }[]> } }).shares;
    expect(reply.params.thread_ts).toBe(shares.public[CHANNEL.id]![0]!.ts);
    expect(reply.params.text).toBe(
      "Read Weekly.csv as dataset weekly@1: 240 rows, 6 columns, 2021-01-04 to 2023-04-17.",
    );
    const text = allText(reply.params);
    expect(text).toContain("Goal: *revenue* (revenue)");
    expect(text).toContain("Paid media: tv_S, search_S");
    expect(text).toContain("Markets in country: DE, FR");
    expect(text).toContain("semicolon-separated, decimal comma");
    // The data profile of the first market against the goal, as the train modal's variables step shows it.
    expect(text).toMatch(
      /(\*Findings for DE\* \(120 rows against revenue\)|No findings in the data for DE against revenue)/,
    );
    expect(buttonActions(reply.params)).toEqual([ACTION.trainDataset, ACTION.openViewer]);
    // The file was fetched with the bot token, and what is stored is the file's content.
    expect(t.fake.callsOf("download").map((c) => [c.token, c.status])).toEqual([["xoxb-test-token", 200]]);
    const dataset = await t.app.services.datasets.get("weekly");
    expect(dataset).toMatchObject({
      rows: 240,
      fileName: "Weekly.csv",
      uploadedBy: { kind: "slack", id: USER.id },
    });
    expect(t.fake.violations).toEqual([]);
  });

  it("trains from Train on it: the modal has the dataset and its markets, and the run trains on it", async () => {
    const clicked = await send(
      t.eventsUrl,
      blockActions({
        actionId: ACTION.trainDataset,
        value: "weekly@1",
        channel: CHANNEL,
        message: { ts: String(reply.response!.ts) },
      }),
    );
    expect(clicked.status).toBe(200);
    await t.fake.waitFor((calls) => calls.some((c) => c.method === "views.open"), 10_000, "the modal");
    const opened = t.fake.callsOf("views.open").at(-1)!;
    const viewId = String((opened.response!.view as { id: string }).id);
    await t.fake.waitFor(
      (calls) => calls.some((c) => c.method === "views.update" && c.params.view_id === viewId),
      30_000,
      "the markets",
    );
    const step1 = t.fake.view(viewId)!;
    expect(step1.view.callback_id).toBe(VIEW.trainSource);
    expect(initialStates(step1.view)[SOURCE_BLOCK.dataset]).toMatchObject({
      selected_option: { value: "weekly@1" },
    });
    expect(optionTexts(step1.view, SOURCE_BLOCK.countries)).toEqual(["DE", "FR"]);

    const pushedAnswer = await json(
      await send(
        t.eventsUrl,
        viewSubmission(step1, {
          [SOURCE_BLOCK.dataset]: state.select("weekly@1"),
          [SOURCE_BLOCK.countries]: state.multi(["DE"]),
          [SOURCE_BLOCK.channel]: state.conversation(CHANNEL.id),
        }),
      ),
    );
    expect(pushedAnswer.response_action).toBe("push");
    const loading = pushedAnswer.view as Record<string, unknown>;
    expect(allText(loading)).toContain("Reading dataset weekly@1 for DE");
    const pushed = t.fake.registerView(loading);
    await t.fake.waitFor(
      (calls) =>
        calls.some((c) => c.method === "views.update" && c.params.external_id === loading.external_id),
      30_000,
      "the variables step",
    );
    const mapping = t.fake.view(pushed.id)!;
    expect(mapping.view.callback_id).toBe(VIEW.trainMapping);
    const next = await json(await send(t.eventsUrl, viewSubmission(mapping, initialStates(mapping.view))));
    expect(next.response_action).toBe("push");
    const settings = t.fake.registerView(next.view as Record<string, unknown>);
    const started = await json(
      await send(
        t.eventsUrl,
        viewSubmission(settings, {
          ...initialStates(settings.view),
          [SETTINGS_BLOCK.preset]: state.select("quick"),
          [SETTINGS_BLOCK.minCandidates]: state.number("50"),
          [SETTINGS_BLOCK.tag]: state.text("from a shared file"),
        }),
      ),
    );
    expect(started.response_action).toBe("update");
    const runs = await waitForRun();
    expect(runs.spec.data).toEqual({ dataset: "weekly@1", country_column: "country" });
    expect(runs.spec.paid_media_spends).toEqual(["tv_S", "search_S"]);
    expect(await finalStatus(t.app, runs.id, 240_000)).toBe("succeeded");
    expect(t.fake.violations).toEqual([]);
  }, 300_000);

  it("answers a bad file with its problem and stores nothing; ignores other files in channels", async () => {
    const before = await t.app.services.datasets.list();
    await share("sales.csv", Buffer.from([0x44, 0x00, 0x01, 0x02]), DM);
    expect((await nextReply(DM, 0)).params.text).toBe(
      "I could not read sales.csv: sales.csv holds binary data, not text: upload a CSV file (text, one row per line), or the workbook as .xlsx. Nothing was stored.",
    );
    await share("nodates.csv", "a,b\n1,2\n", DM);
    expect((await nextReply(DM, 1)).params.text).toMatch(/nodates.csv has no column of dates/);
    await share("chart.png", Buffer.from([0x89, 0x50]), DM);
    expect((await nextReply(DM, 2)).params.text).toMatch(/chart.png is not a data file this app reads/);
    // Over DATASET_MAX_BYTES: refused from files.info's size, never downloaded.
    const big = await share("big.csv", "x".repeat(MAX_BYTES + 1), DM);
    expect((await nextReply(DM, 3)).params.text).toMatch(
      /^I could not read big.csv: big.csv is larger than 65,536 bytes, the most one upload may hold \(DATASET_MAX_BYTES\)/,
    );
    expect(t.fake.callsOf("download").filter((c) => c.params.file_id === big)).toEqual([]);

    const inChannel = repliesIn(CHANNEL.id).length;
    await share("photo.png", Buffer.from([0x89, 0x50]), CHANNEL.id);
    await share("own.csv", "date,x\n2024-01-01,1\n", CHANNEL.id, "U0BOT");
    // A later file's reply shows both were handled (and left alone) before it.
    await share("later.csv", "a\n1\n", CHANNEL.id);
    expect((await nextReply(CHANNEL.id, inChannel)).params.text).toMatch(/^I could not read later.csv/);
    expect(repliesIn(CHANNEL.id).length).toBe(inChannel + 1);
    expect(t.fake.callsOf("chat.postEphemeral")).toEqual([]);
    expect(await t.app.services.datasets.list()).toEqual(before);
  });
});

async function waitForRun() {
  for (let i = 0; i < 600; i++) {
    const { runs } = await t.app.services.runs.listRuns({});
    if (runs.length > 0) return runs[0]!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("no run started");
}
