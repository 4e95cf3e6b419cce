import { describe, expect, it } from "vitest";
import { future, model } from "../../tests/support/scenario-model.ts";
import type { BaselineProjection } from "./baseline-projection.ts";
import { forecastMedia, type MediaForecast, type MediumForecast } from "./media-forecast.ts";
import { rangeAcrossModels, rangeFromIntervals } from "./scenario-range.ts";

const baseline = (per_period: number[]): BaselineProjection => ({
  method: "test",
  assumptions: [],
  per_period,
  total: per_period.reduce((a, b) => a + b, 0),
  components: [],
});

describe("rangeAcrossModels", () => {
  it("gives the scenario model's answer and the lowest and highest of all, baseline included", () => {
    const plan = { dates: future, spend: { tv_S: [40, 0, 40] } };
    const models = [1000, 500, 3000].map((coef, i) => ({
      solID: `m${i}`,
      forecast: forecastMedia(model("geometric", coef), plan),
      // The weakest media model has the highest baseline: the total's low and high come from other models.
      baseline: baseline(
        [
          [100, 100, 100],
          [900, 900, 900],
          [0, 0, 0],
        ][i]!,
      ),
    }));
    const [first, weak, strong] = models.map((m) => m.forecast);
    const range = rangeAcrossModels(models);
    const tv = range.media.find((m) => m.medium === "tv_S")!.response;
    expect(tv).toEqual({
      value: first!.media[0]!.totalResponse,
      low: weak!.media[0]!.totalResponse,
      high: strong!.media[0]!.totalResponse,
    });
    const totals = models.map((m) => m.baseline.total + m.forecast.totalResponse);
    expect(range.total).toEqual({ value: totals[0], low: Math.min(...totals), high: Math.max(...totals) });
    expect(range.per_period[1]!.value).toBe(100 + first!.response[1]!);
  });
});

describe("rangeFromIntervals", () => {
  const medium = (name: string, paid: boolean, response: number[]): MediumForecast => ({
    medium: name,
    paid,
    input: [],
    response,
    fromHistory: [],
    fromPlan: [],
    totalInput: 0,
    totalResponse: response.reduce((a, b) => a + b, 0),
    totalFromHistory: 0,
    totalFromPlan: 0,
  });
  const forecast = {
    dates: ["2020-03-16", "2020-03-23"],
    media: [medium("tv_S", true, [10, 20]), medium("newsletter", false, [5, -1])],
    response: [15, 19],
    totalResponse: 34,
  } as MediaForecast;

  it("scales each paid channel's response by roi_low/roi and roi_high/roi (hand-checked)", () => {
    const range = rangeFromIntervals(
      { solID: "m", forecast, baseline: baseline([100, 200]) },
      new Map([["tv_S", { roi: 2, roi_low: 1, roi_high: 3 }]]),
    );
    expect(range.media).toEqual([
      { medium: "tv_S", response: { value: 30, low: 15, high: 45 } },
      { medium: "newsletter", response: { value: 4, low: 4, high: 4 } },
    ]);
    expect(range.mediaTotal).toEqual({ value: 34, low: 19, high: 49 });
    // 100 + 10·{0.5, 1, 1.5} + 5 and 200 + 20·{0.5, 1, 1.5} − 1.
    expect(range.per_period).toEqual([
      { value: 115, low: 110, high: 120 },
      { value: 219, low: 209, high: 229 },
    ]);
    expect(range.total).toEqual({ value: 334, low: 319, high: 349 });
  });

  it("leaves a channel without a usable interval at its value", () => {
    const range = rangeFromIntervals(
      { solID: "m", forecast, baseline: baseline([0, 0]) },
      new Map([["tv_S", { roi: 0, roi_low: 0, roi_high: 2.5 }]]),
    );
    expect(range.total).toEqual({ value: 34, low: 34, high: 34 });
  });
});
