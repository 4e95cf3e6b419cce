/**
 * The full record of one model, with Robyn's names (`resultHypParam`, `xDecompAgg`, `xDecompVecCollect`,
 * `mediaVecCollect`; method notes §3.8–3.11 and §5.3). Built from an evaluator's workspace right after it
 * evaluated the model, so nothing is computed twice. Only models that are shown or saved get a record;
 * the search keeps the compact `ModelFit`.
 */
import type { ModelInput } from "../model-input/model-input.ts";
import { hillSaturate } from "../transform/saturation.ts";
import { hyperparameterNames, penaltyName } from "./hyperparameters.ts";
import type { ModelHyperparameters } from "./hyperparameters.ts";
import type { ModelEvaluator } from "./evaluator.ts";
import type { ModelFit } from "./model-fit.ts";
import { finiteOrNull } from "../../common/finite.ts";

/** One row of Robyn's `xDecompAgg` for one variable. Spend fields are null for non-paid variables. */
export interface VariableRecord {
  rn: string;
  coef: number;
  xDecompAgg: number;
  xDecompPerc: number;
  xDecompMeanNon0: number;
  xDecompMeanNon0Perc: number;
  pos: boolean;
  spend_share: number | null;
  mean_spend: number | null;
  total_spend: number | null;
  mean_exposure: number | null;
  effect_share: number | null;
  mean_response: number | null;
  mean_spend_adstocked: number | null;
  mean_carryover: number | null;
  roi_mean: number | null;
  roi_total: number | null;
  cpa_mean: number | null;
  cpa_total: number | null;
  carryover_pct: number | null;
}

export interface ModelRecord {
  solID: string;
  hyperparameters: Record<string, number>;
  lambda: number;
  train_size: number;
  intercept_dropped: boolean;
  coefficients: Record<string, number>;
  rsq_train: number;
  rsq_val: number | null;
  rsq_test: number | null;
  nrmse_train: number;
  nrmse_val: number | null;
  nrmse_test: number | null;
  nrmse: number;
  "decomp.rssd": number;
  mape: number;
  pos: boolean;
  inflexion: Record<string, number>;
  inflation: Record<string, number>;
  variables: VariableRecord[];
  /** Window series (Robyn's `xDecompVecCollect`): dates, actual, fitted, intercept and every regressor's contribution. */
  series: {
    ds: string[];
    dep_var: number[];
    depVarHat: number[];
    intercept: number[];
    contributions: Record<string, number[]>;
  };
  /** Per medium over the window (Robyn's `mediaVecCollect`): adstocked input, and the response split into immediate and carryover. */
  media: Record<
    string,
    { adstocked: number[]; carryover: number[]; response: number[]; responseCarryover: number[] }
  >;
}

/**
 * A record without its window series: what is kept for every selected model of a search (the series of a
 * long daily window with many channels take megabytes per model; they are rebuilt model by model, by
 * re-evaluating its hyperparameters, when the matrices are written or a one-pager is drawn).
 */
export type ModelAggregates = Omit<ModelRecord, "series" | "media">;

/** The record without its series. */
export function aggregatesOf(record: ModelRecord): ModelAggregates {
  const { series: _series, media: _media, ...aggregates } = record;
  return aggregates;
}

/**
 * A model's hyperparameters by Robyn's names: the media ones in Robyn's sorted order, then `lambda`,
 * `train_size` and, with penalty factors, `<column>_penalty`.
 */
export function namedHyperparameters(
  input: ModelInput,
  hyperparameters: ModelHyperparameters,
): Record<string, number> {
  const { media, regressors } = input;
  const byName: Record<string, number> = {};
  media.forEach((channel, m) => {
    const h = hyperparameters.media[m]!;
    const values: Record<string, number> = {
      alphas: h.alpha,
      gammas: h.gamma,
      thetas: h.theta,
      shapes: h.shape,
      scales: h.scale,
    };
    for (const [suffix, value] of Object.entries(values)) byName[`${channel.name}_${suffix}`] = value;
  });
  const ordered: Record<string, number> = {};
  for (const name of hyperparameterNames(
    input.adstock,
    media.map((m) => m.name),
  ))
    ordered[name] = byName[name]!;
  ordered.lambda = hyperparameters.lambda;
  ordered.train_size = hyperparameters.trainSize;
  const penalty = hyperparameters.penalty;
  if (penalty) regressors.forEach((r, j) => (ordered[penaltyName(r.name)] = penalty[j]!));
  return ordered;
}

