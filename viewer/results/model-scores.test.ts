import { describe, expect, it } from "vitest";
import type { ParetoModel } from "../../core/results/run-outputs.ts";
import { modelScores } from "./model-scores.ts";

const model = (solID: string, nrmse: number, rssd: number, nrmseTest = nrmse): ParetoModel => ({
  solID,
  nrmse_train: nrmse,
  nrmse_test: nrmseTest,
  "decomp.rssd": rssd,
  mape: 0,
});

describe("modelScores", () => {
  // a: best fit, worst decomposition; c: the reverse; b: in between, a little closer to c.
  const models = [model("a", 0.05, 0.3), model("b", 0.08, 0.1), model("c", 0.1, 0.05)];

  it("scales over the given Pareto models and weights equally for the Robyn distance", () => {
    const scores = modelScores(models, false);
    // a: nrmse 0, rssd 1 → sqrt((1/3)²) = 1/3 (weights are normalised to sum to 1).
    expect(scores.get("a")!.robynDistance).toBeCloseTo(1 / 3, 12);
    expect(scores.get("c")!.robynDistance).toBeCloseTo(1 / 3, 12);
    expect(scores.get("b")!.robynDistance).toBeCloseTo(Math.hypot(0.6, 0.2) / 3, 12);
  });

  it("halves DECOMP.RSSD's weight in the recommendation score, so a better fit ranks first", () => {
    const scores = modelScores(models, false);
    // Weights 1 : 0.5 : 2 normalised by 3.5: a = 0.5/3.5, c = 1/3.5.
    expect(scores.get("a")!.recommendationScore).toBeCloseTo(0.5 / 3.5, 12);
    expect(scores.get("c")!.recommendationScore).toBeCloseTo(1 / 3.5, 12);
    expect(scores.get("a")!.recommendationScore).toBeLessThan(scores.get("c")!.recommendationScore);
  });

  it("uses the test NRMSE with time-series validation", () => {
    const withHoldout = [model("a", 0.05, 0.3, 0.2), model("c", 0.1, 0.05, 0.1)];
    const scores = modelScores(withHoldout, true);
    // On test NRMSE c is better on both errors: distance 0; a is worst on both.
    expect(scores.get("c")!.robynDistance).toBe(0);
    expect(scores.get("a")!.robynDistance).toBeCloseTo(Math.SQRT2 / 3, 12);
  });
});
