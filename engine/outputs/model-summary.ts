/**
 * `model_summary.json`: the run at a glance, for Slack, the viewer and the API. It carries at least what the
 * replaced product's summary had (candidates, Pareto models, best model, input metadata, training time)
 * plus fronts, clusters with their best models, bootstrapped intervals, convergence and timings.
 *
 * The best model is the cluster-top model with the lowest error score (the replaced product took the first
 * row of an unsorted table). `health` holds the health checks' findings for it (`engine/health/`) and
 * `calibration` says which paid channels lift studies calibrate; for a Robyn run the app derives both from
 * the run's files after the run (`core/results/run-health.ts`).
 */
import type { TrainingResult } from "../pipeline/train-models.ts";
import type { TrainSettings } from "../pipeline/train-settings.ts";
import type { ModelAggregates } from "../model/model-record.ts";
import { refreshWinner } from "../refresh/refresh-winner.ts";
import type { HealthFinding } from "../health/health-finding.ts";
import {
  calibratedChannels as channelsCalibratedIn,
  healthInputFromTraining,
} from "../health/health-input-from-training.ts";
import { runHealthChecks } from "../health/run-health-checks.ts";
import {
  marginalReturnsOf,
  rankNextBudget,
  type ChannelMarginalReturn,
} from "../response/marginal-returns.ts";
import {
  calibratedChannels,
  candidateOfRecord,
  recommendModel,
  type Recommendation,
} from "../select/recommend.ts";

export interface SummaryModel {
  model_id: string;
  nrmse: number;
  decomp_rssd: number;
  mape: number;
  rsq_train: number;
  nrmse_train: number;
  rsq_val: number | null;
  nrmse_val: number | null;
  rsq_test: number | null;
  nrmse_test: number | null;
  robyn_pareto_front: number;
  cluster: number;
  top_sol: boolean;
  error_score: number;
}

export interface ModelSummary {
  engine: "native";
  engine_version: string;
  country: string;
  created_at: string;
  seed: number;
  iterations: number;
  trials: number;
  candidate_model_count: number;
  has_pareto_models: boolean;
  pareto_fronts: number;
  pareto_model_count: number;
  pareto_models: SummaryModel[];
  best_model: SummaryModel & {
    coefficients: Record<string, number>;
    channels: {
      channel: string;
      spend_share: number | null;
      effect_share: number | null;
      roi_total: number | null;
      cpa_total: number | null;
      /** Mean spend per period over the window: the "current" spend of the marginal figures. */
      mean_spend: number | null;
      /** dR/dx at mean spend: response per extra unit of spend. */
      mroi: number | null;
      /** Robyn's allocator column: R(mean spend + 1) − R(mean spend). */
      marginal_response: number | null;
      /** Response per period gained from 10 % more spend per period. */
      next_10pct_response: number | null;
    }[];
    /** "Where the next 10 % of budget earns most": channels by the response gained from 10 % more spend. */
    next_budget_ranking: {
      channel: string;
      extra_spend: number;
      response_gain: number;
      /** response_gain / extra_spend. */
      roi: number | null;
    }[];
  };
  /**
   * The model this product recommends, with honest per-channel intervals (`select/recommend.ts`);
   * `best_model` stays Robyn's own pick (lowest error score among the cluster tops). Null without Pareto models.
   */
  recommended: RecommendedModel | null;
  clusters: {
    k: number;
    wss: number[];
    top_models: { cluster: number; model_id: string; size: number }[];
    intervals: {
      cluster: number;
      channel: string;
      n: number;
      boot_mean: number;
      ci_low: number;
      ci_up: number;
    }[];
  };
  convergence: { objective: string; converged: boolean; message: string }[];
  input_metadata: {
    dep_var: string;
    dep_var_type: "revenue" | "conversion";
    date_var: string;
    interval: string;
    adstock: string;
    window_start: string;
    window_end: string;
    window_rows: number;
    data_rows: number;
    paid_media_spends: readonly string[];
    paid_media_vars: readonly string[];
    organic_vars: readonly string[];
    context_vars: readonly string[];
    factor_vars: readonly string[];
    prophet_vars: readonly string[];
    ts_validation: boolean;
    calibration_studies: number;
  };
  timings_seconds: Record<string, number>;
  warnings: string[];
  /** A refresh: the run and model it refreshed; its best model is the refresh winner (lowest DECOMP.RSSD). */
  refresh_of?: { run: string; model: string };
  /**
   * The health checks' findings for `best_model` (Robyn's pick); the recommended model's own are
   * `recommended.health`.
   */
  health: HealthFinding[];
  calibration: CalibrationSummary;
}

/**
 * The recommendation with the health checks run on the recommended model itself: it is often not Robyn's
 * pick, whose findings (`health`) would then describe another model. `health` is absent on summaries
 * written before it existed and on a Robyn run's derived recommendation until the app adds it
 * (`core/lifecycle/completion-trust.ts`); readers then derive it from the run's files.
 */
export type RecommendedModel = Recommendation & { health?: HealthFinding[] };

/** How many paid channels lift studies calibrate, and how their errors are weighted in MAPE.LIFT. */
export interface CalibrationSummary {
  studies: number;
  calibrated_channels: string[];
  uncalibrated_channels: string[];
  /** "confidence": each study's error counts in proportion to its confidence (`lift-objective.ts`). */
  mape_weighting: "confidence";
}

export function calibrationSummary(
  studies: number,
  paidChannels: readonly string[],
  calibrated: readonly string[],
): CalibrationSummary {
  return {
    studies,
    calibrated_channels: paidChannels.filter((c) => calibrated.includes(c)),
    uncalibrated_channels: paidChannels.filter((c) => !calibrated.includes(c)),
    mape_weighting: "confidence",
  };
}

