import { describe, expect, it } from "vitest";
import type { ParetoModel } from "../../core/results/run-outputs.ts";
import { passes, stabilityOf, type RunModels } from "./stability.ts";

function model(solID: string, rsq: number, nrmse: number, rssd: number): ParetoModel {
  return {
    solID,
    rsq_train: rsq,
    nrmse_train: nrmse,
    nrmse,
    "decomp.rssd": rssd,
    rsq_val: Number.NaN,
  } as ParetoModel;
}

function variables(solID: string, tvEffect: number, tvRoi: number) {
  return [
    { solID, rn: "tv_S", spend_share: 0.5, effect_share: tvEffect, roi_total: tvRoi },
    { solID, rn: "(Intercept)", spend_share: Number.NaN, effect_share: Number.NaN, roi_total: Number.NaN },
  ];
}

describe("model stability", () => {
  it("applies the quality bars to every split a model has", () => {
    expect(passes(model("a", 0.85, 0.05, 0.1), "green")).toBe(true);
    expect(passes(model("b", 0.85, 0.15, 0.1), "green")).toBe(false);
    expect(passes(model("b", 0.85, 0.15, 0.1), "amber")).toBe(true);
    expect(passes(model("c", 0.5, 0.15, 0.1), "amber")).toBe(false);
    expect(passes(model("c", 0.5, 0.15, 0.1), "all")).toBe(true);
  });

  it("pools the paid channels of the selected models of every run and marks the pick", () => {
    const runs: RunModels[] = [
      {
        runId: "r1",
        models: [model("1_1_1", 0.9, 0.05, 0.1), model("1_1_2", 0.4, 0.5, 0.9)],
        variables: [...variables("1_1_1", 0.2, 2), ...variables("1_1_2", 0.9, 9)],
      },
      { runId: "r2", models: [model("2_1_1", 0.9, 0.08, 0.15)], variables: variables("2_1_1", 0.4, 4) },
    ];
    const s = stabilityOf(runs, "green", "roi_total", { runId: "r2", solID: "2_1_1" });
    expect(s).toMatchObject({ selected: 2, total: 3, runs: 2 });
    expect(s.channels.map((c) => c.channel)).toEqual(["tv_S"]);
    expect(s.channels[0]).toMatchObject({
      effect: { n: 2, min: 0.2, max: 0.4 },
      efficiency: { median: 3 },
      pickedEffect: 0.4,
      pickedEfficiency: 4,
    });
  });
});
