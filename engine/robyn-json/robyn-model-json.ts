/**
 * One model as Robyn 3.12.1's `robyn_write` exports it (`RobynModel-<solID>.json`; format and quirks in
 * the golden B7 README): the same four top-level keys, member order, vectors as arrays (every scalar a
 * one-element array), data frames as arrays of row objects that leave out their NA fields. Pure: the
 * caller supplies the prepared data, the model's numbers and the run's settings.
 *
 * Robyn's semantics kept on purpose (they surprise, but a Robyn user's tools expect them):
 * - `summary.mean_spend` is the all-row sum of the modelled column (exposures in spend units) over
 *   `totalObservations`, `mean_response` the window decomposition over `totalObservations`, and
 *   `performance` their ratio (ROAS; CPA the inverse);
 * - `performance.performance` is the *sum* of the channels' performance, `performance.spend` the all-row
 *   sum of every modelled paid column;
 * - `hyper_values.lambda` is the absolute ridge penalty; names sorted alphabetically, penalty factors
 *   (`<column>_penalty`) among them when the model has them.
 */
import type { Table } from "../../common/table.ts";
import type { ModelInput } from "../model-input/model-input.ts";
import type { ModelSettings } from "../model-input/model-settings.ts";
import { customParamsOf } from "./prophet-custom-params.ts";
import type { JsonValue } from "./jsonlite-text.ts";

/** The Robyn version whose format is written (and read back by `read-robyn-model-json.ts`). */
export const ROBYN_JSON_VERSION = "3.12.1";

type JsonObject = { [key: string]: JsonValue };

export interface ExportedModelNumbers {
  solID: string;
  /** Media hyperparameters by Robyn name, `lambda` (absolute) and `train_size`. */
  hyperparameters: Readonly<Record<string, number>>;
  metrics: Readonly<Record<(typeof ERROR_FIELDS)[number], number | null>>;
  /** Robyn's `xDecompAgg` rows: `(Intercept)` then every regressor; CI fields only for clustered models. */
  variables: readonly {
    rn: string;
    coef: number;
    xDecompPerc: number;
    xDecompAgg: number;
    boot_mean?: number | null;
    ci_low?: number | null;
    ci_up?: number | null;
  }[];
  /** The model's cluster and the cluster's size, when the run clustered its Pareto models. */
  cluster?: { cluster: number; size: number; count: number };
}

export interface ExportedRunSettings {
  /** Model settings (roles, signs, window, adstock, intercept). */
  settings: ModelSettings & {
    ts_validation: boolean;
    add_penalty_factor?: boolean;
    calibration_input?: readonly Readonly<Record<string, string | number>>[];
  };
  /**
   * The search ranges (`robyn_inputs(hyperparameters = …)`), a [lo, hi] pair or a fixed value each, media
   * names and `train_size`; fixed values are written as [v, v] pairs as Robyn's ranges are two numbers.
   */
  ranges: Readonly<Record<string, number | readonly [number, number]>>;
  /** Every hyperparameter fixed (a one-model run, Robyn's `dt_hyper_fixed`). */
  hyperFixed: boolean;
  seed: number;
  iterations: number;
  trials: number;
  paretoFronts: number;
  calibrationConstraint: number;
  /** Robyn's `conv_msg`: one line per objective (empty for a fixed-hyperparameter model). */
  convergence: readonly string[];
  trainedAt: Date;
  exportedAt: Date;
  /** Search time in minutes (absent for a fixed-hyperparameter model, as Robyn writes `[]`). */
  runMinutes?: number;
  outputsMinutes: number;
  /** Where the run's files live (Robyn's `plot_folder`). */
  folder: string;
  /** Who wrote the file; it is stored in `InputCollect.version` after Robyn's own version text. */
  writer: string;
}

const ERROR_FIELDS = [
  "rsq_train",
  "rsq_val",
  "rsq_test",
  "nrmse_train",
  "nrmse_val",
  "nrmse_test",
  "nrmse",
  "decomp.rssd",
  "mape",
] as const;

export function buildRobynModelJson(
  input: ModelInput,
  table: Table,
  run: ExportedRunSettings,
  model: ExportedModelNumbers,
): JsonObject {
  return {
    InputCollect: inputCollect(input, table, run),
    ModelsCollect: modelsCollect(run, model),
    ExportedModel: exportedModel(input, run, model),
    Extras: { raw_data: rawData(table) },
  };
}