function summaryModel(
  record: ModelAggregates,
  front: number,
  cluster: number,
  topSol: boolean,
  errorScore: number,
): SummaryModel {
  return {
    model_id: record.solID,
    nrmse: record.nrmse,
    decomp_rssd: record["decomp.rssd"],
    mape: record.mape,
    rsq_train: record.rsq_train,
    nrmse_train: record.nrmse_train,
    rsq_val: record.rsq_val,
    nrmse_val: record.nrmse_val,
    rsq_test: record.rsq_test,
    nrmse_test: record.nrmse_test,
    robyn_pareto_front: front,
    cluster,
    top_sol: topSol,
    error_score: errorScore,
  };
}

export function buildModelSummary(
  result: TrainingResult,
  settings: TrainSettings,
  engineVersion: string,
  createdAt: Date,
): ModelSummary {
  const { input } = result;
  const models = result.paretoModels.map((m) =>
    summaryModel(m.record, m.front, m.cluster, m.topSol, m.errorScore),
  );
  const tops = result.paretoModels.filter((m) => m.topSol);
  const best =
    (settings.refresh ? refreshWinner(result.paretoModels) : undefined) ??
    [...tops].sort((a, b) => a.errorScore - b.errorScore)[0] ??
    result.paretoModels[0]!;
  const marginal = bestModelMarginalReturns(best.record);
  return {
    engine: "native",
    engine_version: engineVersion,
    country: settings.country,
    created_at: createdAt.toISOString(),
    seed: settings.seed,
    iterations: settings.iterations,
    trials: settings.trials,
    candidate_model_count: result.candidates.count,
    has_pareto_models: models.length > 0,
    pareto_fronts: result.pareto.paretoFronts,
    pareto_model_count: models.length,
    pareto_models: models,
    best_model: {
      ...summaryModel(best.record, best.front, best.cluster, best.topSol, best.errorScore),
      coefficients: best.record.coefficients,
      channels: best.record.variables
        .filter((v) => v.spend_share !== null)
        .map((v) => ({
          channel: v.rn,
          spend_share: v.spend_share,
          effect_share: v.effect_share,
          roi_total: v.roi_total,
          cpa_total: v.cpa_total,
          mean_spend: v.mean_spend,
          mroi: marginal.get(v.rn)?.mroi ?? null,
          marginal_response: marginal.get(v.rn)?.marginal_response ?? null,
          next_10pct_response: marginal.get(v.rn)?.next_step_response ?? null,
        })),
      next_budget_ranking: rankNextBudget([...marginal.values()]).map((r) => ({
        channel: r.channel,
        extra_spend: r.next_step_spend,
        response_gain: r.next_step_response,
        roi: Number.isFinite(r.next_step_roi) ? r.next_step_roi : null,
      })),
    },
    recommended: withHealth(
      recommendModel(
        result.paretoModels.map((m) => candidateOfRecord(m.solID, m.record)),
        {
          depVarType: settings.dep_var_type,
          tsValidation: settings.ts_validation,
          calibratedChannels: calibratedChannels(settings),
          marginalRoi: (solID) => {
            const model = result.paretoModels.find((m) => m.solID === solID)!;
            return new Map(marginalReturnsOf(model.record).map((r) => [r.channel, r.mroi]));
          },
        },
      ),
      result,
      settings,
    ),
    clusters: {
      k: result.clusters.k,
      wss: result.clusters.wss,
      top_models: tops.map((m) => ({
        cluster: m.cluster,
        model_id: m.solID,
        size: result.paretoModels.filter((other) => other.cluster === m.cluster).length,
      })),
      intervals: result.clusters.intervals.map(({ cluster, channel, n, boot_mean, ci_low, ci_up }) => ({
        cluster,
        channel,
        n,
        boot_mean,
        ci_low,
        ci_up,
      })),
    },
    convergence: result.convergence.map((c) => ({
      objective: c.name,
      converged: c.converged,
      message: c.message,
    })),
    input_metadata: {
      dep_var: settings.dep_var,
      dep_var_type: settings.dep_var_type,
      date_var: input.dateVar,
      interval: input.interval.type,
      adstock: settings.adstock,
      window_start: input.window.startDate,
      window_end: input.window.endDate,
      window_rows: input.window.length,
      data_rows: input.dates.length,
      paid_media_spends: settings.paid_media_spends,
      paid_media_vars: settings.paid_media_vars ?? settings.paid_media_spends,
      organic_vars: settings.organic_vars,
      context_vars: settings.context_vars,
      factor_vars: settings.factor_vars,
      prophet_vars: settings.prophet_vars,
      ts_validation: settings.ts_validation,
      calibration_studies: settings.calibration_input.length,
    },
    timings_seconds: result.timings,
    warnings: result.warnings,
    ...(settings.refresh ? { refresh_of: settings.refresh.of } : {}),
    health: runHealthChecks(healthInputFromTraining(result, settings, best)),
    calibration: calibrationSummary(
      settings.calibration_input.length,
      input.media.filter((m) => m.paid).map((m) => m.name),
      channelsCalibratedIn(result),
    ),
  };
}

function withHealth(
  recommendation: Recommendation | null,
  result: TrainingResult,
  settings: TrainSettings,
): RecommendedModel | null {
  const model = result.paretoModels.find((m) => m.solID === recommendation?.model_id);
  if (!recommendation || !model) return recommendation;
  return { ...recommendation, health: runHealthChecks(healthInputFromTraining(result, settings, model)) };
}

/** The best model's paid channels read at their mean spend, with the gain of 10 % more spend. */
function bestModelMarginalReturns(record: ModelAggregates): Map<string, ChannelMarginalReturn> {
  return new Map(marginalReturnsOf(record).map((r) => [r.channel, r]));
}
