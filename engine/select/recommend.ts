/**
 * The recommended model among the Pareto models, with an ROI interval per paid channel whose coverage of
 * the truth is measured by the recovery benchmark (`npm run bench -- recovery`, docs/recommendation.md).
 *
 * Rule: the lowest weighted error score (Robyn's `errors_scores` formula, min-max normalised objectives)
 * with weights NRMSE 1, DECOMP.RSSD 0.5, MAPE.LIFT 2. Robyn weighs the three equally; on simulated data
 * DECOMP.RSSD pulls every channel's ROI toward the same value (effect share toward spend share), so it gets
 * half the weight, and lift studies measure the quantity of interest directly, so they get double.
 *
 * Interval per channel: the wider of (a) the 10th–90th percentile of the channel's ROI over the near-optimal
 * set (the best 10 % of Pareto models by the same score, at least 3) and (b) the recovery error band measured
 * on simulated data: ROI/1.4 to ROI·1.4 for a channel measured by a lift study, ROI/3 to ROI·3 otherwise.
 * The spread alone covered the truth for only 15–50 % of channels: the near-optimal models share their
 * biases, so their disagreement is not the uncertainty. A channel without a lift study is reported as not
 * identified: without an experiment the data could not pin its ROI down to better than a factor of three.
 */
import type { ModelAggregates } from "../model/model-record.ts";
import type { ModelSettings } from "../model-input/model-settings.ts";
import { errorScores } from "./pareto.ts";
import { finiteOrNull } from "../../common/finite.ts";

/** Weights of NRMSE, DECOMP.RSSD and MAPE.LIFT in the recommendation score. */
export const RECOMMENDATION_WEIGHTS = [1, 0.5, 2] as const;
/** Share of the Pareto models (best by the score) whose ROI spread enters the interval. */
export const NEAR_OPTIMAL_SHARE = 0.1;
/** Relative half-width of the recovery band, as a factor: calibrated channels and the others. */
export const RECOVERY_FACTOR = { calibrated: 1.4, uncalibrated: 3 } as const;

/**
 * A Pareto model as the rule reads it: what both engines write (`pareto_hyperparameters.csv` for the
 * objectives, `pareto_aggregated.csv` for the paid channels), so the app can derive the recommendation
 * for a Robyn (R) run from its files.
 */
export interface RecommendationCandidate {
  solID: string;
  nrmse_train: number;
  nrmse_test: number | null;
  decomp_rssd: number;
  mape: number;
  paid: readonly CandidateChannel[];
}

export interface CandidateChannel {
  channel: string;
  roi_total: number | null;
  cpa_total: number | null;
  effect_share: number | null;
}

export interface RecommendedChannel {
  /** The paid media variable, as in `pareto_aggregated.csv`. */
  channel: string;
  roi: number | null;
  roi_low: number | null;
  roi_high: number | null;
  effect_share: number | null;
  /** dR/dx at mean spend (the summary's `mroi`). */
  marginal_roi: number | null;
  /** True when a lift study measured the channel: only then is its ROI pinned down by evidence. */
  identified: boolean;
  cpa?: number | null;
  cpa_low?: number | null;
  cpa_high?: number | null;
}

export interface Recommendation {
  model_id: string;
  reason: string;
  /** Pareto models whose ROI spread entered the intervals. */
  near_optimal_models: number;
  channels: RecommendedChannel[];
}

export interface RecommendationOptions {
  depVarType: "revenue" | "conversion";
  /** Use the holdout NRMSE (Robyn does so with `ts_validation`). */
  tsValidation: boolean;
  /** Paid media variables measured by at least one lift study. */
  calibratedChannels: ReadonlySet<string>;
  /** dR/dx at mean spend per channel of the recommended model, where known. */
  marginalRoi: (solID: string) => ReadonlyMap<string, number>;
}

export function recommendModel(
  models: readonly RecommendationCandidate[],
  options: RecommendationOptions,
): Recommendation | null {
  if (models.length === 0) return null;
  const ranking = rankModels(models, options.tsValidation);
  const best = ranking.order[0]!;
  const channels = channelsWithIntervals(best, models, ranking.near, options);
  return {
    model_id: best.solID,
    reason: reasonFor(channels, options.calibratedChannels.size > 0, models.length),
    near_optimal_models: ranking.near.length,
    channels,
  };
}

/**
 * Any Pareto model's channels with intervals by the same rule as the recommended model's (the run's
 * near-optimal spread, widened to the recovery band): what a refresh compares its new figures against.
 */
export function modelChannelIntervals(
  solID: string,
  models: readonly RecommendationCandidate[],
  options: RecommendationOptions,
): RecommendedChannel[] | null {
  const model = models.find((m) => m.solID === solID);
  if (!model) return null;
  return channelsWithIntervals(model, models, rankModels(models, options.tsValidation).near, options);
}

/**
 * The near-optimal set, best first: the best `NEAR_OPTIMAL_SHARE` of the models by the recommendation score,
 * at least 3 (or all there are). Its first model is the recommended one.
 */
export function nearOptimalModels(
  models: readonly RecommendationCandidate[],
  tsValidation: boolean,
): RecommendationCandidate[] {
  return rankModels(models, tsValidation).near;
}

/** The models best first by the recommendation score, and the near-optimal set among them. */
function rankModels(
  models: readonly RecommendationCandidate[],
  tsValidation: boolean,
): { order: RecommendationCandidate[]; near: RecommendationCandidate[] } {
  const score = recommendationScores(models, tsValidation);
  const order = models
    .map((_, i) => i)
    .sort((a, b) => score[a]! - score[b]!)
    .map((i) => models[i]!);
  const nearCount = Math.min(models.length, Math.max(3, Math.ceil(models.length * NEAR_OPTIMAL_SHARE)));
  return { order, near: order.slice(0, nearCount) };
}

