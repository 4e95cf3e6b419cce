import { describe, expect, it } from "vitest";
import { assertWithinBlockKitLimits } from "../../tests/slack/block-kit-checker.ts";
import { refreshChangesMessage } from "./refresh-changes.ts";

describe("refreshChangesMessage", () => {
  const outside =
    "search_S ROI fell from 2.10 to 1.60, outside the previous range 1.80–2.40; spend per week rose 100%, so the new data explains 80% of the change.";
  const within = "tv_S ROI rose from 1.00 to 1.05, within the previous range 0.80–1.20.";
  const report = {
    summary: [
      "Refreshed 1_2_3 of run r with 4 new week(s).",
      "search_S moved outside the previous range.",
      outside,
      within,
    ],
    channels: [
      { sentence: outside, outside_previous_interval: true },
      { sentence: within, outside_previous_interval: false },
    ] as never,
  };

  it("says what changed, marking channels that left their previous range", () => {
    const message = refreshChangesMessage(report);
    expect(message.text).toBe("What changed: Refreshed 1_2_3 of run r with 4 new week(s).");
    const json = JSON.stringify(message.blocks);
    expect(json).toContain(`:warning: ${outside}`);
    expect(json).toContain(`• ${within}`);
    assertWithinBlockKitLimits({ kind: "message", ...message });
  });

  it("stays within Block Kit's limits with very many channels", () => {
    const many = { ...report, summary: [report.summary[0]!, ...Array.from({ length: 200 }, () => outside)] };
    assertWithinBlockKitLimits({ kind: "message", ...refreshChangesMessage(many) });
  });
});