function inputCollect(input: ModelInput, table: Table, run: ExportedRunSettings): JsonObject {
  const s = run.settings;
  const paid = input.media.filter((m) => m.paid);
  const organic = input.media.filter((m) => !m.paid);
  const regressorsOf = (kind: string) => input.regressors.filter((r) => r.kind === kind);
  const used = new Set<string>([
    input.dateVar,
    s.dep_var,
    ...s.paid_media_spends,
    ...(s.paid_media_vars ?? []),
    ...s.context_vars,
    ...s.organic_vars,
  ]);
  const prophet = s.prophet_vars.length > 0;
  const out: JsonObject = {
    date_var: [input.dateVar],
    dayInterval: [input.interval.days],
    intervalType: [input.interval.type],
    dep_var: [s.dep_var],
    dep_var_type: [s.dep_var_type],
    prophet_vars: [...s.prophet_vars],
  };
  if (prophet) {
    out.prophet_signs = regressorsOf("prophet").map((r) => r.sign);
    out.prophet_country = [s.country];
  }
  if (s.context_vars.length > 0) {
    out.context_vars = [...s.context_vars];
    out.context_signs = s.context_vars.map((_, i) => s.context_signs?.[i] ?? "default");
  }
  Object.assign(out, {
    paid_media_vars: paid.map((m) => m.name),
    paid_media_signs: paid.map((m) => input.regressors[m.regressorIndex]!.sign),
    paid_media_spends: paid.map((m) => m.spendName!),
    paid_media_selected: paid.map((m) => m.name),
    paid_media_total: [paid.reduce((total, m) => total + m.totalSpend, 0)],
    exposure_vars: paid.filter((m) => m.exposureName !== null).map((m) => m.name),
  });
  if (organic.length > 0) {
    out.organic_vars = organic.map((m) => m.name);
    out.organic_signs = organic.map((m) => input.regressors[m.regressorIndex]!.sign);
  }
  out.all_media = input.media.map((m) => m.name);
  out.all_ind_vars = input.regressors.map((r) => r.name);
  if (s.factor_vars.length > 0) out.factor_vars = [...s.factor_vars];
  const { window } = input;
  Object.assign(out, {
    unused_vars: table.columns.filter((c) => !used.has(c)),
    window_start: [window.startDate],
    rollingWindowStartWhich: [window.start + 1],
    window_end: [window.endDate],
    rollingWindowEndWhich: [window.end + 1],
    rollingWindowLength: [window.length],
    totalObservations: [input.dates.length],
    refreshAddedStart: [window.startDate],
    adstock: [input.adstock],
    hyperparameters: Object.fromEntries(
      Object.entries(run.ranges).map(([name, value]) => [
        name,
        typeof value === "number" ? [value, value] : [...value],
      ]),
    ),
    calibration_input: calibrationRows(s.calibration_input ?? []),
    custom_params: customParamsOf(s.prophet_seasonality),
    version: [`Robyn (${run.writer}) v${ROBYN_JSON_VERSION}`],
  });
  return out;
}

function calibrationRows(studies: readonly Readonly<Record<string, string | number>>[]): JsonValue {
  if (studies.length === 0) return {};
  return studies.map((study) => ({ ...study }));
}

function modelsCollect(run: ExportedRunSettings, model: ExportedModelNumbers): JsonObject {
  const minutes = (m: number) => `${Math.round(m * 100) / 100} min`;
  const out: JsonObject = {
    ts_validation: [run.settings.ts_validation],
    train_timestamp: [timestamp(run.trainedAt)],
    export_timestamp: [timestamp(run.exportedAt)],
    run_time: run.runMinutes === undefined ? [] : [minutes(run.runMinutes)],
    outputs_time: [minutes(run.outputsMinutes)],
    total_time: run.runMinutes === undefined ? [] : [minutes(run.runMinutes + run.outputsMinutes)],
    total_iters: [run.iterations * run.trials],
    conv_msg: run.convergence.map((line) => line.replace(/:.*/s, "")),
  };
  if (model.cluster) out.n_clusters = [model.cluster.count];
  Object.assign(out, {
    calibration_constraint: [run.calibrationConstraint],
    cores: [1],
    iterations: [run.iterations],
    trials: [run.trials],
    intercept: [run.settings.intercept],
    intercept_sign: [run.settings.intercept_sign],
    nevergrad_algo: ["TwoPointsDE"],
    add_penalty_factor: [run.settings.add_penalty_factor === true],
    seed: [run.seed],
    pareto_fronts: [run.paretoFronts],
    hyper_fixed: [run.hyperFixed],
    plot_folder: [run.folder],
    selectID: [model.solID],
  });
  return out;
}

