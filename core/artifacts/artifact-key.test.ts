import { describe, expect, it } from "vitest";
import { isMmmError } from "../../common/errors.ts";
import { assertArtifactKey, assertArtifactPrefix, isArtifactKey } from "./artifact-key.ts";

describe("artifact keys", () => {
  it.each([
    "runs/20261126T043012Z-de-7f3a9c/output/model_summary.json",
    "runs/x/output/onepagers/1_123_4.png",
    "spec.json",
    "runs/x/output/allocator/max_response (DE).csv",
    "a..b/c",
  ])("accepts %j", (key) => {
    expect(isArtifactKey(key)).toBe(true);
    expect(() => assertArtifactKey(key)).not.toThrow();
  });

  it.each([
    ["", "must not be empty"],
    ["../x", "must not contain .. segments"],
    ["a/../b", "must not contain .. segments"],
    ["/a", "must be relative"],
    ["c:/a", "must be relative"],
    ["a\\b", "backslashes"],
    ["a//b", "empty segments"],
    ["a/", "empty segments"],
    ["./a", "starts with a dot"],
    ["a/.tmp", "starts with a dot"],
    ["a\nb", "control characters"],
    ["é".repeat(513), "longer than 1024 bytes"],
  ])("refuses %j: it %s", (key, problem) => {
    expect(isArtifactKey(key)).toBe(false);
    try {
      assertArtifactKey(key);
      expect.unreachable();
    } catch (error) {
      expect(isMmmError(error) && error.code === "invalid_input" && error.field === "key").toBe(true);
      expect((error as Error).message).toContain(problem);
      expect((error as Error).message).toContain("runs/<runId>/output/model_summary.json");
    }
  });

  it("accepts prefixes that end in a slash or mid-name, and the empty prefix only for listing", () => {
    for (const prefix of ["runs/", "runs/a/", "runs/a/out"]) {
      expect(() => assertArtifactPrefix(prefix, { allowEmpty: false })).not.toThrow();
    }
    expect(() => assertArtifactPrefix("", { allowEmpty: true })).not.toThrow();
    expect(() => assertArtifactPrefix("", { allowEmpty: false })).toThrow(/must not be empty/);
    expect(() => assertArtifactPrefix("runs//", { allowEmpty: true })).toThrow(/empty segments/);
    expect(() => assertArtifactPrefix("../", { allowEmpty: true })).toThrow(/\.\./);
  });
});
