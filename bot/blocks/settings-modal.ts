/**
 * The train modal's third step: training settings (preset or iterations × trials, adstock, window, engine,
 * validation, seasonality, calibration studies, hyperparameter preset, tag) and the advanced ones Robyn users
 * reach for (hyperparameter ranges, signs, seed, min_candidates; `train/advanced-settings.ts`). Pre-filled
 * from the run being re-run, or from what was typed before a check sent the form back.
 *
 * The builder is one typed literal that reads top to bottom in the order Slack shows it, so it is long
 * on purpose.
 */
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { ADSTOCKS, PROPHET_VARS, TRAINING_PRESETS, type TrainingPreset } from "../../core/run-spec.ts";
import type { BaseSettings, TrainDraft } from "../train/train-draft.ts";
import { hyperparameterLines, signLines, type SignEntries } from "../train/advanced-settings.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { code, escapeMrkdwn } from "./format.ts";
import { ACTION, SETTINGS_BLOCK, VIEW } from "./ids.ts";
import { dateInput, numberInput, textInput } from "./input-blocks.ts";
import { multilineInput } from "./multiline-input.ts";
import { rememberedStudiesBlocks } from "./remembered-studies-blocks.ts";
import { TRAIN_TITLE, problemBlock } from "./train-modal.ts";
import { mrkdwn, option, plain } from "./text-objects.ts";

export type PresetChoice = TrainingPreset | "custom";

/** What the form shows: every field optional (absent = the default). */
export interface SettingsValues extends BaseSettings {
  preset?: PresetChoice;
  /** Calibration studies as typed, one per line (kept verbatim when a check sends the form back). */
  calibrationText?: string;
  /** Hyperparameters and signs as typed (verbatim when a check sends the form back). */
  hyperparametersText?: string;
  signsText?: string;
  /** Signs by variable name, as typed; the spec's lists are built against the mapping. */
  signs?: SignEntries;
  /** Leave out the countries' remembered lift studies (`/mmm lift`). */
  leaveOutLiftStudies?: boolean;
  /** Remember the typed calibration studies for the countries' next runs. */
  rememberLiftStudies?: boolean;
}

export interface SettingsStep {
  draft: TrainDraft;
  metadata: string;
  values: SettingsValues;
  problem?: string;
}

const PRESET_OPTIONS: Record<PresetChoice, PlainTextOption> = {
  quick: option(TRAINING_PRESETS.quick.label, "quick"),
  benchmark: option(TRAINING_PRESETS.benchmark.label, "benchmark"),
  production: option(TRAINING_PRESETS.production.label, "production"),
  custom: option("Custom (iterations and trials below)", "custom"),
};

const ADSTOCK_OPTIONS = Object.fromEntries(
  ADSTOCKS.map((a) => [
    a,
    option(
      {
        geometric: "Geometric (decay)",
        weibull_cdf: "Weibull CDF (flexible decay)",
        weibull_pdf: "Weibull PDF (delayed peak)",
      }[a],
      a,
    ),
  ]),
) as Record<(typeof ADSTOCKS)[number], PlainTextOption>;

const ENGINE_OPTIONS = {
  native: option("Native (fast, this app's engine)", "native"),
  robyn: option("Robyn (the R package)", "robyn"),
};

const HYPERPARAMETER_PRESETS = {
  robyn_recommended: option("Robyn's recommended ranges", "robyn_recommended"),
  robyn_defaults: option("Robyn's default ranges", "robyn_defaults"),
};

const PROPHET_OPTIONS = Object.fromEntries(PROPHET_VARS.map((p) => [p, option(p, p)])) as Record<
  (typeof PROPHET_VARS)[number],
  PlainTextOption
>;

const CUSTOM_ONLY = "Used when the search size is Custom.";
/** The window dates' hint: an empty date leaves that end of the data in. */
const ALL_THE_DATA = "Empty: all the data.";

const VALIDATION_OPTION = option("Hold out validation and test periods (ts_validation)", "on");

/** The preset whose iterations × trials these are, or "custom". */
export function presetOf(values: Pick<SettingsValues, "iterations" | "trials">): PresetChoice {
  for (const [name, preset] of Object.entries(TRAINING_PRESETS)) {
    if (preset.iterations === values.iterations && preset.trials === values.trials)
      return name as TrainingPreset;
  }
  return values.iterations === undefined && values.trials === undefined ? "benchmark" : "custom";
}

