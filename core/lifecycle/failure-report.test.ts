import { describe, expect, it } from "vitest";
import { cleanFailure } from "./failure-report.ts";

describe("cleanFailure", () => {
  it("drops JavaScript frames and R's Calls line, cuts absolute paths to file names, keeps the rest", () => {
    const cleaned = cleanFailure({
      reason: "cannot open 'C:\\Users\\ana\\runs\\input.csv' or /home/ana/runs/spec.json",
      logTail: [
        "2026-11-26T06:00:00.000Z window 2026/01/01 to 2026/06/30, ratio 3/4",
        "TypeError: x is not a function",
        "    at fit (/srv/app/engine/ridge.ts:12:3)",
        "    at async Promise.all (index 0)",
        "Error in solve(): singular matrix",
        "Calls: main -> train -> solve",
        "  at least 3 rows are needed",
      ].join("\n"),
    });
    expect(cleaned).toEqual({
      reason: "cannot open 'input.csv' or spec.json",
      logTail: [
        "2026-11-26T06:00:00.000Z window 2026/01/01 to 2026/06/30, ratio 3/4",
        "TypeError: x is not a function",
        "Error in solve(): singular matrix",
        "  at least 3 rows are needed",
      ].join("\n"),
    });
  });

  it("keeps the last 30 lines after dropping frames, and no tail when nothing is left", () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    expect(cleanFailure({ reason: "r", logTail: lines.join("\n") }).logTail).toBe(
      lines.slice(-30).join("\n"),
    );
    expect(cleanFailure({ reason: "r", logTail: "    at f (/a/b.js:1:1)" })).toEqual({ reason: "r" });
  });
});
