/**
 * Hyperparameters of one model and their names (Robyn `hyper_names`, `hyper_limits`; method notes §4.1).
 *
 * Names are `<media>_<thetas|alphas|gammas>` (geometric) or `<media>_<shapes|scales|alphas|gammas>`
 * (Weibull) for every medium in `all_media` (paid selected names and organic variables), plus `lambda` and
 * `train_size`, and with `add_penalty_factor` one `<regressor>_penalty` per model column (method notes §4.1).
 */
import { invalidInput } from "../../common/errors.ts";
import type { AdstockType } from "../model-input/model-settings.ts";

export interface MediaHyperparameters {
  alpha: number;
  gamma: number;
  /** Geometric decay rate. */
  theta: number;
  /** Weibull shape and scale (scale as a share of all data rows). */
  shape: number;
  scale: number;
}

export interface ModelHyperparameters {
  /** One entry per medium, in `ModelInput.media` order. */
  media: MediaHyperparameters[];
  /** The absolute ridge penalty. */
  lambda: number;
  /** Share of the window used for training (1 without time-series validation). */
  trainSize: number;
  /**
   * Robyn's penalty factors (`add_penalty_factor`), one per regressor in `ModelInput.regressors` order, each
   * in [0, 1]; absent, every column is penalised alike.
   */
  penalty?: Float64Array;
}

/** The hyperparameter name of a model column's penalty factor (Robyn: `<column>_penalty`). */
export function penaltyName(regressor: string): string {
  return `${regressor}_penalty`;
}

export type MediaHyperparameterName = "thetas" | "shapes" | "scales" | "alphas" | "gammas";

/** The media hyperparameters an adstock needs, in Robyn's sorted order of suffixes. */
export function mediaHyperparameterSuffixes(adstock: AdstockType): MediaHyperparameterName[] {
  return adstock === "geometric" ? ["alphas", "gammas", "thetas"] : ["alphas", "gammas", "scales", "shapes"];
}

/** Robyn's `hyper_names`: every media hyperparameter name, sorted. */
export function hyperparameterNames(adstock: AdstockType, mediaNames: readonly string[]): string[] {
  const suffixes = mediaHyperparameterSuffixes(adstock);
  return mediaNames.flatMap((media) => suffixes.map((suffix) => `${media}_${suffix}`)).sort(compareNames);
}

/** Sort order for names: R's default (locale) collation is close to this, and it is stable across machines. */
export function compareNames(a: string, b: string): number {
  return a.localeCompare(b, "en");
}

/** Robyn's `hyper_limits`: the range each hyperparameter may take. `[lo, hi]` with open/closed ends. */
export const HYPERPARAMETER_LIMITS: Record<
  MediaHyperparameterName | "train_size",
  { lo: number; hi: number; loOpen: boolean; hiOpen: boolean }
> = {
  thetas: { lo: 0, hi: 1, loOpen: false, hiOpen: true },
  alphas: { lo: 0, hi: 10, loOpen: true, hiOpen: true },
  gammas: { lo: 0, hi: 1, loOpen: true, hiOpen: false },
  shapes: { lo: 0, hi: 20, loOpen: false, hiOpen: true },
  scales: { lo: 0, hi: 1, loOpen: false, hiOpen: false },
  train_size: { lo: 0.1, hi: 1, loOpen: true, hiOpen: false },
};

/** Throws when `value` lies outside the hard limits of its hyperparameter kind. */
export function checkHyperparameterLimit(
  field: string,
  kind: keyof typeof HYPERPARAMETER_LIMITS,
  value: number,
): void {
  const limit = HYPERPARAMETER_LIMITS[kind];
  const below = limit.loOpen ? value <= limit.lo : value < limit.lo;
  const above = limit.hiOpen ? value >= limit.hi : value > limit.hi;
  if (below || above) {
    const range = `${limit.loOpen ? "(" : "["}${limit.lo}, ${limit.hi}${limit.hiOpen ? ")" : "]"}`;
    throw invalidInput(
      `hyperparameters.${field}`,
      `hyperparameters.${field} is ${value}, outside the allowed range ${range} for ${kind}.`,
    );
  }
}

export function kindOf(name: string): MediaHyperparameterName | undefined {
  const suffix = name.slice(name.lastIndexOf("_") + 1);
  return (["thetas", "shapes", "scales", "alphas", "gammas"] as const).find((kind) => kind === suffix);
}
