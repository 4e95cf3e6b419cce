/**
 * Reads a Robyn model file (`RobynModel-<solID>.json`, `robyn_write`; format in the golden B7 README) into
 * what our engine needs to rebuild the model, and says what became of every field: used, checked against
 * the rebuild, kept for information, or ignored with the reason. Nothing is dropped silently; a field that
 * would change the model but cannot be honoured (a constrained Prophet sign, an adstock or Prophet
 * component the engine lacks) stops the import with its name. Pure: no file access.
 *
 * Robyn reads the file the same way (`robyn_read`, `robyn_inputs(json_file)`, `robyn_run(json_file)`):
 * every scalar is a one-element vector, `ModelsCollect` holds the run settings, `ExportedModel.hyper_values`
 * the model, with `lambda` the absolute ridge penalty (not Robyn's [0, 1] `lambda_hp`).
 */
import { invalidInput } from "../../common/errors.ts";
import type { Cell, Table } from "../../common/table.ts";
import type { AdstockType, ModelSettings, ProphetComponent, Sign } from "../model-input/model-settings.ts";
import { seasonalityFromCustomParams } from "./prophet-custom-params.ts";
import { ROBYN_JSON_VERSION } from "./robyn-model-json.ts";

export type FieldTreatment = "used" | "checked" | "kept" | "ignored";

export interface FieldNote {
  /** Dotted path in the file, e.g. `ModelsCollect.seed`. */
  field: string;
  treatment: FieldTreatment;
  note: string;
}

export interface RobynModelFile {
  /** Robyn's model id (`ExportedModel.select_model`). */
  solID: string;
  /** The Robyn version that wrote the file (`InputCollect.version`), or null when it does not say. */
  robynVersion: string | null;
  /** Set when the file comes from another Robyn version than the format this reader follows. */
  versionNote: string | null;
  settings: Omit<ModelSettings, "country" | "prophet"> & {
    country: string | null;
    ts_validation: boolean;
    add_penalty_factor: boolean;
    seed: number;
    calibration_input: Record<string, unknown>[];
  };
  /** The model: media hyperparameters, `lambda` (absolute) and `train_size`. */
  hyperparameters: Record<string, number>;
  /** `InputCollect.hyperparameters`: the search ranges of the run the model came from. */
  ranges: Record<string, number[]>;
  /** `Extras.raw_data` as a table (column order of the first row), or null when the file has none. */
  rawData: Table | null;
  /** What Robyn reported for the model, to compare with the rebuild. */
  robyn: {
    errors: Record<string, number>;
    coefficients: Record<string, number>;
    decompAgg: Record<string, number>;
  };
  /** Derived values Robyn stored, to check against the rebuilt input (`InputCollect` names). */
  derived: Record<string, unknown[]>;
  fields: FieldNote[];
}

type Json = unknown;
type JsonObject = Record<string, Json>;

const USED_INPUTS: Record<string, string> = {
  date_var: "the date column",
  dep_var: "the dependent variable",
  dep_var_type: "revenue or conversion",
  paid_media_spends: "paid media spends",
  paid_media_vars: "paid media exposures (rescaled to spend by the window cost per exposure)",
  paid_media_signs: "coefficient signs",
  organic_vars: "organic variables",
  organic_signs: "coefficient signs",
  context_vars: "context variables",
  context_signs: "coefficient signs",
  factor_vars: "factor variables",
  prophet_vars:
    "Prophet components, recomputed with our Prophet-style decomposition (Stan's fit differs slightly)",
  prophet_signs: "Prophet coefficient signs",
  prophet_country: "the holiday country",
  window_start: "the modelling window",
  window_end: "the modelling window",
  adstock: "the adstock type",
  calibration_input: "lift studies (they change MAPE, not the coefficients)",
};
const DERIVED_INPUTS = [
  "dayInterval",
  "intervalType",
  "paid_media_selected",
  "exposure_vars",
  "paid_media_total",
  "all_media",
  "all_ind_vars",
  "unused_vars",
  "rollingWindowStartWhich",
  "rollingWindowEndWhich",
  "rollingWindowLength",
  "totalObservations",
  "refreshAddedStart",
];
const USED_SETTINGS: Record<string, string> = {
  ts_validation: "time-series validation",
  intercept: "whether the model has an intercept",
  intercept_sign: "Robyn's non-negative intercept rule",
  add_penalty_factor: "penalty factors per model column (`<column>_penalty` in hyper_values)",
  seed: "the run's seed",
};
/** `ModelsCollect` entries that describe how the file's run went, not the model. */
const BOOKKEEPING_SETTINGS = [
  "train_timestamp",
  "export_timestamp",
  "run_time",
  "outputs_time",
  "total_time",
  "total_iters",
  "conv_msg",
  "n_clusters",
  "calibration_constraint",
  "cores",
  "iterations",
  "trials",
  "nevergrad_algo",
  "pareto_fronts",
  "hyper_fixed",
  "plot_folder",
  "selectID",
];
const PROPHET_COMPONENTS = ["trend", "season", "monthly", "weekday", "holiday"] as const;
const ADSTOCKS = ["geometric", "weibull_cdf", "weibull_pdf"] as const;
const SIGNS = ["positive", "negative", "default"] as const;

