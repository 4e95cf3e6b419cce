/**
 * From a read Robyn model file to a one-model run of the native engine: the run's settings (every
 * hyperparameter fixed, `lambda` the file's absolute ridge penalty, as a single number means in a spec),
 * and the checks of the rebuild against what Robyn stored.
 */
import type { ModelInput } from "../model-input/model-input.ts";
import type { RobynModelFile } from "./read-robyn-model-json.ts";

/** The run's settings (RunSpec field names), every hyperparameter fixed, lambda absolute. */
export function robynRunSettings(file: RobynModelFile, country: string): Record<string, unknown> {
  const s = file.settings;
  return {
    country,
    engine: "native",
    date_var: s.date_var,
    dep_var: s.dep_var,
    dep_var_type: s.dep_var_type,
    paid_media_spends: s.paid_media_spends,
    paid_media_vars: s.paid_media_vars,
    paid_media_signs: s.paid_media_signs,
    organic_vars: s.organic_vars,
    organic_signs: s.organic_signs,
    context_vars: s.context_vars,
    context_signs: s.context_signs,
    factor_vars: s.factor_vars,
    prophet_vars: s.prophet_vars,
    ...(s.prophet_seasonality ? { prophet_seasonality: s.prophet_seasonality } : {}),
    ...(s.window_start ? { window_start: s.window_start } : {}),
    ...(s.window_end ? { window_end: s.window_end } : {}),
    adstock: s.adstock,
    hyperparameters: { ...file.hyperparameters },
    iterations: 1,
    trials: 1,
    seed: s.seed,
    ts_validation: s.ts_validation,
    intercept: s.intercept,
    intercept_sign: s.intercept_sign,
    rssd_zero_penalty: s.rssd_zero_penalty,
    add_penalty_factor: s.add_penalty_factor,
    calibration_input: s.calibration_input,
  };
}

export interface RebuildCheck {
  field: string;
  robyn: number;
  rebuilt: number;
  relative_difference: number;
}

/** Robyn's stored errors and coefficients next to the rebuilt model's. */
export function compareWithRobyn(
  file: RobynModelFile,
  rebuilt: { metrics: Record<string, number | null>; coefficients: Record<string, number> },
): RebuildCheck[] {
  const rows: RebuildCheck[] = [];
  const push = (field: string, robyn: number, value: number | null | undefined) => {
    if (value === null || value === undefined) return;
    const scale = Math.max(Math.abs(robyn), Math.abs(value));
    rows.push({
      field,
      robyn,
      rebuilt: value,
      relative_difference: scale === 0 ? 0 : Math.abs(value - robyn) / scale,
    });
  };
  for (const [name, value] of Object.entries(file.robyn.errors))
    push(`errors.${name}`, value, rebuilt.metrics[name]);
  for (const [name, value] of Object.entries(file.robyn.coefficients))
    push(`summary.${name}.coef`, value, rebuilt.coefficients[name]);
  return rows;
}

/** Values Robyn derived from the data that the rebuilt input does not reproduce (data or rules differ). */
export function derivedMismatches(file: RobynModelFile, input: ModelInput): string[] {
  const paid = input.media.filter((m) => m.paid);
  const ours: Record<string, unknown[]> = {
    dayInterval: [input.interval.days],
    intervalType: [input.interval.type],
    paid_media_selected: paid.map((m) => m.name),
    exposure_vars: paid.filter((m) => m.exposureName !== null).map((m) => m.name),
    all_media: input.media.map((m) => m.name),
    all_ind_vars: input.regressors.map((r) => r.name),
    rollingWindowStartWhich: [input.window.start + 1],
    rollingWindowEndWhich: [input.window.end + 1],
    rollingWindowLength: [input.window.length],
    totalObservations: [input.dates.length],
    refreshAddedStart: [input.window.startDate],
    paid_media_total: [paid.reduce((total, m) => total + m.totalSpend, 0)],
  };
  const mismatches: string[] = [];
  for (const [key, robyn] of Object.entries(file.derived)) {
    const mine = ours[key];
    if (!mine) continue;
    const same =
      mine.length === robyn.length &&
      mine.every((v, i) =>
        typeof v === "number" && typeof robyn[i] === "number"
          ? Math.abs(v - (robyn[i] as number)) <= 1e-9 * Math.max(Math.abs(v), 1)
          : v === robyn[i],
      );
    if (!same)
      mismatches.push(
        `InputCollect.${key} is ${JSON.stringify(robyn)} in the file but ${JSON.stringify(mine)} here`,
      );
  }
  return mismatches;
}
