import { describe, expect, it } from "vitest";
import { signArtifactKey, signedArtifactUrl, verifyArtifactSignature } from "./artifact-signature.ts";

const SECRET = "unit-test-signing-secret";
const NOW = new Date("2026-11-26T05:00:00Z");
const EXPIRES = NOW.getTime() / 1000 + 600;

describe("artifact signatures", () => {
  it("builds a link to the app's artifact route with the key's segments escaped", () => {
    const url = signedArtifactUrl("http://localhost:3000/", "runs/x/max response (DE).csv", EXPIRES, SECRET);
    const parsed = new URL(url);
    expect(parsed.pathname).toBe("/artifacts/runs/x/max%20response%20(DE).csv");
    expect(parsed.searchParams.get("expires")).toBe(String(EXPIRES));
    expect(parsed.searchParams.get("sig")).toBe(
      signArtifactKey("runs/x/max response (DE).csv", EXPIRES, SECRET),
    );
  });

  it("verifies the exact key, expiry, disposition and secret, until the expiry", () => {
    const key = "runs/x/output/model_summary.json";
    const sig = signArtifactKey(key, EXPIRES, SECRET, "attachment");
    expect(verifyArtifactSignature(key, String(EXPIRES), sig, SECRET, NOW, "attachment")).toBe(true);
    expect(verifyArtifactSignature(key, EXPIRES, sig, SECRET, NOW, "attachment")).toBe(true);
    expect(verifyArtifactSignature(key, EXPIRES, sig, SECRET, NOW)).toBe(false);
    expect(verifyArtifactSignature(key, EXPIRES, sig, SECRET, NOW, "inline")).toBe(false);
    expect(
      verifyArtifactSignature("runs/x/output/all_models.csv", EXPIRES, sig, SECRET, NOW, "attachment"),
    ).toBe(false);
    expect(verifyArtifactSignature(key, EXPIRES + 1, sig, SECRET, NOW, "attachment")).toBe(false);
    expect(verifyArtifactSignature(key, EXPIRES, sig, "another-secret-value", NOW, "attachment")).toBe(false);
    expect(verifyArtifactSignature(key, EXPIRES, sig, SECRET, new Date(EXPIRES * 1000), "attachment")).toBe(
      false,
    );
  });

  it("refuses a signature text that only decodes to the same bytes", () => {
    const key = "runs/x/spec.json";
    const sig = signArtifactKey(key, EXPIRES, SECRET);
    // The last base64url character of a 32-byte HMAC carries 2 spare bits: changing them keeps the bytes.
    const last = sig.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
    const twin = sig.slice(0, -1) + sibling;
    expect(Buffer.from(twin, "base64url").equals(Buffer.from(sig, "base64url"))).toBe(true);
    expect(verifyArtifactSignature(key, EXPIRES, twin, SECRET, NOW)).toBe(false);
  });

  it("answers false for malformed input instead of throwing", () => {
    const sig = signArtifactKey("a", EXPIRES, SECRET);
    expect(verifyArtifactSignature("../a", EXPIRES, sig, SECRET, NOW)).toBe(false);
    expect(verifyArtifactSignature("a", "soon", sig, SECRET, NOW)).toBe(false);
    expect(verifyArtifactSignature("a", EXPIRES, "", SECRET, NOW)).toBe(false);
    expect(verifyArtifactSignature("a", EXPIRES, sig, "", NOW)).toBe(false);
    expect(verifyArtifactSignature("a", EXPIRES, sig, SECRET, NOW, "download")).toBe(false);
  });
});