export function readRobynModelFile(document: Json): RobynModelFile {
  if (!isObject(document))
    throw invalidInput("json", "The file is not a Robyn model JSON: its top level must be an object.");
  const fields: FieldNote[] = [];
  const note = (field: string, treatment: FieldTreatment, text: string) =>
    fields.push({ field, treatment, note: text });
  const inputs = section(document, "InputCollect");
  const collect = isObject(document.ModelsCollect) ? document.ModelsCollect : {};
  const exported = section(document, "ExportedModel");
  const extras = isObject(document.Extras) ? document.Extras : {};
  for (const key of Object.keys(document)) {
    if (!["InputCollect", "ModelsCollect", "ExportedModel", "Extras"].includes(key))
      note(key, "ignored", `not part of Robyn ${ROBYN_JSON_VERSION}'s model file`);
  }

  const robynVersion = versionOf(inputs.version);
  const versionNote =
    robynVersion === ROBYN_JSON_VERSION
      ? null
      : `The file was written by ${robynVersion ? `Robyn ${robynVersion}` : "an unknown Robyn version"}; this importer reads Robyn ${ROBYN_JSON_VERSION}'s format.`;

  // InputCollect
  const text = (name: string, fallback?: string): string => {
    const value = inputs[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") return first;
    if (fallback !== undefined) return fallback;
    throw missing(`InputCollect.${name}`, versionNote);
  };
  const texts = (name: string): string[] => {
    const value = inputs[name];
    if (value === undefined || (isObject(value) && Object.keys(value).length === 0)) return [];
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((v) => typeof v === "string"))
      throw invalidInput(`InputCollect.${name}`, `InputCollect.${name} must be a list of names.`);
    return list as string[];
  };
  const signs = (name: string, count: number, fallback: Sign): Sign[] => {
    const given = texts(name);
    if (given.length === 0) return new Array<Sign>(count).fill(fallback);
    for (const sign of given) {
      if (!(SIGNS as readonly string[]).includes(sign))
        throw invalidInput(
          `InputCollect.${name}`,
          `InputCollect.${name} has "${sign}": signs are ${SIGNS.join(", ")}.`,
        );
    }
    return given as Sign[];
  };

  const paidSpends = texts("paid_media_spends");
  if (paidSpends.length === 0) throw missing("InputCollect.paid_media_spends", versionNote);
  const paidVars = texts("paid_media_vars");
  const organic = texts("organic_vars");
  const context = texts("context_vars");
  const prophet = texts("prophet_vars");
  for (const component of prophet) {
    if (!(PROPHET_COMPONENTS as readonly string[]).includes(component))
      throw invalidInput(
        "InputCollect.prophet_vars",
        `InputCollect.prophet_vars has "${component}", which the native engine cannot compute (it knows ${PROPHET_COMPONENTS.join(", ")}).`,
      );
  }
  const adstock = text("adstock");
  if (!(ADSTOCKS as readonly string[]).includes(adstock))
    throw invalidInput(
      "InputCollect.adstock",
      `InputCollect.adstock is "${adstock}": expected ${ADSTOCKS.join(", ")}.`,
    );
  const depVarType = text("dep_var_type");
  if (depVarType !== "revenue" && depVarType !== "conversion")
    throw invalidInput(
      "InputCollect.dep_var_type",
      `InputCollect.dep_var_type is "${depVarType}": expected revenue or conversion.`,
    );
  const calibration = Array.isArray(inputs.calibration_input)
    ? inputs.calibration_input.filter(isObject)
    : [];

  const custom = seasonalityFromCustomParams(inputs.custom_params);
  for (const key of Object.keys(inputs)) {
    const field = `InputCollect.${key}`;
    const empty = Array.isArray(inputs[key]) && (inputs[key] as Json[]).length === 0;
    if (key in USED_INPUTS) note(field, "used", empty ? "none" : USED_INPUTS[key]!);
    else if (DERIVED_INPUTS.includes(key)) note(field, "checked", "derived again from the data and compared");
    else if (key === "hyperparameters")
      note(
        field,
        "kept",
        "the search ranges of Robyn's run; one model is rebuilt from ExportedModel.hyper_values",
      );
    else if (key === "version") note(field, "checked", versionNote ?? `Robyn ${ROBYN_JSON_VERSION}`);
    else if (key === "custom_params") {
      const { seasonality, ignored } = custom;
      const notTaken =
        ignored.length > 0
          ? `extra robyn_inputs() arguments the native engine does not take: ${ignored.join(", ")}`
          : undefined;
      if (seasonality)
        note(
          field,
          "used",
          `Prophet's seasonality switches (${Object.keys(seasonality).join(", ")})${notTaken ? `; ${notTaken}` : ""}`,
        );
      else note(field, "ignored", notTaken ?? "no extra robyn_inputs() arguments");
    } else note(field, "ignored", `not part of Robyn ${ROBYN_JSON_VERSION}'s InputCollect`);
  }
  const prophetSigns = signs("prophet_signs", prophet.length, "default");
  if (prophetSigns.some((s) => s !== "default"))
    throw invalidInput(
      "InputCollect.prophet_signs",
      `InputCollect.prophet_signs is ${prophetSigns.join(", ")}: the native engine keeps Prophet components unconstrained ("default") only.`,
    );

  // ModelsCollect (Robyn merges it into ExportedModel when reading)
  const setting = (name: string): Json => {
    const value = collect[name] ?? exported[name];
    return Array.isArray(value) ? value[0] : value;
  };
  for (const key of Object.keys(collect)) {
    const field = `ModelsCollect.${key}`;
    if (key in USED_SETTINGS) note(field, "used", USED_SETTINGS[key]!);
    else if (BOOKKEEPING_SETTINGS.includes(key))
      note(field, "ignored", "describes Robyn's run, not the model");
    else note(field, "ignored", `not part of Robyn ${ROBYN_JSON_VERSION}'s ModelsCollect`);
  }
  const interceptSign = setting("intercept_sign") ?? "non_negative";
  if (interceptSign !== "non_negative" && interceptSign !== "unconstrained")
    throw invalidInput(
      "ModelsCollect.intercept_sign",
      `ModelsCollect.intercept_sign is "${String(interceptSign)}": expected non_negative or unconstrained.`,
    );

  // ExportedModel
  const solID = firstString(exported.select_model);
  if (!solID) throw missing("ExportedModel.select_model", versionNote);
  const values = exported.hyper_values;
  if (!isObject(values)) throw missing("ExportedModel.hyper_values", versionNote);
  const hyperparameters: Record<string, number> = {};
  for (const [name, value] of Object.entries(values)) {
    const number = Array.isArray(value) ? value[0] : value;
    if (typeof number !== "number" || !Number.isFinite(number))
      throw invalidInput(
        `ExportedModel.hyper_values.${name}`,
        `ExportedModel.hyper_values.${name} must be one number.`,
      );
    hyperparameters[name] = number;
  }
  if (hyperparameters.lambda === undefined) throw missing("ExportedModel.hyper_values.lambda", versionNote);
  // Robyn before 3.9.0 wrote no train_size; robyn_read then uses 1.
  if (hyperparameters.train_size === undefined) {
    hyperparameters.train_size = 1;
    note(
      "ExportedModel.hyper_values.train_size",
      "used",
      "absent (Robyn before 3.9.0): 1, as robyn_read does",
    );
  }
  for (const key of Object.keys(exported)) {
    const field = `ExportedModel.${key}`;
    if (key === "select_model") note(field, "used", "the model's id in Robyn");
    else if (key === "hyper_values")
      note(field, "used", "the model's hyperparameters; lambda is the absolute ridge penalty");
    else if (["errors", "summary", "performance"].includes(key))
      note(field, "checked", "Robyn's numbers, compared with the rebuilt model");
    else if (key === "hyper_updated")
      note(field, "ignored", "the bounds Robyn searched within; the model is in hyper_values");
    else if (key === "clusters")
      note(field, "ignored", "cluster membership in Robyn's run; a one-model run has none");
    else note(field, "ignored", `not part of Robyn ${ROBYN_JSON_VERSION}'s ExportedModel`);
  }
  const summaryRows = Array.isArray(exported.summary) ? exported.summary.filter(isObject) : [];
  for (const interval of ["boot_mean", "ci_low", "ci_up"]) {
    if (summaryRows.some((row) => interval in row))
      note(
        `ExportedModel.summary.${interval}`,
        "ignored",
        "bootstrapped over the cluster of Robyn's run; a one-model run has no cluster to bootstrap",
      );
  }
  for (const key of Object.keys(extras)) {
    if (key === "raw_data") note("Extras.raw_data", "used", "the data, unless a data file is given");
    else note(`Extras.${key}`, "ignored", "extra content added to robyn_write()");
  }
  note("rssd_zero_penalty", "used", "not in the file: Robyn's default (TRUE), as robyn_recreate uses");

  const ranges: Record<string, number[]> = {};
  if (isObject(inputs.hyperparameters))
    for (const [name, value] of Object.entries(inputs.hyperparameters))
      if (Array.isArray(value) && value.every((v) => typeof v === "number")) ranges[name] = value as number[];

  const derived: Record<string, unknown[]> = {};
  for (const key of DERIVED_INPUTS) if (Array.isArray(inputs[key])) derived[key] = inputs[key] as unknown[];

  return {
    solID,
    robynVersion,
    versionNote,
    settings: {
      country: firstString(inputs.prophet_country) ?? null,
      date_var: text("date_var", "auto"),
      dep_var: text("dep_var"),
      dep_var_type: depVarType,
      paid_media_spends: paidSpends,
      paid_media_vars: paidVars.length > 0 ? paidVars : paidSpends,
      paid_media_signs: signs("paid_media_signs", paidSpends.length, "positive"),
      organic_vars: organic,
      organic_signs: signs("organic_signs", organic.length, "positive"),
      context_vars: context,
      context_signs: signs("context_signs", context.length, "default"),
      factor_vars: texts("factor_vars"),
      prophet_vars: prophet as ProphetComponent[],
      prophet_signs: prophetSigns,
      ...(custom.seasonality ? { prophet_seasonality: custom.seasonality } : {}),
      window_start: firstString(inputs.window_start),
      window_end: firstString(inputs.window_end),
      adstock: adstock as AdstockType,
      intercept: setting("intercept") !== false,
      intercept_sign: interceptSign,
      rssd_zero_penalty: true,
      ts_validation: setting("ts_validation") === true,
      add_penalty_factor:
        setting("add_penalty_factor") === true ||
        Object.keys(hyperparameters).some((n) => n.endsWith("_penalty")),
      seed: typeof setting("seed") === "number" ? (setting("seed") as number) : 123,
      calibration_input: calibration.map((row) => ({ ...row })),
    },
    hyperparameters,
    ranges,
    rawData: Array.isArray(extras.raw_data) ? rowsToTable(extras.raw_data) : null,
    robyn: robynNumbers(exported),
    derived,
    fields,
  };
}

