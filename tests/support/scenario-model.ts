/**
 * Test support: a small two-medium model (a paid channel and an organic variable, ten weekly periods) for the
 * forward-scenario kernels, in either adstock, and three future dates after its data.
 */
import type { MediaChannel } from "../../engine/model-input/regressor.ts";
import type { ResponseModel } from "../../engine/response/robyn-response.ts";

export const dates = Array.from({ length: 10 }, (_, i) =>
  new Date(Date.UTC(2020, 0, 6 + 7 * i)).toISOString().slice(0, 10),
);
export const future = ["2020-03-16", "2020-03-23", "2020-03-30"];
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
export const tv = Float64Array.from([10, 0, 30, 40, 0, 60, 70, 80, 20, 50]);
export const news = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

export function model(
  adstock: "geometric" | "weibull_cdf",
  tvCoef = 1000,
): ResponseModel & {
  input: { interval: { type: "week"; days: number } };
} {
  return {
    input: {
      dates,
      interval: { type: "week", days: 7 },
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
    coefficients: { tv_S: tvCoef, newsletter: 50 },
  };
}