/** Builds the record of the model the evaluator evaluated last (`fit` must be that evaluation's result). */
export function buildModelRecord(
  evaluator: ModelEvaluator,
  hyperparameters: ModelHyperparameters,
  fit: ModelFit,
  solID: string,
): ModelRecord {
  const { input, design, fitted, y } = evaluator;
  const { window, regressors, media } = input;
  const w = window.length;
  const windowDates = input.dates.slice(window.start, window.end + 1);

  const contributions: Record<string, number[]> = {};
  regressors.forEach((regressor, j) => {
    const b = fit.coefficients[j]!;
    contributions[regressor.name] = scaledCopy(design.subarray(j * w, (j + 1) * w), b);
  });

  const mediaSeries: ModelRecord["media"] = {};
  const carryoverShare = new Map<number, number>();
  media.forEach((channel, m) => {
    const adstocked = evaluator.adstocked[m]!.subarray(window.start, window.end + 1);
    const immediate = immediateInput(input, evaluator, m);
    const carryover = new Float64Array(w);
    for (let t = 0; t < w; t++) carryover[t] = adstocked[t]! - immediate[t]!;
    const b = fit.coefficients[channel.regressorIndex]!;
    const saturatedCarryover = new Float64Array(w);
    hillSaturate(carryover, hyperparameters.media[m]!.alpha, fit.inflexion[m]!, saturatedCarryover);
    const response = contributions[channel.name]!;
    const responseCarryover = scaledCopy(saturatedCarryover, b);
    const totalResponse = sum(response);
    carryoverShare.set(m, totalResponse === 0 ? Number.NaN : sum(responseCarryover) / totalResponse);
    mediaSeries[channel.name] = {
      adstocked: plainCopy(adstocked),
      carryover: plainCopy(carryover),
      response,
      responseCarryover,
    };
  });

  const meanNon0 = regressors.map((regressor) => meanOfNonZero(contributions[regressor.name]!));
  const interceptMeanNon0 = fit.intercept > 0 ? fit.intercept : 0;
  const meanNon0Total = meanNon0.reduce((a, b) => a + b, interceptMeanNon0);

  const variables: VariableRecord[] = [
    {
      ...emptyMediaFields(),
      rn: "(Intercept)",
      coef: fit.intercept,
      xDecompAgg: fit.interceptAgg,
      xDecompPerc: fit.interceptAgg / fit.fittedSum,
      xDecompMeanNon0: interceptMeanNon0,
      xDecompMeanNon0Perc: interceptMeanNon0 / meanNon0Total,
      pos: fit.interceptAgg >= 0,
    },
    ...regressors.map((regressor, j): VariableRecord => {
      const agg = fit.xDecompAgg[j]!;
      const base: VariableRecord = {
        ...emptyMediaFields(),
        rn: regressor.name,
        coef: fit.coefficients[j]!,
        xDecompAgg: agg,
        xDecompPerc: agg / fit.fittedSum,
        xDecompMeanNon0: meanNon0[j]!,
        xDecompMeanNon0Perc: meanNon0[j]! / meanNon0Total,
        pos: agg >= 0,
      };
      const m = regressor.mediaIndex;
      if (m < 0) return base;
      const channel = media[m]!;
      const series = mediaSeries[channel.name]!;
      const meanResponse = agg / w;
      const meanAdstocked = mean(series.adstocked);
      const withMedia: VariableRecord = {
        ...base,
        mean_exposure: channel.paid && channel.exposureName === null ? null : channel.meanExposure,
        mean_response: meanResponse,
        mean_spend_adstocked: meanAdstocked,
        mean_carryover: mean(series.carryover),
        carryover_pct: finiteOrNull(carryoverShare.get(m)!),
      };
      if (!channel.paid) return withMedia;
      return {
        ...withMedia,
        spend_share: channel.spendShare,
        mean_spend: channel.meanSpend,
        total_spend: channel.totalSpend,
        effect_share: fit.effectShare[m]!,
        roi_mean: meanResponse / channel.meanSpend,
        roi_total: agg / channel.totalSpend,
        cpa_mean: channel.meanSpend / meanResponse,
        cpa_total: channel.totalSpend / agg,
      };
    }),
  ];

  return {
    solID,
    hyperparameters: namedHyperparameters(input, hyperparameters),
    lambda: fit.lambda,
    train_size: hyperparameters.trainSize,
    intercept_dropped: fit.interceptDropped,
    coefficients: Object.fromEntries([
      ["(Intercept)", fit.intercept],
      ...regressors.map((r, j) => [r.name, fit.coefficients[j]!] as const),
    ]),
    rsq_train: fit.rsqTrain,
    rsq_val: finiteOrNull(fit.rsqVal),
    rsq_test: finiteOrNull(fit.rsqTest),
    nrmse_train: fit.nrmseTrain,
    nrmse_val: finiteOrNull(fit.nrmseVal),
    nrmse_test: finiteOrNull(fit.nrmseTest),
    nrmse: fit.nrmse,
    "decomp.rssd": fit.decompRssd,
    mape: fit.mape,
    pos: fit.pos,
    inflexion: Object.fromEntries(media.map((c, m) => [c.name, fit.inflexion[m]!])),
    inflation: Object.fromEntries(media.map((c, m) => [c.name, fit.inflation[m]!])),
    variables,
    series: {
      ds: windowDates,
      dep_var: plainCopy(y),
      depVarHat: plainCopy(fitted),
      intercept: new Array<number>(w).fill(fit.intercept),
      contributions,
    },
    media: mediaSeries,
  };
}

