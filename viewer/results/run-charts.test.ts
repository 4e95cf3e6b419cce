import { describe, expect, it } from "vitest";
import { convergenceChartData, paretoChartData, round5 } from "./run-charts.ts";
import type { CandidateCloud, ParetoModel } from "../../core/results/run-outputs.ts";

const cloud: CandidateCloud = Object.freeze({
  count: 6,
  solID: ["1_1_1", "1_2_1", "1_3_1", "1_4_1", "1_5_1", "1_6_1"],
  nrmse: Float64Array.from([0.2, 0.1234567, 0.3, Number.NaN, 0.15, 0.12]),
  rssd: Float64Array.from([0.5, 0.4, 0.2, 0.3, 0.45, 0.9]),
  front: Int32Array.from([2, 1, 1, 0, 3, 5]),
  iteration: Float64Array.from([1, 2, 3, 4, 5, 6]),
  trial: Int32Array.from([1, 1, 1, 1, 1, 1]),
});

describe("paretoChartData", () => {
  it("keeps every candidate, colours only the selected fronts and names the Pareto models", () => {
    const models = [
      { solID: "1_2_1", cluster: 1, top_sol: 1 },
      { solID: "1_3_1", cluster: 2, top_sol: 0 },
    ] as unknown as ParetoModel[];
    const data = paretoChartData(cloud, models, 3);
    expect(data.x).toEqual([0.2, 0.12346, 0.3, null, 0.15, 0.12]);
    expect(data.f).toEqual([2, 1, 1, 0, 3, 0]);
    expect(data.ids).toEqual({ 1: "1_2_1", 2: "1_3_1" });
    expect(data.clusters).toEqual({ "1_2_1": 1, "1_3_1": 2 });
    expect(data.tops).toEqual(["1_2_1"]);
  });
});

describe("convergenceChartData", () => {
  it("gives the best and the median of each objective per block of iterations", () => {
    const data = convergenceChartData(cloud, 3);
    expect(data.labels).toEqual(["1–2", "3–4", "5–6"]);
    expect(data.nrmseMin).toEqual([0.12346, 0.3, 0.12]);
    expect(data.nrmseMedian).toEqual([round5((0.2 + 0.1234567) / 2), 0.3, 0.135]);
    expect(data.rssdMin).toEqual([0.4, 0.2, 0.45]);
  });
});
