/**
 * The health checks and the calibration summary of a finished run, derived from its files: what the app
 * adds to a Robyn run's `model_summary.json` (the R trainer does not compute them), and what the viewer
 * shows for a Pareto model other than the best. The rules are the native engine's (`engine/health/`); only
 * the input is read from `pareto_aggregated.csv`, `pareto_hyperparameters.csv`, `pareto_calibration.csv`,
 * `input.csv` and the run spec instead of memory.
 */
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Run } from "../run.ts";
import { MmmError } from "../../common/errors.ts";
import { OUTPUT_FILES, RUN_FILES } from "../../common/run-folder.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import { prepareForTraining } from "../../engine/data/prepare-for-training.ts";
import type { HealthFinding } from "../../engine/health/health-finding.ts";
import {
  DEFAULT_ROI_BAND,
  type HealthInput,
  type HealthModel,
  type LiftStudyReading,
  type VariableRole,
} from "../../engine/health/health-input.ts";
import { runHealthChecks } from "../../engine/health/run-health-checks.ts";
import { calibrationSummary, type CalibrationSummary } from "../../engine/outputs/model-summary.ts";
import { numberOf, outputRecords, RunOutputs, type OutputRecord } from "./run-outputs.ts";

export interface RunTrust {
  health: HealthFinding[];
  calibration: CalibrationSummary;
}

/** Health of `modelId` (default: the summary's best model) and the run's calibration summary. */
export async function deriveRunTrust(
  artifacts: ArtifactStore,
  run: Run,
  modelId?: string,
): Promise<RunTrust> {
  const outputs = new RunOutputs(artifacts, run);
  const [summary, aggregated, hyperparameters] = await Promise.all([
    outputs.summary(),
    outputs.aggregated(),
    outputs.paretoModels(),
  ]);
  const id = modelId ?? summary?.best_model?.model_id;
  if (!id) {
    throw new MmmError("not_found", `Run ${run.id} has no best model to check.`, {
      context: { field: "solID" },
    });
  }
  const spec = run.spec;
  const paidVars = spec.paid_media_vars ?? spec.paid_media_spends;
  const roles = rolesOf(run);
  const dropped = new Map(hyperparameters.map((r) => [String(r.solID), r.intercept_dropped === 1]));
  const models = groupBy(aggregated, (r) => String(r.solID));
  const rows = models.get(id);
  if (!rows) {
    throw new MmmError("not_found", `Run ${run.id} has no Pareto model ${id}.`, {
      context: { field: "solID", solID: id },
    });
  }
  const healthModel = (solID: string, records: OutputRecord[]) =>
    healthModelOf(solID, records, roles, dropped.get(solID) ?? false);
  const calibrated = calibratedChannels(run);
  const input: HealthInput = {
    dep_var: spec.dep_var,
    dep_var_type: spec.dep_var_type,
    model: healthModel(id, rows),
    pareto_models: [...models].map(([solID, records]) => healthModel(solID, records)),
    paid_channels: [...paidVars],
    calibrated_channels: calibrated,
    spend_max: await spendMaxima(artifacts, run),
    intercept_requested: spec.intercept,
    ts_validation: spec.ts_validation,
    roi_band: spec.roi_band ?? DEFAULT_ROI_BAND,
    lift_studies: await liftReadings(artifacts, run, id),
  };
  return { health: runHealthChecks(input), calibration: runCalibrationSummary(run) };
}

/** Which paid channels the run's lift studies calibrate (from the spec alone). */
export function runCalibrationSummary(run: Run): CalibrationSummary {
  const spec = run.spec;
  return calibrationSummary(
    spec.calibration_input.length,
    spec.paid_media_vars ?? spec.paid_media_spends,
    calibratedChannels(run),
  );
}

function rolesOf(run: Run): Map<string, VariableRole> {
  const spec = run.spec;
  const roles = new Map<string, VariableRole>([["(Intercept)", "intercept"]]);
  for (const name of spec.prophet_vars) roles.set(name, "prophet");
  for (const name of spec.context_vars) roles.set(name, "context");
  for (const name of spec.paid_media_vars ?? spec.paid_media_spends) roles.set(name, "paid");
  for (const name of spec.organic_vars) roles.set(name, "organic");
  return roles;
}

function healthModelOf(
  solID: string,
  rows: OutputRecord[],
  roles: Map<string, VariableRole>,
  interceptDropped: boolean,
): HealthModel {
  const first = rows[0]!;
  const nullable = (record: OutputRecord, key: string) => {
    const v = numberOf(record, key);
    return Number.isFinite(v) ? v : null;
  };
  return {
    model_id: solID,
    rsq_train: numberOf(first, "rsq_train"),
    nrmse_train: numberOf(first, "nrmse_train"),
    rsq_test: nullable(first, "rsq_test"),
    nrmse_test: nullable(first, "nrmse_test"),
    intercept_dropped: interceptDropped,
    variables: rows.map((r) => {
      const name = String(r.rn);
      return {
        name,
        // A factor variable's levels and other unknown names are context.
        role: roles.get(name) ?? "context",
        share: numberOf(r, "xDecompPerc"),
        spend_share: nullable(r, "spend_share"),
        effect_share: nullable(r, "effect_share"),
        roi: nullable(r, "roi_total"),
        cpa: nullable(r, "cpa_total"),
      };
    }),
  };
}

/** Paid channels (model names) measured by at least one of the spec's lift studies. */
function calibratedChannels(run: Run): string[] {
  const spec = run.spec;
  const vars = spec.paid_media_vars ?? spec.paid_media_spends;
  const measured = new Set(
    spec.calibration_input.flatMap((study) =>
      study.channel
        .split(/[+,; ]+/)
        .filter((name) => name.length > 0)
        .map((name) => {
          const spendAt = spec.paid_media_spends.indexOf(name);
          return spendAt >= 0 ? vars[spendAt]! : name;
        }),
    ),
  );
  return vars.filter((name) => measured.has(name));
}

/** The largest spend per paid channel in the country's data (`input.csv`, prepared as the trainer did). */
async function spendMaxima(artifacts: ArtifactStore, run: Run): Promise<Record<string, number>> {
  const text = await artifacts.getText(`${run.artifactPrefix}${RUN_FILES.input}`);
  if (text === undefined) return {};
  const raw = parseCsv(text);
  const table = prepareForTraining(raw, run.spec)?.table ?? raw;
  const vars = run.spec.paid_media_vars ?? run.spec.paid_media_spends;
  return Object.fromEntries(
    run.spec.paid_media_spends.map((spend, i) => {
      let max = -Infinity;
      for (const cell of table.data[spend] ?? []) if (typeof cell === "number" && cell > max) max = cell;
      return [vars[i]!, max];
    }),
  );
}

/** The model's rows of `pareto_calibration.csv` (one per study, in the spec's order), if the run has it. */
async function liftReadings(artifacts: ArtifactStore, run: Run, solID: string): Promise<LiftStudyReading[]> {
  const text = await artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.paretoCalibration}`);
  if (text === undefined) return [];
  const rows = outputRecords(text).filter((r) => String(r.solID) === solID);
  return rows.map((r, i) => ({
    study: `${String(r.rn)}, ${String(r.liftStart)} to ${String(r.liftEnd)}`,
    measured: numberOf(r, "liftAbs"),
    predicted: numberOf(r, "decompAbsScaled"),
    confidence: run.spec.calibration_input[i]?.confidence ?? 1,
  }));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
