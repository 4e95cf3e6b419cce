import { describe, expect, it } from "vitest";
import { runToken, signEvent, verifyEvent } from "./trainer-auth.ts";

describe("trainer event signatures", () => {
  const token = runToken("app-secret", "20261126T043012Z-de-7f3a9c");
  const body = JSON.stringify({ seq: 1, type: "started", at: "2026-11-26T04:30:13Z" });
  const now = 1_800_000_000;

  it("accepts a fresh, correctly signed event", () => {
    const signature = signEvent(token, now, body);
    expect(verifyEvent(token, { signature, timestamp: String(now) }, body, now + 2)).toEqual({ ok: true });
  });

  it("refuses a tampered body, another run's token, a stale timestamp and missing headers", () => {
    const signature = signEvent(token, now, body);
    expect(verifyEvent(token, { signature, timestamp: String(now) }, body.replace("1", "2"), now)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    const other = runToken("app-secret", "20261126T043012Z-fr-000000");
    expect(verifyEvent(other, { signature, timestamp: String(now) }, body, now)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(verifyEvent(token, { signature, timestamp: String(now) }, body, now + 301)).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(verifyEvent(token, { signature: null, timestamp: String(now) }, body, now)).toEqual({
      ok: false,
      reason: "missing",
    });
  });

  it("derives different tokens per run and per secret", () => {
    expect(runToken("app-secret", "a")).not.toBe(runToken("app-secret", "b"));
    expect(runToken("other", "a")).not.toBe(runToken("app-secret", "a"));
  });
});
