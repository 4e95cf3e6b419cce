import { describe, expect, it } from "vitest";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import type { MediaChannel } from "../model-input/model-input.ts";
import type { ResponseModel } from "../response/robyn-response.ts";
import { weibullCdfWeights } from "../transform/adstock.ts";
import { forecastMedia } from "./media-forecast.ts";

const dates = Array.from({ length: 10 }, (_, i) =>
  new Date(Date.UTC(2020, 0, 6 + 7 * i)).toISOString().slice(0, 10),
);
const future = ["2020-03-16", "2020-03-23", "2020-03-30"];
const channel = (name: string, paid: boolean, regressorIndex: number): MediaChannel => ({
  name,
  paid,
  spendName: paid ? name : null,
  exposureName: null,
  regressorIndex,
  spend: null,
  cpeWindow: 1,
  totalSpend: 0,
  meanSpend: 0,
  spendShare: 0,
  meanExposure: 0,
});
const tv = Float64Array.from([10, 0, 30, 40, 0, 60, 70, 80, 20, 50]);
const news = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

function model(adstock: "geometric" | "weibull_cdf"): ResponseModel {
  return {
    input: {
      dates,
      window: { start: 1, end: 7, length: 7, startDate: dates[1]!, endDate: dates[7]! },
      adstock,
      media: [channel("tv_S", true, 0), channel("newsletter", false, 1)],
      regressors: [
        { name: "tv_S", kind: "paid", values: tv, sign: "positive", mediaIndex: 0 },
        { name: "newsletter", kind: "organic", values: news, sign: "positive", mediaIndex: 1 },
      ],
    },
    hyperparameters: {
      tv_S_thetas: 0.5,
      tv_S_shapes: 1.5,
      tv_S_scales: 0.3,
      tv_S_alphas: 2,
      tv_S_gammas: 0.5,
      newsletter_thetas: 0.2,
      newsletter_shapes: 1,
      newsletter_scales: 0.2,
      newsletter_alphas: 1,
      newsletter_gammas: 0.6,
    },
    coefficients: { tv_S: 1000, newsletter: 50 },
  };
}

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