function robynNumbers(exported: JsonObject): RobynModelFile["robyn"] {
  const errors: Record<string, number> = {};
  const errorRow = Array.isArray(exported.errors) ? exported.errors[0] : undefined;
  if (isObject(errorRow))
    for (const [name, value] of Object.entries(errorRow)) if (typeof value === "number") errors[name] = value;
  const coefficients: Record<string, number> = {};
  const decompAgg: Record<string, number> = {};
  for (const row of Array.isArray(exported.summary) ? exported.summary : []) {
    if (!isObject(row) || typeof row.variable !== "string") continue;
    if (typeof row.coef === "number") coefficients[row.variable] = row.coef;
    if (typeof row.decompAgg === "number") decompAgg[row.variable] = row.decompAgg;
  }
  return { errors, coefficients, decompAgg };
}

/** Robyn's data frame rows (NA fields left out) as a column table; dates stay text. */
function rowsToTable(rows: Json[]): Table {
  const columns: string[] = [];
  for (const row of rows) {
    if (!isObject(row))
      throw invalidInput("Extras.raw_data", "Extras.raw_data must hold one object per data row.");
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  }
  const data: Record<string, Cell[]> = {};
  for (const column of columns) {
    data[column] = rows.map((row) => {
      const value = (row as JsonObject)[column];
      return typeof value === "number" || typeof value === "string" ? value : null;
    });
  }
  return { columns, data };
}

function versionOf(value: Json): string | null {
  const text = firstString(value);
  const match = text?.match(/v(\d+\.\d+\.\d+)/);
  return match ? match[1]! : null;
}

function section(document: JsonObject, name: string): JsonObject {
  const value = document[name];
  if (!isObject(value))
    throw invalidInput(
      name,
      `The file has no ${name}: it is not a model file written by robyn_write() with a selected model.`,
    );
  return value;
}

function missing(field: string, versionNote: string | null) {
  return invalidInput(
    field,
    `The file has no ${field}, which rebuilding the model needs.${versionNote ? ` ${versionNote}` : ""}`,
  );
}

function firstString(value: Json): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : undefined;
}

function isObject(value: Json): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
