import { describe, expect, it } from "vitest";
import { errorScores } from "./pareto.ts";
import {
  calibratedChannels,
  recommendModel,
  RECOVERY_FACTOR,
  type RecommendationCandidate,
  type RecommendationOptions,
} from "./recommend.ts";

function candidate(
  solID: string,
  nrmse: number,
  rssd: number,
  mape: number,
  rois: number[],
): RecommendationCandidate {
  return {
    solID,
    nrmse_train: nrmse,
    nrmse_test: null,
    decomp_rssd: rssd,
    mape,
    paid: rois.map((roi, i) => ({
      channel: `ch${i}`,
      roi_total: roi,
      cpa_total: 1 / roi,
      effect_share: 1 / rois.length,
    })),
  };
}

const options = (calibrated: string[] = []): RecommendationOptions => ({
  depVarType: "revenue",
  tsValidation: false,
  calibratedChannels: new Set(calibrated),
  marginalRoi: () => new Map([["ch0", 0.7]]),
});

describe("recommendModel", () => {
  // A: best fit, poor decomposition distance; B: best lift agreement; C: balanced; D: poor everywhere.
  const models = [
    candidate("A", 0.05, 0.3, 0.3, [2, 1]),
    candidate("B", 0.07, 0.2, 0.02, [2.5, 1.2]),
    candidate("C", 0.06, 0.1, 0.1, [1.8, 1.1]),
    candidate("D", 0.1, 0.3, 0.3, [1, 1]),
  ];

  it("weighs lift agreement double and decomposition distance half, unlike Robyn's equal weights", () => {
    const robyn = errorScores({
      nrmse: Float64Array.from(models, (m) => m.nrmse_train),
      decompRssd: Float64Array.from(models, (m) => m.decomp_rssd),
      mape: Float64Array.from(models, (m) => m.mape),
    });
    const robynPick = models[robyn.indexOf(Math.min(...robyn))]!.solID;
    expect(robynPick).toBe("C");
    expect(recommendModel(models, options(["ch0"]))!.model_id).toBe("B");
  });

  it("reports each channel's ROI inside an interval at least the recovery band wide", () => {
    const rec = recommendModel(models, options(["ch0"]))!;
    const [identified, other] = rec.channels;
    expect(identified).toMatchObject({ channel: "ch0", roi: 2.5, identified: true, marginal_roi: 0.7 });
    expect(identified!.roi_low).toBeCloseTo(2.5 / RECOVERY_FACTOR.calibrated, 12);
    expect(identified!.roi_high).toBeCloseTo(2.5 * RECOVERY_FACTOR.calibrated, 12);
    expect(other).toMatchObject({ channel: "ch1", identified: false, marginal_roi: null });
    expect(other!.roi_low).toBeCloseTo(1.2 / RECOVERY_FACTOR.uncalibrated, 12);
    expect(other!.roi_high).toBeCloseTo(1.2 * RECOVERY_FACTOR.uncalibrated, 12);
    expect(rec.reason).toMatch(/Not identified \(no lift study\): ch1/);
    expect(rec.channels[0]).not.toHaveProperty("cpa");
  });

  it("widens the interval to the spread of the near-optimal models when they disagree more", () => {
    const spread = Array.from({ length: 30 }, (_, i) =>
      candidate(`M${i}`, 0.05 + i * 0.001, 0.1, 0.1, [i < 3 ? 1 + 9 * i : 2, 1]),
    );
    const rec = recommendModel(spread, options(["ch0", "ch1"]))!;
    expect(rec.model_id).toBe("M0");
    expect(rec.near_optimal_models).toBe(3);
    // The three best models' ROI on ch0 are 1, 10 and 19: the 90th percentile (17.2) is beyond 1·1.4.
    expect(rec.channels[0]!.roi_high).toBeCloseTo(17.2, 12);
    expect(rec.channels[0]!.roi_low).toBeCloseTo(1 / RECOVERY_FACTOR.calibrated, 12);
    expect(rec.reason).toMatch(/Every channel is measured by a lift study/);
  });

  it("reaches from zero to the largest Pareto ROI for a channel the recommended model dropped", () => {
    const dropped = [candidate("Z", 0.05, 0.1, 0.02, [0, 1]), ...models.slice(1)];
    const channel = recommendModel(dropped, options())!.channels[0]!;
    expect(channel).toMatchObject({ roi: 0, roi_low: 0, roi_high: 2.5 });
  });

  it("says that no channel is identified without lift studies", () => {
    const rec = recommendModel(models, options())!;
    expect(rec.channels.every((c) => !c.identified)).toBe(true);
    expect(rec.reason).toMatch(/No channel is measured by a lift study/);
  });

  it("adds CPA with its interval for conversion goals", () => {
    const rec = recommendModel(models, { ...options(["ch0"]), depVarType: "conversion" })!;
    const channel = rec.channels[0]!;
    expect(channel.cpa).toBeCloseTo(1 / 2.5, 12);
    expect(channel.cpa_low).toBeCloseTo(1 / 2.5 / RECOVERY_FACTOR.calibrated, 12);
    expect(channel.cpa_high).toBeCloseTo((1 / 2.5) * RECOVERY_FACTOR.calibrated, 12);
  });

  it("recommends nothing without Pareto models", () => {
    expect(recommendModel([], options())).toBeNull();
  });
});

describe("calibratedChannels", () => {
  it("maps studies naming a spend column or a combination to the paid media variables", () => {
    const settings = {
      paid_media_spends: ["tv_S", "fb_S", "search_S"],
      paid_media_vars: ["tv_S", "fb_I", "search_clicks"],
      calibration_input: [{ channel: "fb_S" }, { channel: "tv_S+search_clicks" }],
    };
    expect([...calibratedChannels(settings)].sort()).toEqual(["fb_I", "search_clicks", "tv_S"]);
  });
});
