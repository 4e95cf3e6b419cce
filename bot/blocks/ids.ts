/**
 * Every id the Slack app gives to Slack and gets back: slash command, modal callback ids, block ids and action
 * ids. Builders and listeners import them from here, so a renamed id cannot leave a listener deaf.
 *
 * Block ids of the modal inputs are also the keys of `response_action: "errors"`, so each RunSpec field
 * that a check can complain about maps to exactly one of them (`train/field-blocks.ts`).
 */

export const COMMAND = "/mmm";

/** `callback_id` of every modal. */
export const VIEW = {
  trainSource: "train_source",
  trainMapping: "train_mapping",
  trainSettings: "train_settings",
  /** Loading, checking and done states of the train modal: no inputs, nothing to submit. */
  trainStatus: "train_status",
  pickBest: "pick_best",
  allocate: "allocate",
  home: "home",
  /** A country's remembered lift studies (`/mmm lift DE`): a list, nothing to submit. */
  liftStudies: "lift_studies",
  /** One lift study added or edited, or several pasted as CSV. */
  liftStudy: "lift_study",
} as const;

/** Block ids of the train modal, step 1 (data). */
export const SOURCE_BLOCK = {
  table: "source_table",
  sql: "source_sql",
  dataset: "source_dataset",
  countries: "source_countries",
  countriesText: "source_countries_text",
  channel: "source_channel",
  problem: "source_problem",
} as const;

/** Block ids of the train modal, step 2 (variables), named after the RunSpec fields they fill. */
export const MAPPING_BLOCK = {
  date: "map_date_var",
  depVar: "map_dep_var",
  depVarType: "map_dep_var_type",
  spends: "map_paid_media_spends",
  exposures: "map_paid_media_vars",
  organic: "map_organic_vars",
  context: "map_context_vars",
  factors: "map_factor_vars",
  countryColumn: "map_country_column",
  save: "map_save",
  reasons: "map_reasons",
  problem: "map_problem",
} as const;

/** Block ids of the train modal, step 3 (training settings). */
export const SETTINGS_BLOCK = {
  preset: "set_preset",
  iterations: "set_iterations",
  trials: "set_trials",
  adstock: "set_adstock",
  windowStart: "set_window_start",
  windowEnd: "set_window_end",
  engine: "set_engine",
  validation: "set_validation",
  prophet: "set_prophet",
  calibration: "set_calibration",
  hyperparameterPreset: "set_hyperparameter_preset",
  hyperparameters: "set_hyperparameters",
  signs: "set_signs",
  seed: "set_seed",
  minCandidates: "set_min_candidates",
  tag: "set_tag",
  /** Leave out the country's remembered lift studies; remember the typed ones. */
  liftStudies: "set_lift_studies",
  problem: "set_problem",
} as const;

/** Block ids of the lift study form, named after the `calibration_input` fields they fill. */
export const LIFT_BLOCK = {
  channel: "lift_channel",
  liftStartDate: "lift_start_date",
  liftEndDate: "lift_end_date",
  liftAbs: "lift_abs",
  spend: "lift_spend",
  confidence: "lift_confidence",
  metric: "lift_metric",
  calibration_scope: "lift_scope",
  csv: "lift_csv",
} as const;

export const PICK_BLOCK = { model: "pick_model", note: "pick_note" } as const;

export const ALLOCATE_BLOCK = {
  model: "alloc_model",
  scenario: "alloc_scenario",
  budget: "alloc_budget",
  target: "alloc_target",
  low: "alloc_low",
  high: "alloc_high",
  dateRange: "alloc_date_range",
  /** Prefix of the per-channel bounds inputs: `alloc_bounds:<spend column>`. */
  channelBounds: "alloc_bounds:",
} as const;

/**
 * Action ids. Inputs read only at submission share one action id per block (`value`); the ones Slack sends
 * as they happen (buttons, the table picker, external selects) have their own.
 */
export const ACTION = {
  /** The element of an input block whose value is only read on submission. */
  value: "value",
  /** External select of warehouse tables (options load) that also dispatches when a table is picked. */
  tableSelected: "table_selected",
  cancelRun: "cancel_run",
  openViewer: "open_viewer",
  pickBest: "pick_best",
  allocate: "allocate",
  rerun: "rerun",
  refresh: "refresh_run",
  newRun: "new_run",
  /** "Lift studies…" in the train modal's first step: the chosen country's studies, pushed on top. */
  liftFromTrain: "lift_from_train",
  /** "Add studies" in a country's lift study list. */
  liftAdd: "lift_add",
  /** The Edit / Remove menu of one lift study (`edit:<id>`, `remove:<id>`). */
  liftStudyMenu: "lift_study_menu",
  /** "Train on it" under a dataset read from a shared file: the train modal with the dataset chosen. */
  trainDataset: "train_dataset",
  /** "Start N runs" under the summary of batch settings shared with the app (value: the kept file's token). */
  startBatch: "start_batch",
  /** "Cancel" beside it: the kept batch settings are dropped. */
  cancelBatch: "cancel_batch",
} as const;
