import { describe, expect, it } from "vitest";
import { future, model } from "../../tests/support/scenario-model.ts";
import { forecastMedia } from "./media-forecast.ts";
import { forecastRange } from "./scenario-range.ts";

describe("forecastRange", () => {
  it("gives the lowest, median and highest answer of the models, per period and in total", () => {
    const plan = { dates: future, spend: { tv_S: [40, 0, 40] } };
    const models = [500, 1000, 3000].map((coef, i) => ({ solID: `m${i}`, model: model("geometric", coef) }));
    const range = forecastRange(models, plan);
    const each = models.map(({ model: m }) => forecastMedia(m, plan));
    expect(range.models.map((m) => m.solID)).toEqual(["m0", "m1", "m2"]);
    expect(range.totalResponse).toEqual({
      low: each[0]!.totalResponse,
      median: each[1]!.totalResponse,
      high: each[2]!.totalResponse,
    });
    future.forEach((_, t) => {
      expect(range.fromPlan[t]).toEqual({
        low: each[0]!.fromPlan[t],
        median: each[1]!.fromPlan[t],
        high: each[2]!.fromPlan[t],
      });
    });
    const planned = each.map((f) => f.fromPlan.reduce((a, b) => a + b, 0));
    expect(range.totalFromPlan.median).toBeCloseTo(planned[1]!, 9);
  });

  it("takes the mean of the middle two for an even number of models", () => {
    const plan = { dates: future, spend: { tv_S: [40, 40, 40] } };
    const range = forecastRange(
      [1000, 2000].map((coef) => ({ solID: String(coef), model: model("geometric", coef) })),
      plan,
    );
    expect(range.totalResponse.median).toBeCloseTo(
      (range.totalResponse.low + range.totalResponse.high) / 2,
      9,
    );
  });
});
