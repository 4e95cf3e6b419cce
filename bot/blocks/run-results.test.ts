import { describe, expect, it } from "vitest";
import { runOf } from "../../tests/slack/block-fixtures.ts";
import { ACTION } from "./ids.ts";
import { failureMessage, onePagersText, resultsMessage, stageNote } from "./run-results.ts";

const links = { run: "https://v/runs/r", model: (id: string) => `https://v/runs/r/models/${id}` };

describe("thread messages", () => {
  it("gives the run's estimated cost when it is known", () => {
    const run = runOf("succeeded");
    const costed = { ...run, resources: { ...run.resources!, estimatedCostUsd: 0.00123 } };
    expect(JSON.stringify(resultsMessage(costed, links).blocks)).toContain(
      "Training took 3 min 12 s (about $0.0012 on Cloud Run).",
    );
  });

  it("gives money figures the spec's currency", () => {
    const run = runOf("succeeded");
    const json = JSON.stringify(
      resultsMessage({ ...run, spec: { ...run.spec, currency: "EUR" } }, links).blocks,
    );
    expect(json).toContain("1. tv_S: +1,800 EUR per week for +2,000 EUR spend (0.9 per unit)");
  });

  it("sums up the results with the best model's fit, its channels and each cluster's best", () => {
    const run = () => runOf("succeeded");
    const message = resultsMessage(runOf("succeeded"), links);
    expect(message.text).toBe(
      "Results for DE: 48 Pareto models, recommended model 2_120_4, Robyn's pick 3_145_2 (NRMSE 0.0812, DECOMP.RSSD 0.0423)",
    );
    const json = JSON.stringify(message.blocks);
    expect(json).toContain(
      "48 Pareto-optimal models in 3 fronts, out of 10,000 candidates; 4 clusters. Training took 3 min 12 s.",
    );
    expect(json).toContain(
      "*Robyn's pick (lowest Robyn distance among the cluster tops)*\\n<https://v/runs/r/models/3_145_2|3_145_2> (cluster 2)",
    );
    expect(json).toContain("*R² validation / test*\\n0.8 / 0.75");
    expect(json).not.toContain("MAPE");
    expect(json).toContain("Cluster 3: <https://v/runs/r/models/3_130_2|3_130_2> (12 models)");
    expect(json).toContain("*Where the next 10 % of budget earns most*");
    expect(json).toContain(
      "1. tv_S: +1,800 per week for +2,000 spend (0.9 per unit)\\n2. ooh_S: +1,700 per week for +2,500 spend (0.68 per unit)",
    );
    expect(json).toMatch(/channel +spend +effect +ROI +mROI/);
    expect(json).toContain(
      "(0.68 per unit)\\n_newsletter is organic: it has no spend, so it has no mROI and is not ranked._",
    );
    const withoutOrganic = { ...run(), spec: { ...run().spec, organic_vars: [] } };
    expect(JSON.stringify(resultsMessage(withoutOrganic, links).blocks)).not.toContain("organic");
    const actions = message.blocks.at(-1) as { elements: { action_id: string; value?: string }[] };
    expect(actions.elements.map((e) => e.action_id)).toEqual([
      ACTION.pickBest,
      ACTION.allocate,
      ACTION.rerun,
      ACTION.refresh,
      ACTION.openViewer,
    ]);
  });

  it("offers a refresh only when the app can read the run's new data (a warehouse source), on either engine", () => {
    const run = runOf("succeeded");
    const actionsOf = (r: typeof run) =>
      (resultsMessage(r, links).blocks.at(-1) as { elements: { action_id: string }[] }).elements.map(
        (e) => e.action_id,
      );
    expect(actionsOf({ ...run, spec: { ...run.spec, data: { file: "data.csv" } } })).not.toContain(
      ACTION.refresh,
    );
    // A robyn run is refreshed by Robyn's own robyn_refresh in the R trainer.
    expect(actionsOf({ ...run, spec: { ...run.spec, engine: "robyn" } })).toContain(ACTION.refresh);
  });

  it("leads with the recommended model, its reason and each channel's ROI interval", () => {
    const blocks = resultsMessage(runOf("succeeded"), links).blocks;
    const json = JSON.stringify(blocks);
    expect(json).toContain(
      ":star: *Recommended model* <https://v/runs/r/models/2_120_4|2_120_4>\\nBest balance of fit",
    );
    expect(json).toContain("Not identified (no lift study): ooh_S");
    expect(json).toMatch(/channel +ROI +80% interval +effect +mROI +lift study/);
    expect(json).toMatch(/tv_S +1\.5 +1\.07 – 2\.1 +30\.0% +0\.8 +yes/);
    expect(json).toMatch(/ooh_S +0\.9 +0\.3 – 2\.7 +10\.0% +0\.5 +no: not identified/);
    // The recommendation comes before Robyn's pick.
    expect(json.indexOf("Recommended model")).toBeLessThan(
      json.indexOf("*Robyn's pick (lowest Robyn distance among the cluster tops)*"),
    );
  });

  it("explains a failure in plain words with the end of the log", () => {
    const message = failureMessage(runOf("failed"));
    expect(message.text).toMatch(/^The run failed: Column "tv_S" has 3 negative values/);
    expect(JSON.stringify(message.blocks)).toContain("```step 1\\nstep 2\\nerror: negative spend```");
    const tail = failureMessage(runOf("failed", { extreme: true }));
    expect(JSON.stringify(tail.blocks)).toContain("line ˋˋˋwith fencesˋˋˋ &lt;tag&gt;\\n```");
  });

  it("notes the stages and says when there are no one-pagers", () => {
    expect(stageNote(runOf("running"), "running").text).toBe(
      "The trainer started: native engine, 2,000 iterations × 5 trials.",
    );
    expect(onePagersText([])).toBe("No one-pagers for this run: the trainer wrote none.");
    expect(onePagersText([{ solID: "1_2_3" }, { solID: "4_5_6" }])).toBe(
      "One-pagers of the cluster-top models: 1_2_3, 4_5_6.",
    );
    expect(onePagersText([{ solID: "7_8_9", recommended: true }, { solID: "1_2_3" }])).toBe(
      "One-pagers of the recommended model 7_8_9 and of the cluster-top models: 1_2_3.",
    );
  });
});
