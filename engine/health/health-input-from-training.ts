/**
 * The health checks' input for one model of a native run, from the training result in memory (the app
 * builds the same input from a finished run's files: `core/results/run-health.ts`).
 */
import type { ModelAggregates } from "../model/model-record.ts";
import type { ModelInput } from "../model-input/model-input.ts";
import type { ParetoModel, TrainingResult } from "../pipeline/train-models.ts";
import type { TrainSettings } from "../pipeline/train-settings.ts";
import { DEFAULT_ROI_BAND, type HealthInput, type HealthModel, type VariableRole } from "./health-input.ts";

export function healthInputFromTraining(
  result: TrainingResult,
  settings: TrainSettings,
  model: ParetoModel,
): HealthInput {
  const { input } = result;
  const roles = new Map<string, VariableRole>(input.regressors.map((r) => [r.name, r.kind]));
  const paid = input.media.filter((m) => m.paid);
  return {
    dep_var: input.depVarName,
    dep_var_type: input.depVarType,
    model: healthModelOf(model.record, roles),
    pareto_models: result.paretoModels.map((m) => healthModelOf(m.record, roles)),
    paid_channels: paid.map((m) => m.name),
    calibrated_channels: calibratedChannels(result),
    spend_max: Object.fromEntries(paid.map((m) => [m.name, windowMax(input, m.spend)])),
    intercept_requested: settings.intercept,
    ts_validation: settings.ts_validation,
    roi_band: settings.roi_band ?? DEFAULT_ROI_BAND,
    lift_studies: model.calibration.map(({ study, predicted }) => ({
      study: `${study.channels}, ${study.liftStartDate} to ${study.liftEndDate}`,
      measured: study.liftAbs,
      predicted,
      confidence: study.confidence,
    })),
  };
}

/** Paid channels measured by at least one lift study. */
export function calibratedChannels(result: TrainingResult): string[] {
  const { media } = result.input;
  const measured = new Set(result.setup.studies.flatMap((s) => s.media));
  return media.filter((m, i) => m.paid && measured.has(i)).map((m) => m.name);
}

function healthModelOf(record: ModelAggregates, roles: Map<string, VariableRole>): HealthModel {
  return {
    model_id: record.solID,
    rsq_train: record.rsq_train,
    nrmse_train: record.nrmse_train,
    rsq_test: record.rsq_test,
    nrmse_test: record.nrmse_test,
    intercept_dropped: record.intercept_dropped,
    variables: record.variables.map((v) => ({
      name: v.rn,
      role: v.rn === "(Intercept)" ? "intercept" : (roles.get(v.rn) ?? "context"),
      share: v.xDecompPerc,
      spend_share: v.spend_share,
      effect_share: v.effect_share,
      roi: v.roi_total,
      cpa: v.cpa_total,
    })),
  };
}

function windowMax(input: ModelInput, spend: Float64Array | null): number {
  if (!spend) return Number.NaN;
  let max = -Infinity;
  for (let t = input.window.start; t <= input.window.end; t++) max = Math.max(max, spend[t]!);
  return max;
}
