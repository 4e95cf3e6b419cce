import type { SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { extremeSummary, realisticSummary } from "../../tests/slack/block-fixtures.ts";
import { healthBlocks } from "./health-card.ts";

const text = (blocks: ReturnType<typeof healthBlocks>) => JSON.stringify(blocks);

describe("the health card in Slack", () => {
  it("leads with the count and the calibration, then problems before warnings", () => {
    const blocks = healthBlocks(realisticSummary(), "https://v/runs/r");
    const sections = blocks.filter((b): b is SectionBlock => b.type === "section").map((b) => b.text!.text);
    expect(sections[0]).toBe(
      "*Health of Robyn's pick 3_145_2*: 1 problem, 1 warning, 1 check fine\nNone of the 5 paid channels is calibrated by a lift study.",
    );
    expect(sections[1]).toMatch(/^:red_circle: \*Baseline share\*: The term trend explains 106%/);
    expect(sections[2]).toMatch(/^:warning: \*Calibration\*: No lift studies/);
    expect(text(blocks)).toContain(":white_check_mark: Fine: Fit.");
  });

  it("shows the recommended model's own findings, and Robyn's pick's headline when it is another model", () => {
    const summary = realisticSummary();
    const own = [
      { check: "calibration", level: "warning" as const, message: "No lift studies calibrate this model." },
      { check: "fit", level: "ok" as const, message: "The model fits the history well." },
    ];
    const blocks = healthBlocks(
      { ...summary, recommended: { ...summary.recommended!, health: own } },
      "https://v/runs/r",
    );
    const sections = blocks.filter((b): b is SectionBlock => b.type === "section").map((b) => b.text!.text);
    expect(sections[0]).toMatch(/^\*Health of the recommended model 2_120_4\*: 1 warning, 1 check fine\n/);
    expect(sections).toHaveLength(2);
    expect(text(blocks)).not.toContain("Baseline share");
    expect(text(blocks)).toContain(
      "Robyn's pick 3_145_2 (lowest Robyn distance): 1 problem, 1 warning, 1 check fine.",
    );

    const same = healthBlocks(
      {
        ...summary,
        recommended: { ...summary.recommended!, model_id: "3_145_2", health: own },
      },
      "https://v/runs/r",
    );
    expect(text(same)).not.toContain("lowest Robyn distance");
  });

  it("shows a few findings and sends to the viewer for the rest", () => {
    const blocks = healthBlocks(extremeSummary(), "https://v/runs/r");
    expect(blocks.filter((b) => b.type === "section")).toHaveLength(7);
    expect(text(blocks)).toContain("21 more findings <https://v/runs/r|in the viewer>.");
    expect(text(blocks)).toContain("30 of 40 paid channels calibrated by 30 lift studies");
    expect(text(blocks)).toContain("&lt;b&gt;finding&lt;/b&gt;");
  });

  it("is absent when the summary has no health checks", () => {
    expect(healthBlocks({ ...realisticSummary(), health: [] }, "https://v/runs/r")).toEqual([]);
  });
});
