import type { WebClient } from "@slack/web-api";
import { ErrorCode } from "@slack/web-api";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { MessageEditor } from "./message-editor.ts";

const logger = pino({ level: "silent" });
const ref = { channel: "C1", ts: "1.000001" };
const message = (text: string) => ({ text, blocks: [] });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A chat.update that records when it was called, takes `latencyMs`, and fails as scripted. */
function fakeClient(latencyMs = 5, failures: unknown[] = []) {
  const calls: { text: string; at: number }[] = [];
  const client = {
    chat: {
      update: async (args: { text: string }) => {
        calls.push({ text: args.text, at: performance.now() });
        await sleep(latencyMs);
        const failure = failures.shift();
        if (failure) throw failure;
        return { ok: true };
      },
    },
  } as unknown as WebClient;
  return { client, calls };
}

describe("MessageEditor", () => {
  it("sends the first state at once, merges the ones in between, and always sends the last", async () => {
    const { client, calls } = fakeClient();
    const editor = new MessageEditor({ client, logger, minIntervalMs: 100 });
    const started = performance.now();
    for (let i = 1; i <= 20; i++) {
      void editor.edit(ref, message(`state ${i}`));
      await sleep(10);
    }
    const elapsed = performance.now() - started;
    await editor.flush();
    expect(calls[0]!.text).toBe("state 1");
    expect(calls.at(-1)!.text).toBe("state 20");
    // The first edit, one per interval while the loop ran (~200 ms, longer on a busy machine), and the last.
    expect(calls.length).toBeLessThanOrEqual(Math.min(19, 2 + Math.floor(elapsed / 100)));
    for (let i = 1; i < calls.length; i++)
      expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(100);
  });

  it("counts the interval from the end of the previous edit, so a slow Slack never sees two edits too close", async () => {
    const { client, calls } = fakeClient(60);
    const editor = new MessageEditor({ client, logger, minIntervalMs: 100 });
    void editor.edit(ref, message("a"));
    await sleep(5);
    void editor.edit(ref, message("b"));
    await editor.flush();
    expect(calls.map((c) => c.text)).toEqual(["a", "b"]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(160);
  });

  it("edits different messages independently", async () => {
    const { client, calls } = fakeClient();
    const editor = new MessageEditor({ client, logger, minIntervalMs: 1000 });
    await Promise.all([
      editor.edit(ref, message("one")),
      editor.edit({ channel: "C1", ts: "2.0" }, message("two")),
    ]);
    expect(calls.map((c) => c.text).sort()).toEqual(["one", "two"]);
    expect(Math.abs(calls[1]!.at - calls[0]!.at)).toBeLessThan(500);
  });

  it("on 429 waits Retry-After, then sends the newest state (not the refused one)", async () => {
    const limited = Object.assign(new Error("rate limited"), {
      code: ErrorCode.RateLimitedError,
      retryAfter: 0.3,
    });
    const { client, calls } = fakeClient(5, [limited]);
    const editor = new MessageEditor({ client, logger, minIntervalMs: 50 });
    void editor.edit(ref, message("first"));
    await sleep(20);
    void editor.edit(ref, message("newest"));
    await editor.flush();
    expect(calls.map((c) => c.text)).toEqual(["first", "newest"]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(300);
  });

  it("holds every message's edits after a 429, since Slack limits the method, not the message", async () => {
    const limited = Object.assign(new Error("rate limited"), {
      code: ErrorCode.RateLimitedError,
      retryAfter: 0.3,
    });
    const { client, calls } = fakeClient(5, [limited]);
    const editor = new MessageEditor({ client, logger, minIntervalMs: 20 });
    void editor.edit(ref, message("refused"));
    await sleep(30);
    void editor.edit({ channel: "C2", ts: "9.0" }, message("other message"));
    await editor.flush();
    expect(calls[0]!.text).toBe("refused");
    expect(
      calls
        .slice(1)
        .map((c) => c.text)
        .sort(),
    ).toEqual(["other message", "refused"]);
    for (const later of calls.slice(1)) expect(later.at - calls[0]!.at).toBeGreaterThanOrEqual(300);
  });

  it("drops a state Slack refuses for good, and still sends the next one", async () => {
    const { client, calls } = fakeClient(5, [
      Object.assign(new Error("message_not_found"), { code: ErrorCode.PlatformError }),
    ]);
    const editor = new MessageEditor({ client, logger, minIntervalMs: 20 });
    await editor.edit(ref, message("lost"));
    await editor.edit(ref, message("next"));
    expect(calls.map((c) => c.text)).toEqual(["lost", "next"]);
  });
});
