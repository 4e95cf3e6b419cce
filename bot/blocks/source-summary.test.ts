import { describe, expect, it } from "vitest";
import type { DataProfile, ProfileFinding } from "../../core/data-profile/data-profile.ts";
import { sourceSummaryBlock } from "./source-summary.ts";

function profile(findings: ProfileFinding[]): DataProfile {
  return {
    rows: 1095,
    date_range: { start: "2022-01-01", end: "2024-12-30" },
    goal: "SALES",
    findings,
  } as Partial<DataProfile> as DataProfile;
}

const textOf = (p: DataProfile) => (sourceSummaryBlock(p) as { text: { text: string } }).text.text;

describe("sourceSummaryBlock", () => {
  it("says when nothing was found", () => {
    expect(textOf(profile([]))).toBe(
      "*Data check* · 1,095 rows, 2022-01-01 to 2024-12-30 · against goal `SALES`: no problems found.",
    );
  });

  it("counts problems and warnings, shows the worst three escaped and counts the rest", () => {
    const text = textOf(
      profile([
        { level: "problem", message: "A <b> & B are the same" },
        { level: "problem", message: "two" },
        { level: "warning", message: "three" },
        { level: "warning", message: "four" },
      ]),
    );
    expect(text.split("\n")).toEqual([
      "*Data check* · 1,095 rows, 2022-01-01 to 2024-12-30 · against goal `SALES`: 2 problems, 2 warnings, the worst:",
      ":red_circle: A &lt;b&gt; &amp; B are the same",
      ":red_circle: two",
      ":warning: three",
      "…and 1 more.",
    ]);
  });
});
