/**
 * What each step of the train modal submitted, checked for what can be checked without the data: a table or
 * SQL (not both), country codes, the variables making a consistent mapping, numbers and calibration lines.
 * Problems come back keyed by block id, ready for `response_action: "errors"`.
 *
 * `readMappingStep` reads the roles, pairs exposures and names every problem in one pass, hence its length.
 */
import { marketKey } from "../../core/market.ts";
import type { ViewOutput } from "@slack/bolt";
import { assembleMapping } from "../../core/mapping/assemble-mapping.ts";
import type { ColumnSuggestion, MappingRole } from "../../core/mapping/mapping-suggestion.ts";
import { CalibrationStudy, TRAINING_PRESETS, type TrainingPreset } from "../../core/run-spec.ts";
import { MAPPING_BLOCK, SETTINGS_BLOCK, SOURCE_BLOCK } from "../blocks/ids.ts";
import { LIFT_CHOICE } from "../blocks/remembered-studies-blocks.ts";
import type { PresetChoice, SettingsValues } from "../blocks/settings-modal.ts";
import type { MappingChoice } from "./train-draft.ts";
import { parseHyperparameterLines, parseSignLines } from "./advanced-settings.ts";
import { conversationIn, dateIn, numberIn, selectedIn, selectedManyIn, textIn } from "./view-state.ts";

export type BlockErrors = Record<string, string>;

export interface SourceSubmission {
  /** The table picker's option value (see `table-option.ts`), the SQL text, or a dataset's reference. */
  source?: { tableValue: string } | { sql: string } | { dataset: string };
  countries: string[];
  channel?: string;
  errors: BlockErrors;
}

export function readSourceStep(view: ViewOutput): SourceSubmission {
  const state = view.state;
  const errors: BlockErrors = {};
  const tableValue = selectedIn(state, SOURCE_BLOCK.table);
  const sql = textIn(state, SOURCE_BLOCK.sql);
  const dataset = selectedIn(state, SOURCE_BLOCK.dataset);
  const given = [tableValue, sql, dataset].filter(Boolean).length;
  if (given > 1) {
    errors[dataset ? SOURCE_BLOCK.dataset : SOURCE_BLOCK.sql] =
      "Use one source: a table, a SQL query or a dataset. Clear the others.";
  }
  if (given === 0)
    errors[SOURCE_BLOCK.table] = "Pick a table, write a SQL query, or choose an uploaded dataset below.";
  const listed = state.values[SOURCE_BLOCK.countries] !== undefined;
  const raw = listed
    ? selectedManyIn(state, SOURCE_BLOCK.countries)
    : (textIn(state, SOURCE_BLOCK.countriesText) ?? "").split(/[\s,;]+/).filter(Boolean);
  // Markets as the data holds them: country codes (any case) or values such as Geo3.
  const countries = [...new Set(raw.map((c) => (isMarket(c) ? marketKey(c) : c.trim())))];
  const countryBlock = listed ? SOURCE_BLOCK.countries : SOURCE_BLOCK.countriesText;
  const bad = countries.filter((c) => !isMarket(c));
  if (countries.length === 0) errors[countryBlock] = "Name at least one market, e.g. DE or Geo3.";
  else if (bad.length > 0)
    errors[countryBlock] =
      `${bad.map((c) => `"${c}"`).join(", ")} ${bad.length === 1 ? "is not a market" : "are not markets"}: use the values of the data's market column, such as DE or Geo3.`;
  else if (countries.length > 20)
    errors[countryBlock] = `${countries.length} countries; start at most 20 at a time.`;
  const channel = conversationIn(state, SOURCE_BLOCK.channel);
  return {
    ...(given !== 1
      ? {}
      : tableValue
        ? { source: { tableValue } }
        : sql
          ? { source: { sql } }
          : { source: { dataset: dataset! } }),
    countries,
    ...(channel ? { channel } : {}),
    errors,
  };
}

const ROLE_BLOCKS: readonly [string, MappingRole][] = [
  [MAPPING_BLOCK.spends, "paid_media_spend"],
  [MAPPING_BLOCK.exposures, "paid_media_var"],
  [MAPPING_BLOCK.organic, "organic"],
  [MAPPING_BLOCK.factors, "factor"],
  [MAPPING_BLOCK.context, "context"],
];

const ROLE_NAMES: Partial<Record<MappingRole, string>> = {
  date: "the date column",
  dep_var: "the goal",
  paid_media_spend: "a paid media spend",
  paid_media_var: "an exposure",
  organic: "an organic variable",
  context: "a context variable",
  factor: "a factor",
  country: "the country column",
};

export interface MappingSubmission {
  mapping?: MappingChoice;
  save: boolean;
  errors: BlockErrors;
}

