import { describe, expect, it } from "vitest";
import { purposeKey, signToken, verifyToken } from "./signed-token.ts";

const SECRET = "a-test-secret-that-is-long-enough-to-use";
const NOW = new Date("2026-11-26T06:00:00Z");
const key = purposeKey(SECRET, "share");

describe("signed tokens", () => {
  it("round-trips a payload before it expires", () => {
    const exp = NOW.getTime() / 1000 + 60;
    const token = signToken({ l: "link-1", exp }, key);
    expect(verifyToken(token, key, NOW)).toEqual({ ok: true, payload: { l: "link-1", exp } });
  });

  it("refuses an expired token, and one whose exp is not a number", () => {
    const expired = signToken({ exp: NOW.getTime() / 1000 }, key);
    expect(verifyToken(expired, key, NOW)).toEqual({ ok: false, reason: "expired" });
    expect(verifyToken(signToken({ exp: "never" }, key), key, NOW)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a tampered payload or signature", () => {
    const token = signToken({ r: "run-a" }, key);
    const [body, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ r: "run-b" })).toString("base64url");
    expect(verifyToken(`${forged}.${sig}`, key, NOW)).toEqual({ ok: false, reason: "signature" });
    expect(verifyToken(`${body}.${sig!.slice(0, -2)}xx`, key, NOW)).toEqual({
      ok: false,
      reason: "signature",
    });
  });

  it("refuses a token made for another purpose or with another secret", () => {
    const token = signToken({ r: "run-a" }, key);
    expect(verifyToken(token, purposeKey(SECRET, "session"), NOW).ok).toBe(false);
    expect(verifyToken(token, purposeKey(`${SECRET}!`, "share"), NOW).ok).toBe(false);
  });

  it("calls anything else malformed", () => {
    for (const junk of ["", "abc", "a.b.c", ".sig", "x".repeat(5000)]) {
      expect(verifyToken(junk, key, NOW)).toEqual({ ok: false, reason: expect.any(String) });
    }
    const notJson = "bm90IGpzb24";
    const sig = signToken({}, key).split(".")[1];
    expect(verifyToken(`${notJson}.${sig}`, key, NOW).ok).toBe(false);
  });
});
