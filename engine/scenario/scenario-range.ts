/**
 * One spend plan on several plausible models (issue "Decisions", item 3: "a range across the plausible models"):
 * each model's media forecast, and per period and in total the lowest, median and highest response and response
 * added by the plan. The models are the caller's choice (a cluster's models, the trust interval's models); the
 * range says how much the answer depends on which of them is right, not a statistical interval.
 */
import type { ResponseModel } from "../response/robyn-response.ts";
import { forecastMedia, type ForecastOptions, type MediaForecast, type SpendPlan } from "./media-forecast.ts";

export interface Spread {
  low: number;
  median: number;
  high: number;
}

export interface ScenarioRange {
  dates: string[];
  models: { solID: string; forecast: MediaForecast }[];
  /** Per period, across the models. */
  response: Spread[];
  fromPlan: Spread[];
  totalResponse: Spread;
  totalFromPlan: Spread;
}

export function forecastRange(
  models: readonly { solID: string; model: ResponseModel }[],
  plan: SpendPlan,
  options: ForecastOptions = {},
): ScenarioRange {
  const forecasts = models.map(({ solID, model }) => ({
    solID,
    forecast: forecastMedia(model, plan, options),
  }));
  const perPeriod = (pick: (f: MediaForecast) => number[]) =>
    plan.dates.map((_, t) => spread(forecasts.map(({ forecast }) => pick(forecast)[t]!)));
  return {
    dates: [...plan.dates],
    models: forecasts,
    response: perPeriod((f) => f.response),
    fromPlan: perPeriod((f) => f.fromPlan),
    totalResponse: spread(forecasts.map(({ forecast }) => forecast.totalResponse)),
    totalFromPlan: spread(
      forecasts.map(({ forecast }) => forecast.totalResponse - sum(forecast.fromHistory)),
    ),
  };
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { low: sorted[0]!, median, high: sorted[sorted.length - 1]! };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