function channelsWithIntervals(
  model: RecommendationCandidate,
  models: readonly RecommendationCandidate[],
  near: readonly RecommendationCandidate[],
  options: RecommendationOptions,
): RecommendedChannel[] {
  // A channel the model dropped (ROI 0) has no band around its value: its interval reaches to the
  // largest ROI any Pareto model found for it.
  const spreadFor = (channel: string, metric: "roi_total" | "cpa_total", value: number | null) =>
    spreadOf(value === 0 ? models : near, channel, metric);
  const marginal = options.marginalRoi(model.solID);
  return model.paid.map((variable) => {
    const identified = options.calibratedChannels.has(variable.channel);
    const factor = identified ? RECOVERY_FACTOR.calibrated : RECOVERY_FACTOR.uncalibrated;
    const roi = channelInterval(
      variable.roi_total,
      spreadFor(variable.channel, "roi_total", variable.roi_total),
      factor,
    );
    const channel: RecommendedChannel = {
      channel: variable.channel,
      roi: finiteOrNull(variable.roi_total),
      roi_low: roi.low,
      roi_high: roi.high,
      effect_share: finiteOrNull(variable.effect_share),
      marginal_roi: finiteOrNull(marginal.get(variable.channel)),
      identified,
    };
    if (options.depVarType === "conversion") {
      const cpa = channelInterval(
        variable.cpa_total,
        spreadFor(variable.channel, "cpa_total", variable.roi_total),
        factor,
      );
      channel.cpa = finiteOrNull(variable.cpa_total);
      channel.cpa_low = cpa.low;
      channel.cpa_high = cpa.high;
    }
    return channel;
  });
}

/** Robyn's error score with the recommendation's weights; MAPE.LIFT is zero (no effect) without studies. */
export function recommendationScores(
  models: readonly RecommendationCandidate[],
  tsValidation: boolean,
): Float64Array {
  const column = (value: (model: RecommendationCandidate) => number | null) =>
    Float64Array.from(models, (m) => value(m) ?? Number.NaN);
  return errorScores(
    {
      nrmse: column((m) => (tsValidation ? m.nrmse_test : m.nrmse_train)),
      decompRssd: column((m) => m.decomp_rssd),
      mape: column((m) => m.mape),
    },
    RECOMMENDATION_WEIGHTS,
  );
}

function spreadOf(
  models: readonly RecommendationCandidate[],
  channel: string,
  metric: "roi_total" | "cpa_total",
): number[] {
  return models
    .map((m) => m.paid.find((c) => c.channel === channel)?.[metric])
    .filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

/** The wider of the spread's 10th–90th percentiles and value/factor … value·factor. */
function channelInterval(
  value: number | null,
  spread: readonly number[],
  factor: number,
): { low: number | null; high: number | null } {
  if (value === null || !Number.isFinite(value)) return { low: null, high: null };
  const sorted = [...spread].sort((a, b) => a - b);
  if (value === 0) return { low: 0, high: sorted.length > 0 ? sorted[sorted.length - 1]! : 0 };
  const low = Math.min(value / factor, sorted.length > 0 ? quantile(sorted, 0.1) : value);
  const high = Math.max(value * factor, sorted.length > 0 ? quantile(sorted, 0.9) : value);
  return { low, high };
}

/** Type-7 quantile (R's default) of sorted values. */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return (
    sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!)
  );
}

/** The paid media variables named by a lift study (a study may name a variable or its spend column). */
export function calibratedChannels(
  settings: Pick<ModelSettings, "paid_media_spends" | "paid_media_vars"> & {
    calibration_input: readonly { channel: string }[];
  },
): Set<string> {
  const vars = settings.paid_media_vars ?? settings.paid_media_spends;
  const channels = new Set<string>();
  for (const study of settings.calibration_input) {
    for (const name of study.channel.split(/[+,; ]+/)) {
      const index = Math.max(settings.paid_media_spends.indexOf(name), vars.indexOf(name));
      if (index >= 0) channels.add(vars[index]!);
    }
  }
  return channels;
}

/** A native model's record as a candidate. */
export function candidateOfRecord(solID: string, record: ModelAggregates): RecommendationCandidate {
  return {
    solID,
    nrmse_train: record.nrmse_train,
    nrmse_test: record.nrmse_test,
    decomp_rssd: record["decomp.rssd"],
    mape: record.mape,
    paid: record.variables
      .filter((v) => v.spend_share !== null)
      .map((v) => ({
        channel: v.rn,
        roi_total: v.roi_total,
        cpa_total: v.cpa_total,
        effect_share: v.effect_share,
      })),
  };
}

function reasonFor(channels: readonly RecommendedChannel[], calibrated: boolean, models: number): string {
  const fit = calibrated
    ? "Best balance of fit (NRMSE), agreement with the lift studies (MAPE.LIFT, weighted double) and " +
      "decomposition distance (DECOMP.RSSD, weighted half)"
    : "Best balance of fit (NRMSE) and decomposition distance (DECOMP.RSSD, weighted half)";
  const unidentified = channels.filter((c) => !c.identified).map((c) => c.channel);
  const identification =
    unidentified.length === 0
      ? "Every channel is measured by a lift study."
      : unidentified.length === channels.length
        ? "No channel is measured by a lift study, so no ROI is identified: the intervals span a factor of three either way. Add lift studies to narrow them."
        : `Not identified (no lift study): ${unidentified.join(", ")}; their intervals span a factor of three either way.`;
  return `${fit} among ${models} Pareto models. ${identification}`;
}
