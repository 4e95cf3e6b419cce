import { describe, expect, it } from "vitest";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { future, model, tv } from "../../tests/support/scenario-model.ts";
import { weibullCdfWeights } from "../transform/adstock.ts";
import { forecastMedia } from "./media-forecast.ts";

describe("forecastMedia", () => {
  it("splits the plan's response into what history carries over and what the plan adds", () => {
    const forecast = forecastMedia(model("geometric"), { dates: future, spend: { tv_S: [40, 0, 40] } });
    const tvForecast = forecast.media.find((m) => m.medium === "tv_S")!;
    for (let t = 0; t < future.length; t++) {
      expect(tvForecast.response[t]).toBeCloseTo(tvForecast.fromHistory[t]! + tvForecast.fromPlan[t]!, 9);
    }
    // Geometric carryover of the history fades: 50 at the last data period, then θ = 0.5 per period.
    expect(tvForecast.fromHistory[0]!).toBeGreaterThan(tvForecast.fromHistory[1]!);
    expect(tvForecast.fromHistory[1]!).toBeGreaterThan(tvForecast.fromHistory[2]!);
    // The second period spends nothing but still gains from the first period's spend.
    expect(tvForecast.fromPlan[1]!).toBeGreaterThan(0);
    expect(tvForecast.totalInput).toBe(80);
    expect(forecast.totalPaidSpend).toBe(80);
    expect(forecast.totalResponse).toBeCloseTo(
      forecast.media.reduce((s, m) => s + m.totalResponse, 0),
      9,
    );
    // The organic variable was left out: held at its recent level, and the note says so.
    const organic = forecast.media.find((m) => m.medium === "newsletter")!;
    expect(organic.input).toEqual([8.5, 8.5, 8.5]);
    expect(forecast.notes).toEqual([
      "newsletter (organic) is held at its mean of the last 4 data periods, 8.5.",
    ]);
  });

  it("adds nothing for a plan of zeros", () => {
    const forecast = forecastMedia(model("geometric"), {
      dates: future,
      spend: { tv_S: [0, 0, 0], newsletter: [0, 0, 0] },
    });
    for (const medium of forecast.media) {
      expect(medium.fromPlan).toEqual([0, 0, 0]);
      expect(medium.response).toEqual(medium.fromHistory);
    }
  });

  it("keeps the fitted Weibull decay (weights of the data's length), however long the plan", () => {
    const forecast = forecastMedia(model("weibull_cdf"), { dates: future, spend: { tv_S: [0, 0, 0] } });
    const weights = new Float64Array(tv.length);
    weibullCdfWeights(1.5, 0.3, tv.length, weights);
    const inflexionOf = () => {
      // γ* = γ · max of the adstocked series over the window rows 1..7.
      const adstocked = Array.from(tv, (_, t) =>
        tv.slice(0, t + 1).reduce((s, x, u) => s + x * weights[t - u]!, 0),
      );
      return 0.5 * Math.max(...adstocked.slice(1, 8));
    };
    const inflexion = inflexionOf();
    const n = tv.length;
    const expected = future.map((_, k) => {
      const t = n + k;
      let carried = 0;
      for (let u = 0; u < n; u++) if (t - u < n) carried += tv[u]! * weights[t - u]!;
      return carried > 0 ? 1000 / (1 + (inflexion / carried) ** 2) : 0;
    });
    const actual = forecast.media.find((m) => m.medium === "tv_S")!.fromHistory;
    expected.forEach((value, k) => expect(actual[k]).toBeCloseTo(value, 9));
  });

  it("refuses a plan that is not about future periods of this model's media, naming the field", () => {
    const m = model("geometric");
    const cases: [() => unknown, string, RegExp][] = [
      [
        () => forecastMedia(m, { dates: ["2020-03-09"], spend: {} }),
        "dates",
        /not after the data's last period/,
      ],
      [() => forecastMedia(m, { dates: ["2020-03-23", "2020-03-16"], spend: {} }), "dates", /must ascend/],
      [() => forecastMedia(m, { dates: ["next week"], spend: {} }), "dates", /not a date/],
      [() => forecastMedia(m, { dates: [], spend: {} }), "dates", /no periods/],
      [
        () => forecastMedia(m, { dates: future, spend: { radio_S: [1, 2, 3] } }),
        "spend.radio_S",
        /not a medium/,
      ],
      [
        () => forecastMedia(m, { dates: future, spend: { tv_S: [1, 2] } }),
        "spend.tv_S",
        /2 values .* 3 periods/,
      ],
      [() => forecastMedia(m, { dates: future, spend: { tv_S: [1, -2, 3] } }), "spend.tv_S", /0 or more/],
    ];
    for (const [run, field, message] of cases)
      expect(expectInvalidInput(run, field).message).toMatch(message);
  });
});
