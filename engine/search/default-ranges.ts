/**
 * Hyperparameter ranges that fill whatever the spec does not give (method notes §6.1).
 *
 * - `robyn_recommended`: Robyn's documented rules of thumb for weekly data — geometric θ by channel type
 *   (TV [0.3, 0.8]; OOH, print, radio [0.1, 0.4]; digital and others [0, 0.3]), α [0.5, 3], γ [0.3, 1];
 *   Weibull shapes [0.0001, 2] (CDF) or [0.0001, 10] (PDF), scales [0, 0.1].
 * - `robyn_defaults`: Robyn's `set_default_hyppar()`: θ [0, 0.8], α [0.5, 3], γ [0.01, 1], shapes [0, 10],
 *   scales [0, 0.1].
 * Daily data carries effects over more periods: θ_daily = θ_weekly^(1/7) (Robyn's demo note), applied to
 * the recommended θ ranges; monthly data: θ_monthly = θ_weekly^(30.4/7).
 */
import type { AdstockType } from "../model-input/model-settings.ts";
import type { IntervalType } from "../data/interval.ts";
import type { MediaHyperparameterName } from "../model/hyperparameters.ts";

export type HyperparameterPreset = "robyn_recommended" | "robyn_defaults";
type Range = readonly [number, number];

const CHANNEL_THETAS: [RegExp, Range][] = [
  [/(^|[^a-z])(tv|television|ctv|linear)([^a-z]|$)/i, [0.3, 0.8]],
  [/(ooh|outdoor|print|radio|newspaper|magazine|billboard|dooh|podcast|audio)/i, [0.1, 0.4]],
];
const DIGITAL_THETAS: Range = [0, 0.3];

/** The theta range Robyn recommends for a channel, from its name, for weekly data. */
export function recommendedThetas(channel: string): Range {
  return CHANNEL_THETAS.find(([pattern]) => pattern.test(channel))?.[1] ?? DIGITAL_THETAS;
}

function rescaleTheta([lo, hi]: Range, interval: IntervalType): Range {
  const power = interval === "day" ? 1 / 7 : interval === "month" ? 30.4 / 7 : 1;
  return [lo ** power, Math.min(hi ** power, 0.99)];
}

export function defaultRange(
  preset: HyperparameterPreset,
  channel: string,
  kind: MediaHyperparameterName,
  adstock: AdstockType,
  interval: IntervalType,
): Range {
  if (preset === "robyn_defaults") {
    const defaults: Record<MediaHyperparameterName, Range> = {
      thetas: [0, 0.8],
      alphas: [0.5, 3],
      gammas: [0.01, 1],
      shapes: [0, 10],
      scales: [0, 0.1],
    };
    return defaults[kind];
  }
  switch (kind) {
    case "thetas":
      return rescaleTheta(recommendedThetas(channel), interval);
    case "alphas":
      return [0.5, 3];
    case "gammas":
      return [0.3, 1];
    case "shapes":
      return adstock === "weibull_pdf" ? [0.0001, 10] : [0.0001, 2];
    case "scales":
      return [0, 0.1];
  }
}

/** Robyn's default train_size range with time-series validation. */
export const DEFAULT_TRAIN_SIZE: Range = [0.5, 0.8];