function exportedModel(input: ModelInput, run: ExportedRunSettings, model: ExportedModelNumbers): JsonObject {
  const n = input.dates.length;
  const revenue = input.depVarType === "revenue";
  const byName = new Map(model.variables.map((v) => [v.rn, v]));
  const channels = input.media
    .filter((m) => m.paid)
    .map((m) => {
      const spend = sum(input.regressors[m.regressorIndex]!.values);
      const response = byName.get(m.name)?.xDecompAgg ?? Number.NaN;
      return { name: m.name, spend, response, performance: revenue ? response / spend : spend / response };
    });
  const channelOf = new Map(channels.map((c) => [c.name, c]));
  const summary = model.variables.map((v) => {
    const row: JsonObject = {
      variable: v.rn,
      coef: v.coef,
      decompPer: v.xDecompPerc,
      decompAgg: v.xDecompAgg,
    };
    const channel = channelOf.get(v.rn);
    if (channel) {
      putFinite(row, "performance", channel.performance);
      putFinite(row, "mean_response", channel.response / n);
      putFinite(row, "mean_spend", channel.spend / n);
    }
    for (const field of ["boot_mean", "ci_low", "ci_up"] as const) putFinite(row, field, v[field]);
    return row;
  });
  const errors: JsonObject = {};
  for (const field of ERROR_FIELDS) putFinite(errors, field, model.metrics[field]);
  const out: JsonObject = {
    select_model: [model.solID],
    performance: [
      {
        solID: model.solID,
        metric: revenue ? "ROAS" : "CPA",
        spend: sum(channels.map((c) => c.spend)),
        response: sum(channels.map((c) => c.response)),
        performance: sum(channels.map((c) => c.performance)),
      },
    ],
    summary,
    errors: [errors],
    hyper_values: hyperValues(model.hyperparameters),
    hyper_updated: hyperUpdated(run, model.hyperparameters),
  };
  if (model.cluster) {
    out.clusters = {
      data: [{ solID: model.solID, cluster: model.cluster.cluster, n: model.cluster.size }],
    };
  }
  return out;
}

/** `hyper_values`: every value as a one-element vector, names in R's alphabetical order. */
function hyperValues(values: Readonly<Record<string, number>>): JsonObject {
  const names = Object.keys(values).sort((a, b) => a.localeCompare(b, "en"));
  return Object.fromEntries(names.map((name) => [name, [values[name]!]]));
}

/** Robyn's `hyper_updated`: media names sorted, then lambda and train_size; bounds for searched ones. */
function hyperUpdated(run: ExportedRunSettings, values: Readonly<Record<string, number>>): JsonObject {
  const media = Object.keys(values)
    .filter((name) => name !== "lambda" && name !== "train_size")
    .sort((a, b) => a.localeCompare(b, "en"));
  const boundsOf = (name: string): number[] => {
    if (run.hyperFixed) return [values[name]!];
    const range = run.ranges[name];
    if (name === "lambda") return typeof range === "number" ? [values.lambda!] : [0, 1];
    if (range === undefined || typeof range === "number") return [values[name]!];
    return [...range];
  };
  return Object.fromEntries([...media, "lambda", "train_size"].map((name) => [name, boundsOf(name)]));
}

function rawData(table: Table): JsonValue {
  const first = table.columns[0];
  const rows = first === undefined ? 0 : table.data[first]!.length;
  return Array.from({ length: rows }, (_, i) => {
    const row: JsonObject = {};
    for (const column of table.columns) {
      const cell = table.data[column]![i];
      if (cell === null || cell === undefined) continue;
      if (typeof cell === "number" && !Number.isFinite(cell)) continue;
      row[column] = cell;
    }
    return row;
  });
}

/** R's `Sys.time()` as jsonlite writes it: local wall time without zone; we write UTC. */
function timestamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/** Robyn's data-frame rows leave out NA fields. */
function putFinite(row: JsonObject, key: string, value: number | null | undefined): void {
  if (value !== null && value !== undefined && Number.isFinite(value)) row[key] = value;
}

/**
 * A compensated (Neumaier) sum: R's `sum` accumulates in long double, so a plain double loop can differ
 * from Robyn's totals in the 15th digit, which jsonlite writes.
 */
function sum(values: ArrayLike<number>): number {
  let total = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const t = total + v;
    compensation += Math.abs(total) >= Math.abs(v) ? total - t + v : v - t + total;
    total = t;
  }
  return total + compensation;
}