/**
 * The immediate part of the window's adstocked input: the raw model column for geometric and Weibull CDF
 * adstock; the diagonal term x·d₁ for Weibull PDF (Robyn `run_transformations`).
 */
function immediateInput(input: ModelInput, evaluator: ModelEvaluator, m: number): Float64Array {
  const { window } = input;
  const x = input.regressors[input.media[m]!.regressorIndex]!.values.subarray(window.start, window.end + 1);
  if (input.adstock !== "weibull_pdf") return x;
  const weights = evaluator.decayWeights[m]!;
  const allZero = weights.every((d) => d === 0);
  return allZero ? x : x.map((v) => v * weights[0]!);
}

/** Robyn's `xDecompMeanNon0`: the mean of the non-zero values, 0 when there is no positive value (quirk 3). */
function meanOfNonZero(values: readonly number[]): number {
  let positive = 0;
  let total = 0;
  let count = 0;
  for (const v of values) {
    if (v > 0) positive++;
    if (v !== 0) {
      total += v;
      count++;
    }
  }
  return positive === 0 ? 0 : total / count;
}

function emptyMediaFields() {
  return {
    spend_share: null,
    mean_spend: null,
    total_spend: null,
    mean_exposure: null,
    effect_share: null,
    mean_response: null,
    mean_spend_adstocked: null,
    mean_carryover: null,
    roi_mean: null,
    roi_total: null,
    cpa_mean: null,
    cpa_total: null,
    carryover_pct: null,
  };
}

/** `b · v` for every value, as a plain array (a loop: `Array.from` with a mapper is many times slower). */
function scaledCopy(values: Float64Array, b: number): number[] {
  const out = new Array<number>(values.length);
  for (let t = 0; t < values.length; t++) out[t] = b * values[t]!;
  return out;
}

/** The values as a plain array (a loop: `Array.from` of a typed array goes through its iterator). */
function plainCopy(values: Float64Array): number[] {
  const out = new Array<number>(values.length);
  for (let t = 0; t < values.length; t++) out[t] = values[t]!;
  return out;
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

function mean(values: ArrayLike<number>): number {
  return sum(values) / values.length;
}