/** The variables step: one role per column, exposures paired with their spends as the auto-mapping pairs them. */
export function readMappingStep(view: ViewOutput, columns: readonly string[]): MappingSubmission {
  const state = view.state;
  const errors: BlockErrors = {};
  const name = (value: string | undefined) => (value === undefined ? undefined : columns[Number(value)]);
  const roles = new Map<string, MappingRole>();
  const claim = (column: string | undefined, role: MappingRole, blockId: string) => {
    if (column === undefined) return;
    const previous = roles.get(column);
    if (previous && previous !== role) {
      errors[blockId] ??= `${column} is already ${ROLE_NAMES[previous]}: give each column one role.`;
      return;
    }
    roles.set(column, role);
  };
  const date = name(selectedIn(state, MAPPING_BLOCK.date));
  const goal = name(selectedIn(state, MAPPING_BLOCK.depVar));
  claim(date, "date", MAPPING_BLOCK.date);
  claim(goal, "dep_var", MAPPING_BLOCK.depVar);
  for (const [blockId, role] of ROLE_BLOCKS)
    for (const value of selectedManyIn(state, blockId)) claim(name(value), role, blockId);
  const countryColumn = name(selectedIn(state, MAPPING_BLOCK.countryColumn));
  claim(countryColumn, "country", MAPPING_BLOCK.countryColumn);
  const goalType = selectedIn(state, MAPPING_BLOCK.depVarType) === "conversion" ? "conversion" : "revenue";

  const suggestions: ColumnSuggestion[] = columns.map((column) => ({
    column,
    role: roles.get(column) ?? "ignore",
    confidence: 1,
    reason: "chosen in Slack",
    ...(roles.get(column) === "dep_var" ? { depVarType: goalType } : {}),
  }));
  const assembled = assembleMapping(suggestions);
  // Exposures the pairing set aside have no spend of their channel.
  const unpaired = suggestions
    .filter((s) => s.role === "paid_media_var")
    .filter((s) => assembled.columns.find((c) => c.column === s.column)?.role !== "paid_media_var");
  if (unpaired.length > 0)
    errors[MAPPING_BLOCK.exposures] ??=
      `${unpaired.map((u) => u.column).join(", ")}: no spend column of the same channel is chosen, and Robyn models ` +
      "an exposure only beside its spend. Choose the spend too, or remove the exposure.";
  if (!date) errors[MAPPING_BLOCK.date] = "Choose the date column.";
  if (!goal) errors[MAPPING_BLOCK.depVar] = "Choose the goal: the column the model explains.";
  if (assembled.spec.paid_media_spends.length === 0)
    errors[MAPPING_BLOCK.spends] ??= "Choose at least one paid media spend column.";
  const save = selectedManyIn(state, MAPPING_BLOCK.save).includes("save");
  if (Object.keys(errors).length > 0 || !date || !goal) return { save, errors };
  const spec = assembled.spec;
  return {
    mapping: {
      date_var: date,
      dep_var: goal,
      dep_var_type: goalType,
      paid_media_spends: [...spec.paid_media_spends],
      paid_media_vars: [...spec.paid_media_vars],
      organic_vars: [...spec.organic_vars],
      context_vars: [...spec.context_vars],
      factor_vars: [...spec.factor_vars],
      ...(countryColumn ? { country_column: countryColumn } : {}),
    },
    save,
    errors,
  };
}

export interface SettingsSubmission {
  values: SettingsValues;
  errors: BlockErrors;
}

