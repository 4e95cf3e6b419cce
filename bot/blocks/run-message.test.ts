import { describe, expect, it } from "vitest";
import { runOf } from "../../tests/slack/block-fixtures.ts";
import { ACTION } from "./ids.ts";
import { runMessage, statusText } from "./run-message.ts";

const context = { viewerUrl: "https://mmm.example.com/runs/r" };

describe("runMessage", () => {
  it("says who started the run, on what data, and offers Cancel and Open in viewer while it runs", () => {
    const message = runMessage(runOf("running"), { ...context, group: { index: 1, size: 2 } });
    expect(message.text).toBe("MMM run DE (20261126T043012Z-de-7f3a9c) by alice: training, 60% done");
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "MMM DE · Q3 budget review" },
    });
    const fields = (message.blocks[1] as { fields: { text: string }[] }).fields.map((f) => f.text);
    expect(fields).toEqual([
      "*Started by*\n<@U0ALICE>",
      "*Data*\n`DEMO.SIMULATED_WEEKLY`",
      "*Engine*\nnative · geometric",
      "*Search*\n2,000 × 5 = 10,000 models",
      "*Window*\n2016-01-01 → 2018-12-31",
    ]);
    const actions = message.blocks.at(-1) as {
      elements: { action_id: string; url?: string; value?: string }[];
    };
    expect(actions.elements.map((e) => e.action_id)).toEqual([ACTION.cancelRun, ACTION.openViewer]);
    expect(actions.elements[0]!.value).toBe("20261126T043012Z-de-7f3a9c");
    expect(actions.elements[1]!.url).toBe(context.viewerUrl);
    expect(JSON.stringify(message.blocks)).toContain("1 of 2 runs started together");
  });

  it("shows the progress bar, models done, time left and the best objectives so far", () => {
    expect(statusText(runOf("running"))).toBe(
      ":running: *Training*: searching hyperparameters\n`████████████░░░░░░░░ 60%`\n6,000 of 10,000 models · about 1 min 20 s left\n" +
        "Best so far: NRMSE 0.0812 · DECOMP.RSSD 0.0423",
    );
  });

  it("ends with the outcome and no Cancel button", () => {
    const done = runMessage(runOf("succeeded"), context);
    expect(statusText(runOf("succeeded"))).toBe(
      ":white_check_mark: *Succeeded* in 3 min 12 s: 48 Pareto models in 3 fronts, 4 clusters. Best model `3_145_2` " +
        "(NRMSE 0.0812, DECOMP.RSSD 0.0423, R² 0.912). Results are in the thread.",
    );
    const actions = done.blocks.at(-1) as { elements: { action_id: string }[] };
    expect(actions.elements.map((e) => e.action_id)).toEqual([ACTION.openViewer]);
    expect(statusText(runOf("failed"))).toMatch(/^:x: \*Failed\*: Column "tv_S" has 3 negative values/);
    expect(statusText(runOf("cancelled"))).toBe(":no_entry_sign: *Cancelled*: Cancelled by alice.");
  });

  it("escapes what people typed", () => {
    const message = runMessage(runOf("failed", { extreme: true }), context);
    expect(JSON.stringify(message.blocks)).not.toContain("<&>");
    expect(JSON.stringify(message.blocks)).toContain("&lt;&amp;&gt;");
  });
});
