/**
 * Who gets through to the listeners: only requests signed with the app's signing secret within five
 * minutes; Slack's retries of a request already taken are dropped; and with allowed channels and user
 * groups configured, everyone else gets a polite refusal in the surface they used.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION, SOURCE_BLOCK, VIEW } from "../../bot/blocks/ids.ts";
import {
  CHANNEL,
  SIGNING_SECRET,
  USER,
  blockSuggestion,
  event,
  send,
  sign,
  slashCommand,
  state,
  triggerId,
  viewSubmission,
} from "./slack-requests.ts";
import { startSlackTestApp, type SlackTestApp } from "./slack-test-app.ts";
import { allText } from "./view-helpers.ts";

const BOB = { id: "U0BOB", name: "bob", username: "bob", team_id: "T0FAKE" };
const OTHER = { id: "C0OTHER", name: "random" };

describe("request signatures and retries", () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const apiCalls = () => t.fake.calls.filter((c) => c.method !== "auth.test");

  it.each([
    ["a forged signature", { signature: `v0=${"a".repeat(64)}` }],
    ["a signature made with another secret", { secret: `${SIGNING_SECRET}-not` }],
    ["a replayed request from 6 minutes ago", { timestamp: Math.floor(Date.now() / 1000) - 360 }],
    ["a timestamp 6 minutes ahead", { timestamp: Math.floor(Date.now() / 1000) + 360 }],
  ])("refuses %s with 401, and nothing happens", async (_, options) => {
    const responseUrl = t.fake.responseUrl();
    const response = await send(t.eventsUrl, slashCommand("runs", { responseUrl }), options);
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(apiCalls()).toEqual([]);
  });

  it("refuses a request without Slack's headers, or with a body changed after signing", async () => {
    const unsigned = await fetch(t.eventsUrl, { method: "POST", body: "command=/mmm&text=runs" });
    expect(unsigned.status).toBe(401);
    const request = slashCommand("runs", { responseUrl: t.fake.responseUrl() });
    const timestamp = Math.floor(Date.now() / 1000);
    const tampered = await fetch(t.eventsUrl, {
      method: "POST",
      headers: {
        "content-type": request.contentType,
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": sign(request.body, timestamp),
      },
      body: request.body.replace("runs", "cancel"),
    });
    expect(tampered.status).toBe(401);
    expect(apiCalls()).toEqual([]);
  });

  it("answers Slack's URL verification", async () => {
    const response = await send(t.eventsUrl, {
      body: JSON.stringify({
        type: "url_verification",
        challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      }),
      contentType: "application/json",
    });
    expect(await response.json()).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("takes a retried command once (same trigger, X-Slack-Retry-Num)", async () => {
    const trigger = triggerId();
    const responseUrl = t.fake.responseUrl("retried");
    const first = await send(t.eventsUrl, slashCommand("runs", { responseUrl, triggerId: trigger }));
    const retry = await send(t.eventsUrl, slashCommand("runs", { responseUrl, triggerId: trigger }), {
      retryNum: 1,
      retryReason: "http_timeout",
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await t.fake.waitFor((calls) => calls.some((c) => c.method === "response_url"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.fake.callsOf("response_url").filter((c) => c.params.response_id === "retried")).toHaveLength(1);
  });

  it("takes a retried event once (same event id)", async () => {
    const home = event({ type: "app_home_opened", user: USER.id, channel: "D0", tab: "home" }, "Ev0RETRIED");
    await send(t.eventsUrl, home);
    await send(t.eventsUrl, home, { retryNum: 1, retryReason: "http_timeout" });
    await send(t.eventsUrl, home, { retryNum: 2, retryReason: "http_timeout" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.fake.callsOf("views.publish")).toHaveLength(1);
  });
});

describe("allowed channels and user groups", () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp({
      SLACK_ALLOWED_CHANNELS: `${CHANNEL.id},#marketing`,
      SLACK_ALLOWED_USERGROUPS: "S0MMM",
    });
    t.fake.usergroups.set("S0MMM", [USER.id]);
    t.fake.channelNames.set("C0MKT", "marketing");
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function ack(request: Parameters<typeof send>[1]): Promise<Record<string, unknown>> {
    const response = await send(t.eventsUrl, request);
    expect(response.status).toBe(200);
    const text = await response.text();
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  it("serves members in allowed channels", async () => {
    expect((await ack(slashCommand("help", { responseUrl: t.fake.responseUrl() }))).text).toMatch(
      /^MMM Trainer commands/,
    );
  });

  it("refuses other channels politely, naming the allowed ones", async () => {
    const answer = await ack(slashCommand("runs", { responseUrl: t.fake.responseUrl(), channel: OTHER }));
    expect(answer).toMatchObject({
      response_type: "ephemeral",
      text: "Sorry, MMM Trainer only works in #C0MMM, #marketing. Please use it there (or ask an admin to add this channel).",
    });
    expect(JSON.stringify(answer.blocks)).toContain("<#C0MMM>");
  });

  it("refuses people outside the user groups, in commands, type-ahead and the Home tab", async () => {
    const answer = await ack(slashCommand("train", { responseUrl: t.fake.responseUrl(), user: BOB }));
    expect(answer.text).toBe(
      "Sorry, MMM Trainer is open to members of @S0MMM. Ask one of them or a workspace admin to add you.",
    );
    expect(t.fake.callsOf("views.open")).toHaveLength(0);
    const options = await send(
      t.eventsUrl,
      blockSuggestion({ actionId: ACTION.tableSelected, blockId: SOURCE_BLOCK.table, value: "", user: BOB }),
    );
    expect(await options.json()).toEqual({ options: [] });
    await send(t.eventsUrl, event({ type: "app_home_opened", user: BOB.id, channel: "D0BOB", tab: "home" }));
    await t.fake.waitFor(
      (calls) => calls.some((c) => c.method === "views.publish" && c.params.user_id === BOB.id),
      10_000,
    );
    const home = t.fake.callsOf("views.publish").find((c) => c.params.user_id === BOB.id)!;
    expect(allText(home.params.view as Record<string, unknown>)).toMatch(
      /open to members of <!subteam\^S0MMM>/,
    );
    expect(JSON.stringify(home.params.view)).not.toContain(ACTION.newRun);
  });

  it("lets a member pick only an allowed channel for the run messages (by id or by name)", async () => {
    const answer = await ack(slashCommand("train", { responseUrl: t.fake.responseUrl() }));
    expect(answer).toEqual({});
    await t.fake.waitFor((calls) => calls.some((c) => c.method === "views.open"), 10_000);
    const view = t.fake.callsOf("views.open")[0]!.response!.view as { id: string; hash: string } & Record<
      string,
      unknown
    >;
    expect(view.callback_id).toBe(VIEW.trainSource);
    const values = (channel: string) => ({
      [SOURCE_BLOCK.table]: state.external("DEMO.SIMULATED_WEEKLY"),
      [SOURCE_BLOCK.countriesText]: state.text("DE"),
      [SOURCE_BLOCK.channel]: state.conversation(channel),
    });
    const refused = await ack(viewSubmission({ id: view.id, hash: view.hash, view }, values(OTHER.id)));
    expect(refused).toEqual({
      response_action: "errors",
      errors: {
        [SOURCE_BLOCK.channel]:
          "Sorry, MMM Trainer only works in #C0MMM, #marketing. Please use it there (or ask an admin to add this channel).",
      },
    });
    const byName = await ack(viewSubmission({ id: view.id, hash: view.hash, view }, values("C0MKT")));
    expect(byName.response_action).toBe("push");
  });
});
