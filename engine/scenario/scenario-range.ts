/**
 * How sure a forward scenario's answer is (issue "Decisions", item 3: "a range across the plausible models"),
 * in one of two ways, and the answer says which:
 *
 * - `model_set`: the same plan on several plausible models (the near-optimal set, or models the caller names),
 *   each with its own baseline; per medium and in total the lowest and highest answer of the models. It says
 *   how much the answer depends on which of them is right; it is not a statistical interval, and models that
 *   share a bias agree on it.
 * - `channel_intervals`: one model and, per paid channel, an interval of its ROI (the recommended model's 80 %
 *   intervals, docs/recommendation.md). A channel's response is read as proportional to its ROI, so its
 *   interval is response · roi_low / roi to response · roi_high / roi; the total puts every channel at its low
 *   (high) end at once, which is wider than a joint interval. The baseline and media without an interval
 *   (organic) count at their value.
 */
import { maxOf, minOf } from "../stats/extent.ts";
import type { BaselineProjection } from "./baseline-projection.ts";
import type { MediaForecast } from "./media-forecast.ts";

export interface Spread {
  /** The scenario's model's answer. */
  value: number;
  low: number;
  high: number;
}

export interface ScenarioRange {
  /** Per medium, its response over the plan. */
  media: { medium: string; response: Spread }[];
  /** Media response over the plan. */
  mediaTotal: Spread;
  /** Predicted total (baseline + media), per period and over the plan. */
  per_period: Spread[];
  total: Spread;
}

/** One model's answer: its media forecast and baseline for the plan. */
export interface ModelScenario {
  solID: string;
  forecast: MediaForecast;
  baseline: BaselineProjection;
}

/** The lowest and highest answer of the models; `models[0]` gives the value. */
export function rangeAcrossModels(models: readonly ModelScenario[]): ScenarioRange {
  const [first] = models;
  if (first === undefined) throw new Error("rangeAcrossModels needs at least one model");
  const spread = (pick: (m: ModelScenario) => number): Spread => {
    const values = models.map(pick);
    return { value: values[0]!, low: minOf(Infinity, values), high: maxOf(-Infinity, values) };
  };
  return {
    media: first.forecast.media.map((medium, i) => ({
      medium: medium.medium,
      response: spread((m) => m.forecast.media[i]!.totalResponse),
    })),
    mediaTotal: spread((m) => m.forecast.totalResponse),
    per_period: first.forecast.dates.map((_, t) =>
      spread((m) => m.baseline.per_period[t]! + m.forecast.response[t]!),
    ),
    total: spread((m) => m.baseline.total + m.forecast.totalResponse),
  };
}

/** ROI interval of a paid medium, by its modelled name; absent or null: no interval. */
export interface ChannelInterval {
  roi: number | null;
  roi_low: number | null;
  roi_high: number | null;
}

/** One model's answer with each paid channel's response scaled by its ROI interval. */
export function rangeFromIntervals(
  scenario: ModelScenario,
  intervals: ReadonlyMap<string, ChannelInterval>,
): ScenarioRange {
  const { forecast, baseline } = scenario;
  // Per medium, the factors its response is multiplied by at the low and the high end.
  const factors = forecast.media.map((medium) => {
    const interval = medium.paid ? intervals.get(medium.medium) : undefined;
    const { roi, roi_low: low, roi_high: high } = interval ?? { roi: null, roi_low: null, roi_high: null };
    if (roi === null || low === null || high === null || roi <= 0) return { low: 1, high: 1 };
    return { low: low / roi, high: high / roi };
  });
  const scaled = (values: (m: number) => number): Spread => {
    let value = 0;
    let low = 0;
    let high = 0;
    forecast.media.forEach((_, m) => {
      const v = values(m);
      value += v;
      // A negative response (a negative organic coefficient) scales the other way round.
      low += Math.min(v * factors[m]!.low, v * factors[m]!.high);
      high += Math.max(v * factors[m]!.low, v * factors[m]!.high);
    });
    return { value, low, high };
  };
  const shift = (spread: Spread, by: number): Spread => ({
    value: spread.value + by,
    low: spread.low + by,
    high: spread.high + by,
  });
  return {
    media: forecast.media.map((medium, m) => ({
      medium: medium.medium,
      response: scaled((i) => (i === m ? medium.totalResponse : 0)),
    })),
    mediaTotal: scaled((m) => forecast.media[m]!.totalResponse),
    per_period: forecast.dates.map((_, t) =>
      shift(
        scaled((m) => forecast.media[m]!.response[t]!),
        baseline.per_period[t]!,
      ),
    ),
    total: shift(
      scaled((m) => forecast.media[m]!.totalResponse),
      baseline.total,
    ),
  };
}