export function readSettingsStep(view: ViewOutput): SettingsSubmission {
  const state = view.state;
  const errors: BlockErrors = {};
  const preset = (selectedIn(state, SETTINGS_BLOCK.preset) ?? "benchmark") as PresetChoice;
  let iterations: number | undefined;
  let trials: number | undefined;
  if (preset === "custom") {
    iterations = numberIn(state, SETTINGS_BLOCK.iterations);
    trials = numberIn(state, SETTINGS_BLOCK.trials);
    if (iterations === undefined || !Number.isInteger(iterations) || iterations < 1 || iterations > 100_000)
      errors[SETTINGS_BLOCK.iterations] =
        "With a Custom search size, give the iterations: a whole number from 1 to 100000.";
    if (trials === undefined || !Number.isInteger(trials) || trials < 1 || trials > 50)
      errors[SETTINGS_BLOCK.trials] =
        "With a Custom search size, give the trials: a whole number from 1 to 50.";
  } else {
    ({ iterations, trials } = TRAINING_PRESETS[preset as TrainingPreset]);
  }
  const windowStart = dateIn(state, SETTINGS_BLOCK.windowStart);
  const windowEnd = dateIn(state, SETTINGS_BLOCK.windowEnd);
  if (windowStart && windowEnd && windowEnd < windowStart)
    errors[SETTINGS_BLOCK.windowEnd] = `The window ends (${windowEnd}) before it starts (${windowStart}).`;
  const calibrationText = textIn(state, SETTINGS_BLOCK.calibration);
  const calibration = parseCalibration(calibrationText ?? "");
  if (typeof calibration === "string") errors[SETTINGS_BLOCK.calibration] = calibration;
  const hyperparametersText = textIn(state, SETTINGS_BLOCK.hyperparameters);
  const hyperparameters = parseHyperparameterLines(hyperparametersText ?? "");
  if (typeof hyperparameters === "string") errors[SETTINGS_BLOCK.hyperparameters] = hyperparameters;
  const signsText = textIn(state, SETTINGS_BLOCK.signs);
  const signs = parseSignLines(signsText ?? "");
  if (typeof signs === "string") errors[SETTINGS_BLOCK.signs] = signs;
  const seed = numberIn(state, SETTINGS_BLOCK.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 2_147_483_647))
    errors[SETTINGS_BLOCK.seed] = "The seed is a whole number from 0 to 2147483647, or empty for 123.";
  const minCandidates = numberIn(state, SETTINGS_BLOCK.minCandidates);
  if (
    minCandidates !== undefined &&
    !(Number.isInteger(minCandidates) && minCandidates >= 1 && minCandidates <= 10_000)
  )
    errors[SETTINGS_BLOCK.minCandidates] =
      "min_candidates is a whole number from 1 to 10000, or empty for 100.";
  const tag = textIn(state, SETTINGS_BLOCK.tag);
  const adstock = selectedIn(state, SETTINGS_BLOCK.adstock) as SettingsValues["adstock"];
  const engine = selectedIn(state, SETTINGS_BLOCK.engine) === "robyn" ? "robyn" : "native";
  const hyperparameterPreset = selectedIn(
    state,
    SETTINGS_BLOCK.hyperparameterPreset,
  ) as SettingsValues["hyperparameter_preset"];
  return {
    values: {
      preset,
      ...(iterations !== undefined && Number.isFinite(iterations) ? { iterations } : {}),
      ...(trials !== undefined && Number.isFinite(trials) ? { trials } : {}),
      ...(adstock ? { adstock } : {}),
      ...(windowStart ? { window_start: windowStart } : {}),
      ...(windowEnd ? { window_end: windowEnd } : {}),
      engine,
      ts_validation: selectedManyIn(state, SETTINGS_BLOCK.validation).includes("on"),
      prophet_vars: selectedManyIn(state, SETTINGS_BLOCK.prophet) as SettingsValues["prophet_vars"],
      ...(Array.isArray(calibration) ? { calibration_input: calibration } : {}),
      calibrationText: calibrationText ?? "",
      ...liftChoices(selectedManyIn(state, SETTINGS_BLOCK.liftStudies)),
      ...(hyperparameterPreset ? { hyperparameter_preset: hyperparameterPreset } : {}),
      hyperparametersText: hyperparametersText ?? "",
      ...(typeof hyperparameters === "object" ? { hyperparameters } : {}),
      signsText: signsText ?? "",
      ...(typeof signs === "object" ? { signs } : {}),
      ...(seed !== undefined && Number.isInteger(seed) ? { seed } : {}),
      ...(minCandidates !== undefined && Number.isInteger(minCandidates)
        ? { min_candidates: minCandidates }
        : {}),
      ...(tag ? { tag } : {}),
    },
    errors,
  };
}

function liftChoices(
  selected: readonly string[],
): Pick<SettingsValues, "leaveOutLiftStudies" | "rememberLiftStudies"> {
  return {
    ...(selected.includes(LIFT_CHOICE.leaveOut) ? { leaveOutLiftStudies: true } : {}),
    ...(selected.includes(LIFT_CHOICE.remember) ? { rememberLiftStudies: true } : {}),
  };
}

/**
 * Calibration studies, one per line: `channel, start, end, lift, spend[, confidence]`. Returns the studies, or
 * what is wrong with the first bad line.
 */
export function parseCalibration(text: string): CalibrationStudy[] | string {
  const studies: CalibrationStudy[] = [];
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const parts = line.split(/\s*[,;\t]\s*/);
    if (parts.length < 5 || parts.length > 6)
      return `Line ${i + 1} has ${parts.length} parts; write channel, start date, end date, lift, spend[, confidence].`;
    const [channel, start, end, lift, spend, confidence] = parts as [
      string,
      string,
      string,
      string,
      string,
      string?,
    ];
    const parsed = CalibrationStudy.safeParse({
      channel,
      liftStartDate: start,
      liftEndDate: end,
      liftAbs: Number(lift.replace(/_/g, "")),
      spend: Number(spend.replace(/_/g, "")),
      ...(confidence !== undefined ? { confidence: Number(confidence) } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return `Line ${i + 1}: ${String(issue.path[0] ?? "")} ${issue.message}.`;
    }
    if (parsed.data.liftEndDate < parsed.data.liftStartDate)
      return `Line ${i + 1}: the study ends (${parsed.data.liftEndDate}) before it starts (${parsed.data.liftStartDate}).`;
    studies.push(parsed.data);
  }
  return studies;
}

function isMarket(value: string): boolean {
  try {
    marketKey(value);
    return true;
  } catch {
    return false;
  }
}
