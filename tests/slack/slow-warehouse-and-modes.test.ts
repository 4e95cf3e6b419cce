/**
 * A warehouse slower than Slack's 3 seconds never breaks the ack: the settings step answers at once with a
 * "checking" view and shows the outcome with `views.update`. And the two modes: Socket Mode with an app token
 * (the same listeners, `SLACK_API_URL` honoured for `apps.connections.open`), HTTP without one.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackBot, type SlackBot } from "../../bot/app.ts";
import { SETTINGS_BLOCK, VIEW } from "../../bot/blocks/ids.ts";
import { settingsView } from "../../bot/blocks/settings-modal.ts";
import { DraftStash, encodeDraft, newDraft } from "../../bot/train/train-draft.ts";
import { loadConfig } from "../../core/config.ts";
import { createServices, type Services } from "../../core/services.ts";
import { createApp } from "../../viewer/app.ts";
import { DEMO_MAPPING } from "../fixtures/demo-spec.ts";
import { FakeSlackApi } from "./fake-slack-api.ts";
import { CHANNEL, SIGNING_SECRET, send, state, viewSubmission } from "./slack-requests.ts";
import { allText, initialStates } from "./view-helpers.ts";

const WAREHOUSE_DELAY_MS = 1500;
let fake: FakeSlackApi;
let services: Services;
let bot: SlackBot;
let server: ServerType;
let url: string;
let dir: string;

beforeAll(async () => {
  fake = new FakeSlackApi();
  await fake.start();
  dir = await mkdtemp(join(tmpdir(), "mmm-slack-slow-"));
  services = await createServices(
    loadConfig({
      MMM_DATA_DIR: dir,
      LOG_LEVEL: "silent",
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
    }),
  );
  // Every query now takes longer than Slack waits for an answer.
  const query = services.warehouse.query.bind(services.warehouse);
  services.warehouse.query = async (...args) => {
    await new Promise((resolve) => setTimeout(resolve, WAREHOUSE_DELAY_MS));
    return query(...args);
  };
  bot = await startSlackBot(services, { ackBudgetMs: 200 });
  await new Promise<void>((resolve) => {
    server = serve(
      { fetch: createApp(services, { slack: bot.handle! }).fetch, port: 0, hostname: "127.0.0.1" },
      (info: AddressInfo) => {
        url = `http://127.0.0.1:${info.port}/slack/events`;
        resolve();
      },
    );
  });
});
afterAll(async () => {
  await bot?.stop();
  await new Promise((resolve) => server?.close(resolve));
  await services?.close();
  await fake?.stop();
  await rm(dir, { recursive: true, force: true });
});

function settingsStep(windowStart?: string, windowEnd?: string) {
  const draft = newDraft({
    channel: CHANNEL.id,
    source: { table: "DEMO.SIMULATED_WEEKLY" },
    countries: ["DE"],
    mapping: DEMO_MAPPING,
  });
  const view = settingsView({
    draft,
    metadata: encodeDraft(draft, new DraftStash()),
    values: { preset: "quick", prophet_vars: ["trend", "season", "holiday"] },
  });
  const stored = fake.registerView(view as unknown as Record<string, unknown>);
  return viewSubmission(stored, {
    ...initialStates(view as unknown as Record<string, unknown>),
    ...(windowStart
      ? {
          [SETTINGS_BLOCK.windowStart]: state.date(windowStart),
          [SETTINGS_BLOCK.windowEnd]: state.date(windowEnd ?? "2019-11-11"),
        }
      : {}),
  });
}

describe("a slow warehouse", () => {
  it("gets a 'checking' view at once, then the runs start and the view says so", async () => {
    const started = performance.now();
    const response = await send(url, settingsStep());
    const ackMs = performance.now() - started;
    const answer = await response.json();
    expect(ackMs).toBeLessThan(WAREHOUSE_DELAY_MS);
    expect(answer.response_action).toBe("update");
    expect(allText(answer.view)).toMatch(/Checking your data/);
    await fake.waitFor(
      (calls) => calls.some((c) => c.method === "chat.postMessage"),
      20_000,
      "the run message",
    );
    await fake.waitFor(
      (calls) =>
        calls.some(
          (c) =>
            c.method === "views.update" &&
            allText(c.params.view as Record<string, unknown>).includes("1 run started"),
        ),
      10_000,
      "the started view",
    );
    expect((await services.runs.listRuns({})).runs).toHaveLength(1);
  });

  it("shows a problem found after the ack above the form, with the values kept", async () => {
    const before = fake.calls.length;
    // A window after the data's last week (one shorter than Robyn's 10:1 guideline only warns).
    const answer = await (await send(url, settingsStep("2021-06-07", "2021-11-29"))).json();
    expect(allText(answer.view)).toMatch(/Checking your data/);
    await fake.waitFor(
      (calls) => calls.slice(before).some((c) => c.method === "views.update"),
      20_000,
      "the problem",
    );
    const update = fake.calls.slice(before).find((c) => c.method === "views.update")!;
    const view = update.params.view as Record<string, unknown>;
    expect(view.callback_id).toBe(VIEW.trainSettings);
    expect(allText(view)).toMatch(/:warning: .*window/);
    expect(initialStates(view)[SETTINGS_BLOCK.windowStart]).toMatchObject({ selected_date: "2021-06-07" });
    expect((await services.runs.listRuns({})).runs).toHaveLength(1);
  });
});

describe("Socket Mode", () => {
  it("connects with the app token through SLACK_API_URL instead of taking HTTP requests", async () => {
    const socketDir = await mkdtemp(join(tmpdir(), "mmm-slack-socket-"));
    const socketServices = await createServices(
      loadConfig({
        MMM_DATA_DIR: socketDir,
        LOG_LEVEL: "silent",
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_APP_TOKEN: "xapp-1-test",
        SLACK_API_URL: fake.apiUrl,
      }),
    );
    try {
      await expect(startSlackBot(socketServices)).rejects.toThrow();
      const open = fake.callsOf("apps.connections.open").at(-1)!;
      expect(open.token).toBe("xapp-1-test");
    } finally {
      await socketServices.close();
      await rm(socketDir, { recursive: true, force: true });
    }
  });
});
