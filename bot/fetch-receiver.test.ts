import type { App, ReceiverEvent } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { boltLogger } from "./bolt-logger.ts";
import { FetchReceiver, parseBody } from "./fetch-receiver.ts";
import { createLogger } from "../core/logger.ts";
import { SIGNING_SECRET, sign } from "../tests/slack/slack-requests.ts";

const logger = boltLogger(createLogger("silent"));
const NOW = 1_800_000_000_000;

function request(
  body: string,
  options: {
    timestamp?: number;
    signature?: string;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const timestamp = options.timestamp ?? NOW / 1000;
  return new Request("http://app/slack/events", {
    method: "POST",
    headers: {
      "content-type": options.contentType ?? "application/json",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? sign(body, timestamp),
      ...options.headers,
    },
    body,
  });
}

function receiverWith(process: (event: ReceiverEvent) => Promise<void>, timeoutMs = 3001) {
  const receiver = new FetchReceiver({
    signingSecret: SIGNING_SECRET,
    logger,
    now: () => NOW,
    unhandledRequestTimeoutMs: timeoutMs,
  });
  receiver.init({ processEvent: process } as unknown as App);
  return receiver;
}

describe("FetchReceiver", () => {
  it("answers with the ack's body as soon as a listener acks, while the listener goes on", async () => {
    let finished = false;
    const receiver = receiverWith(async (event) => {
      await event.ack({ response_action: "errors", errors: { b: "wrong" } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      finished = true;
    });
    const response = await receiver.handle(request(JSON.stringify({ type: "view_submission" })));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ response_action: "errors", errors: { b: "wrong" } });
    expect(finished).toBe(false);
  });

  it("lets every waiting request get its ack before any listener's follow-up work", async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const receiver = receiverWith(async (event) => {
      const id = (event.body as { id: string }).id;
      if (id === "slow") await gate; // this request is still waiting for its ack
      await event.ack();
      order.push(`work ${id}`);
    });
    const fast = receiver
      .handle(request(JSON.stringify({ id: "fast" })))
      .then(() => order.push("answered fast"));
    const slow = receiver
      .handle(request(JSON.stringify({ id: "slow" })))
      .then(() => order.push("answered slow"));
    await fast;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(["answered fast"]); // fast's follow-up waits while slow is unanswered
    release();
    await slow;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(["answered fast", "answered slow", "work fast", "work slow"]);
  });

  it("never holds follow-up work longer than a quarter second, even under unbroken traffic", async () => {
    let worked = false;
    const receiver = receiverWith(async (event) => {
      if ((event.body as { id: string }).id === "stuck") return new Promise<void>(() => undefined); // never acks
      await event.ack();
      worked = true;
    }, 10_000);
    void receiver.handle(request(JSON.stringify({ id: "stuck" })));
    await receiver.handle(request(JSON.stringify({ id: "fast" })));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(worked).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(worked).toBe(true);
  });

  it("passes Slack's retry headers on", async () => {
    let seen: ReceiverEvent | undefined;
    const receiver = receiverWith(async (event) => {
      seen = event;
      await event.ack();
    });
    const response = await receiver.handle(
      request(JSON.stringify({ type: "event_callback" }), {
        headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" },
      }),
    );
    expect(response.status).toBe(200);
    expect(seen).toMatchObject({ retryNum: 2, retryReason: "http_timeout" });
  });

  it.each([
    ["a forged signature", { signature: `v0=${"0".repeat(64)}` }],
    ["another app's secret", { signature: sign("{}", NOW / 1000, "another-secret") }],
    ["a stale timestamp (over 5 minutes old)", { timestamp: NOW / 1000 - 301 }],
    ["a timestamp over 5 minutes ahead", { timestamp: NOW / 1000 + 301 }],
    ["an unknown signature version", { signature: "v1=abc" }],
  ])("refuses %s with 401 and never reaches Bolt", async (_, options) => {
    let reached = false;
    const receiver = receiverWith(async () => {
      reached = true;
    });
    const body = "{}";
    const signed =
      "signature" in options ? options : { ...options, signature: sign(body, options.timestamp!) };
    const response = await receiver.handle(request(body, signed));
    expect(response.status).toBe(401);
    expect(reached).toBe(false);
  });

  it("answers url_verification and ssl_check itself", async () => {
    const receiver = receiverWith(async () => undefined);
    const challenge = await receiver.handle(
      request(JSON.stringify({ type: "url_verification", challenge: "c-123" })),
    );
    expect(await challenge.json()).toEqual({ challenge: "c-123" });
    const ssl = await receiver.handle(
      request("ssl_check=1&token=x", { contentType: "application/x-www-form-urlencoded" }),
    );
    expect(ssl.status).toBe(200);
  });

  it("answers 404 when no listener acks, at once or after the timeout, and 500 when Bolt throws", async () => {
    expect((await receiverWith(async () => undefined).handle(request("{}"))).status).toBe(404);
    const slow = receiverWith(() => new Promise((resolve) => setTimeout(resolve, 200)), 20);
    const started = performance.now();
    expect((await slow.handle(request("{}"))).status).toBe(404);
    expect(performance.now() - started).toBeLessThan(150);
    expect(
      (await receiverWith(async () => Promise.reject(new Error("boom"))).handle(request("{}"))).status,
    ).toBe(500);
  });

  it("reads commands as form fields and interactions from their payload field", () => {
    expect(parseBody("command=%2Fmmm&text=runs+DE", "application/x-www-form-urlencoded")).toEqual({
      command: "/mmm",
      text: "runs DE",
    });
    expect(
      parseBody(
        `payload=${encodeURIComponent('{"type":"block_actions"}')}`,
        "application/x-www-form-urlencoded",
      ),
    ).toEqual({ type: "block_actions" });
  });
});
