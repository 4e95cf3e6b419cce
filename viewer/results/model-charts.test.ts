import { describe, expect, it } from "vitest";
import { readCsvColumns } from "../../common/csv-columns.ts";
import { modelCharts } from "./model-charts.ts";
import type { ParetoModel } from "../../core/results/run-outputs.ts";

const model = Object.freeze({
  solID: "1_2_3",
  tv_S_alphas: 2,
  tv_S_inflexion: 100,
  tv_S_thetas: 0.3,
  newsletter_thetas: 0.1,
  newsletter_alphas: 1,
}) as unknown as ParetoModel;
type Row = Readonly<Record<string, number | string>>;
const variables: readonly Row[] = Object.freeze([
  { rn: "(Intercept)", xDecompAgg: 500, xDecompPerc: 0.5, spend_share: Number.NaN, coef: 5 },
  {
    rn: "tv_S",
    xDecompAgg: 300,
    xDecompPerc: 0.3,
    spend_share: 0.6,
    effect_share: 0.7,
    roi_total: 2.5,
    cpa_total: 0.4,
    coef: 1000,
    mean_spend_adstocked: 100,
    carryover_pct: 0.4,
  },
  { rn: "newsletter", xDecompAgg: 200, xDecompPerc: 0.2, spend_share: Number.NaN, carryover_pct: 0.1 },
] as Row[]);
const transforms = readCsvColumns(
  "ds,tv_S,newsletter,type,solID\n2016-01-04,50,1,adstockedMedia,1_2_3\n2016-01-11,250,2,adstockedMedia,1_2_3\n2016-01-04,9,9,decompMedia,1_2_3\n",
);
const decomposition = readCsvColumns(
  "ds,dep_var,depVarHat,solID\n2016-01-04,10,11,1_2_3\n2016-01-11,12,11.5,1_2_3\n",
);

describe("modelCharts", () => {
  const charts = modelCharts(model, variables, decomposition, transforms, "revenue");

  it("orders the waterfall by share and keeps actual vs predicted by date", () => {
    expect(charts.waterfall).toEqual({
      names: ["(Intercept)", "tv_S", "newsletter"],
      values: [500, 300, 200],
      shares: [0.5, 0.3, 0.2],
    });
    expect(charts.fit).toEqual({
      dates: ["2016-01-04", "2016-01-11"],
      actual: [10, 12],
      predicted: [11, 11.5],
    });
  });

  it("draws each paid channel's Hill curve up to 1.3 × the largest mean spend, with the mean spend point", () => {
    const [tv] = charts.response;
    expect(tv!.channel).toBe("tv_S");
    expect(tv!.x.at(-1)).toBe(130);
    // b · x^α / (x^α + γ^α) at the inflexion is half the coefficient.
    expect(tv!.meanX).toBe(100);
    expect(tv!.meanY).toBe(500);
    expect(tv!.y[0]).toBe(0);
  });

  it("gives spend and effect shares with ROAS, and θ with the carryover share per medium", () => {
    expect(charts.shares).toEqual({
      channels: ["tv_S"],
      spend: [0.6],
      effect: [0.7],
      efficiency: [2.5],
      metric: "ROAS",
    });
    expect(modelCharts(model, variables, decomposition, transforms, "conversion").shares.efficiency).toEqual([
      0.4,
    ]);
    expect(charts.adstock).toMatchObject({
      kind: "geometric",
      channels: ["tv_S", "newsletter"],
      theta: [0.3, 0.1],
      carryover: [0.4, 0.1],
    });
  });
});
