/**
 * Where an error about a RunSpec field is shown: the step of the train modal and the input block that holds
 * the field (`MmmError.context.field` → block id), so `response_action: "errors"` lands on the exact input.
 */
import { MAPPING_BLOCK, SETTINGS_BLOCK, SOURCE_BLOCK } from "../blocks/ids.ts";

export type TrainStep = "source" | "mapping" | "settings";

export interface FieldPlace {
  step: TrainStep;
  blockId: string;
}

/** Most specific first: the first prefix that matches `field` wins. */
const PLACES: readonly [string, FieldPlace][] = [
  ["data.country_column", { step: "mapping", blockId: MAPPING_BLOCK.countryColumn }],
  ["data.columns", { step: "mapping", blockId: MAPPING_BLOCK.spends }],
  ["data.table", { step: "source", blockId: SOURCE_BLOCK.table }],
  ["data.sql", { step: "source", blockId: SOURCE_BLOCK.sql }],
  ["data", { step: "source", blockId: SOURCE_BLOCK.table }],
  ["countries", { step: "source", blockId: SOURCE_BLOCK.countriesText }],
  ["country", { step: "source", blockId: SOURCE_BLOCK.countriesText }],
  ["date_var", { step: "mapping", blockId: MAPPING_BLOCK.date }],
  ["dep_var_type", { step: "mapping", blockId: MAPPING_BLOCK.depVarType }],
  ["dep_var", { step: "mapping", blockId: MAPPING_BLOCK.depVar }],
  ["paid_media_spends", { step: "mapping", blockId: MAPPING_BLOCK.spends }],
  ["paid_media_signs", { step: "settings", blockId: SETTINGS_BLOCK.signs }],
  ["paid_media_vars", { step: "mapping", blockId: MAPPING_BLOCK.exposures }],
  ["organic_vars", { step: "mapping", blockId: MAPPING_BLOCK.organic }],
  ["organic_signs", { step: "settings", blockId: SETTINGS_BLOCK.signs }],
  ["factor_vars", { step: "mapping", blockId: MAPPING_BLOCK.factors }],
  ["context_vars", { step: "mapping", blockId: MAPPING_BLOCK.context }],
  ["context_signs", { step: "settings", blockId: SETTINGS_BLOCK.signs }],
  ["window_start", { step: "settings", blockId: SETTINGS_BLOCK.windowStart }],
  ["window_end", { step: "settings", blockId: SETTINGS_BLOCK.windowEnd }],
  ["iterations", { step: "settings", blockId: SETTINGS_BLOCK.iterations }],
  ["trials", { step: "settings", blockId: SETTINGS_BLOCK.trials }],
  ["adstock", { step: "settings", blockId: SETTINGS_BLOCK.adstock }],
  ["engine", { step: "settings", blockId: SETTINGS_BLOCK.engine }],
  ["ts_validation", { step: "settings", blockId: SETTINGS_BLOCK.validation }],
  ["prophet", { step: "settings", blockId: SETTINGS_BLOCK.prophet }],
  ["calibration", { step: "settings", blockId: SETTINGS_BLOCK.calibration }],
  ["hyperparameters", { step: "settings", blockId: SETTINGS_BLOCK.hyperparameters }],
  ["hyperparameter", { step: "settings", blockId: SETTINGS_BLOCK.hyperparameterPreset }],
  ["seed", { step: "settings", blockId: SETTINGS_BLOCK.seed }],
  ["min_candidates", { step: "settings", blockId: SETTINGS_BLOCK.minCandidates }],
  ["tag", { step: "settings", blockId: SETTINGS_BLOCK.tag }],
];

/** The block for a field; fields no input holds (limits, for instance) are shown above the settings form. */
export function placeOfField(field: string | undefined): FieldPlace | undefined {
  if (!field) return undefined;
  return PLACES.find(([prefix]) => field === prefix || field.startsWith(prefix))?.[1];
}