export function settingsView(step: SettingsStep): ModalView {
  const v = step.values;
  const preset = v.preset ?? presetOf(v);
  const custom = preset === "custom";
  const mapping = step.draft.mapping;
  const summary = mapping
    ? `goal ${code(mapping.dep_var)}, ${mapping.paid_media_spends.length} paid channel(s), ` +
      `${mapping.organic_vars.length} organic, ${mapping.context_vars.length} context`
    : "variables not chosen yet";
  const prophet = (v.prophet_vars ?? ["trend", "season", "holiday"]).map((p) => PROPHET_OPTIONS[p]);
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(`*Step 3 of 3 · Training.* ${escapeMrkdwn(step.draft.countries.join(", "))}: ${summary}.`),
    },
  ];
  if (step.problem) blocks.push(problemBlock(SETTINGS_BLOCK.problem, step.problem));
  blocks.push(
    staticInput(SETTINGS_BLOCK.preset, "Search size", Object.values(PRESET_OPTIONS), PRESET_OPTIONS[preset]),
    numberInput(
      SETTINGS_BLOCK.iterations,
      "Iterations per trial",
      CUSTOM_ONLY,
      custom ? v.iterations : undefined,
      { decimal: false, min: 1, max: 100_000 },
    ),
    numberInput(SETTINGS_BLOCK.trials, "Trials", CUSTOM_ONLY, custom ? v.trials : undefined, {
      decimal: false,
      min: 1,
      max: 50,
    }),
    staticInput(
      SETTINGS_BLOCK.adstock,
      "Adstock",
      Object.values(ADSTOCK_OPTIONS),
      ADSTOCK_OPTIONS[v.adstock ?? "geometric"],
    ),
    dateInput(SETTINGS_BLOCK.windowStart, "Modelling window starts", v.window_start, ALL_THE_DATA),
    dateInput(SETTINGS_BLOCK.windowEnd, "Modelling window ends", v.window_end, ALL_THE_DATA),
    {
      type: "input",
      block_id: SETTINGS_BLOCK.engine,
      label: plain("Engine", LIMITS.inputLabel),
      element: {
        type: "radio_buttons",
        action_id: ACTION.value,
        options: [ENGINE_OPTIONS.native, ENGINE_OPTIONS.robyn],
        initial_option: ENGINE_OPTIONS[v.engine ?? "native"],
      },
    },
    {
      type: "input",
      block_id: SETTINGS_BLOCK.validation,
      optional: true,
      label: plain("Validation", LIMITS.inputLabel),
      element: {
        type: "checkboxes",
        action_id: ACTION.value,
        options: [VALIDATION_OPTION],
        ...(v.ts_validation ? { initial_options: [VALIDATION_OPTION] } : {}),
      },
    },
    {
      type: "input",
      block_id: SETTINGS_BLOCK.prophet,
      optional: true,
      label: plain("Trend and seasonality (Prophet)", LIMITS.inputLabel),
      element: {
        type: "checkboxes",
        action_id: ACTION.value,
        options: Object.values(PROPHET_OPTIONS),
        ...(prophet.length > 0 ? { initial_options: prophet } : {}),
      },
    },
    multilineInput(
      SETTINGS_BLOCK.calibration,
      "Calibration studies (lift tests)",
      "One per line: channel, start date, end date, measured lift, spend[, confidence]. " +
        "E.g. facebook_S, 2018-05-01, 2018-06-10, 400000, 70000",
      calibrationText(v),
    ),
    ...(step.draft.liftStudyCounts
      ? rememberedStudiesBlocks(step.draft.countries, {
          counts: step.draft.liftStudyCounts,
          ...(v.leaveOutLiftStudies ? { leaveOut: true } : {}),
          ...(v.rememberLiftStudies ? { remember: true } : {}),
        })
      : []),
    staticInput(
      SETTINGS_BLOCK.hyperparameterPreset,
      "Hyperparameter ranges",
      Object.values(HYPERPARAMETER_PRESETS),
      HYPERPARAMETER_PRESETS[v.hyperparameter_preset ?? "robyn_recommended"],
    ),
    { type: "header", text: plain("Advanced (optional)", LIMITS.headerText) },
    multilineInput(
      SETTINGS_BLOCK.hyperparameters,
      "Your own hyperparameters",
      "One per line: name = low, high (searched) or name = value (fixed), e.g. tv_S_thetas = 0.3, 0.8. " +
        "lambda = 0.1, 0.9 is Robyn's share; one lambda number is the ridge penalty. The rest come from the ranges above.",
      v.hyperparametersText ?? (v.hyperparameters ? hyperparameterLines(v.hyperparameters) : undefined),
    ),
    multilineInput(
      SETTINGS_BLOCK.signs,
      "Signs of effects",
      "One per line: variable = positive, negative or default, e.g. competitor_sales_B = negative. " +
        "Paid and organic media default to positive.",
      v.signsText ?? (mapping ? signLines(v, mapping) : undefined),
    ),
    numberInput(
      SETTINGS_BLOCK.seed,
      "Random seed",
      "The same seed and settings give the same models. Default 123.",
      v.seed,
      { decimal: false, min: 0, max: 2_147_483_647 },
    ),
    numberInput(
      SETTINGS_BLOCK.minCandidates,
      "Minimum Pareto candidates (min_candidates)",
      "Robyn widens the Pareto fronts until this many models are in. Default 100.",
      v.min_candidates,
      { decimal: false, min: 1, max: 10_000 },
    ),
    textInput(
      SETTINGS_BLOCK.tag,
      "Tag",
      "A label to find the run again, e.g. Q3 budget review.",
      v.tag?.slice(0, 100),
      { maxLength: 100 },
    ),
  );
  return {
    type: "modal",
    callback_id: VIEW.trainSettings,
    title: plain(TRAIN_TITLE, LIMITS.modalTitle),
    submit: plain("Start training", LIMITS.modalButton),
    close: plain("Back", LIMITS.modalButton),
    private_metadata: step.metadata,
    blocks,
  };
}

/** Studies as the text field shows them: `channel, start, end, lift, spend, confidence`. */
function calibrationText(v: SettingsValues): string | undefined {
  if (v.calibrationText !== undefined) return v.calibrationText || undefined;
  const studies = v.calibration_input ?? [];
  if (studies.length === 0) return undefined;
  return studies
    .map((s) => [s.channel, s.liftStartDate, s.liftEndDate, s.liftAbs, s.spend, s.confidence].join(", "))
    .join("\n");
}

function staticInput(
  blockId: string,
  label: string,
  options: PlainTextOption[],
  initial: PlainTextOption,
): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label, LIMITS.inputLabel),
    element: { type: "static_select", action_id: ACTION.value, options, initial_option: initial },
  };
}
