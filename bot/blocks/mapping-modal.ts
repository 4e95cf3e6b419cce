/**
 * The train modal's second step: which column plays which part in the model (Robyn's `robyn_inputs`
 * fields), pre-filled by the auto-mapping or a saved mapping or the run being re-run, with the reason for
 * every suggestion shown under the form. Options are column indices into the draft's column list, so column
 * names of any length fit Slack's 75-character option values.
 *
 * The builder is one typed literal that reads top to bottom in the order Slack shows it, so it is long
 * on purpose.
 */
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { DataProfile } from "../../core/data-profile/data-profile.ts";
import type { MappingRole, MappingSuggestion } from "../../core/mapping/mapping-suggestion.ts";
import type { MappingChoice, TrainDraft } from "../train/train-draft.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { code, escapeMrkdwn, formatPercent } from "./format.ts";
import { ACTION, MAPPING_BLOCK, VIEW } from "./ids.ts";
import { sourceSummaryBlock } from "./source-summary.ts";
import { TRAIN_TITLE, problemBlock } from "./train-modal.ts";
import { chunkLines, mrkdwn, option, plain } from "./text-objects.ts";

export interface SavedMappingInfo {
  /** "DE" or undefined for a table-wide mapping. */
  country?: string;
  by: string;
  at: string;
  newColumns: readonly string[];
  missingColumns: readonly string[];
}

export interface MappingStep {
  draft: TrainDraft;
  metadata: string;
  /** Every column of the loaded data, in table order (`draft.columns`). */
  columns: readonly string[];
  /** The auto-mapping (or saved mapping laid over it): a role and a reason per column. */
  suggestion: MappingSuggestion;
  /** What the form starts with. */
  initial: Partial<MappingChoice>;
  /** "table DEMO.SIMULATED_WEEKLY", "the SQL query". */
  sourceLabel: string;
  /** The country whose rows were read, and how many. */
  country: string;
  rows: number;
  /** The data profile against the suggested goal, when there is a goal that holds numbers. */
  profile?: DataProfile;
  saved?: SavedMappingInfo;
  /** Pre-filled from the run being re-run. */
  fromRerun?: boolean;
  /** Our id of the view (it was pushed), so `views.update` can find it. */
  externalId: string;
  problem?: string;
}

const ROLE_LABEL: Record<MappingRole, string> = {
  date: "date",
  dep_var: "goal",
  paid_media_spend: "paid media spend",
  paid_media_var: "exposure",
  organic: "organic",
  context: "context",
  factor: "factor (context)",
  country: "country column",
  ignore: "not used",
};

export function mappingView(step: MappingStep): ModalView {
  const options = columnOptions(step.columns, step.suggestion);
  const byName = new Map(options.map((o) => [step.columns[Number(o.value)]!, o]));
  const pick = (names: readonly string[] | undefined) =>
    (names ?? []).map((n) => byName.get(n)).filter((o): o is PlainTextOption => o !== undefined);
  const one = (name: string | undefined) => (name === undefined ? undefined : byName.get(name));
  const { initial } = step;

  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        `*Step 2 of 3 · Variables.* ${step.rows.toLocaleString("en-US")} rows of ${escapeMrkdwn(step.sourceLabel)} ` +
          `for ${escapeMrkdwn(step.country)}. ` +
          (step.fromRerun
            ? "Filled in from the run being re-run; change what you need."
            : "Suggested from the column names and values; correct anything that is wrong."),
      ),
    },
  ];
  if (step.profile) blocks.push(sourceSummaryBlock(step.profile));
  if (step.problem) blocks.push(problemBlock(MAPPING_BLOCK.problem, step.problem));
  if (step.saved) blocks.push(savedContext(step.saved));
  if (step.columns.length > options.length) {
    blocks.push({
      type: "context",
      elements: [
        mrkdwn(
          `The data has ${step.columns.length} columns; Slack lists at most ${LIMITS.selectOptions}, so the ` +
            `${options.length} most likely ones are offered. To use others, select fewer columns with SQL.`,
        ),
      ],
    });
  }
  blocks.push(
    selectInput(MAPPING_BLOCK.date, "Date column", options, one(initial.date_var), false),
    selectInput(
      MAPPING_BLOCK.depVar,
      "Goal (dep_var): what the model explains",
      options,
      one(initial.dep_var),
      false,
    ),
    {
      type: "input",
      block_id: MAPPING_BLOCK.depVarType,
      label: plain("The goal is", LIMITS.inputLabel),
      element: {
        type: "radio_buttons",
        action_id: ACTION.value,
        options: [GOAL_TYPES.revenue, GOAL_TYPES.conversion],
        initial_option: GOAL_TYPES[initial.dep_var_type ?? "revenue"],
      },
    },
    multiInput(MAPPING_BLOCK.spends, "Paid media spends", options, pick(initial.paid_media_spends), false),
    multiInput(
      MAPPING_BLOCK.exposures,
      "Exposures modelled instead of their spend (impressions, clicks)",
      options,
      pick((initial.paid_media_vars ?? []).filter((v) => !(initial.paid_media_spends ?? []).includes(v))),
      true,
      "Each is paired with the spend of the same channel (facebook_I with facebook_S).",
    ),
    multiInput(MAPPING_BLOCK.organic, "Organic media (no spend)", options, pick(initial.organic_vars), true),
    multiInput(
      MAPPING_BLOCK.context,
      "Context variables (competitors, prices, events)",
      options,
      pick((initial.context_vars ?? []).filter((v) => !(initial.factor_vars ?? []).includes(v))),
      true,
    ),
    multiInput(
      MAPPING_BLOCK.factors,
      "Categorical context variables (factors)",
      options,
      pick(initial.factor_vars),
      true,
    ),
    selectInput(
      MAPPING_BLOCK.countryColumn,
      "Country column (multi-country data)",
      options,
      one(initial.country_column),
      true,
    ),
    {
      type: "input",
      block_id: MAPPING_BLOCK.save,
      optional: true,
      label: plain("Remember", LIMITS.inputLabel),
      element: {
        type: "checkboxes",
        action_id: ACTION.value,
        options: [{ text: plain("Save this mapping for the table", LIMITS.optionText), value: "save" }],
        ...(step.draft.saveMapping
          ? {
              initial_options: [
                { text: plain("Save this mapping for the table", LIMITS.optionText), value: "save" },
              ],
            }
          : {}),
      },
    },
  );
  blocks.push(...reasonBlocks(step.suggestion, LIMITS.viewBlocks - blocks.length));
  return {
    type: "modal",
    callback_id: VIEW.trainMapping,
    title: plain(TRAIN_TITLE, LIMITS.modalTitle),
    submit: plain("Next", LIMITS.modalButton),
    close: plain("Back", LIMITS.modalButton),
    external_id: step.externalId,
    private_metadata: step.metadata,
    blocks,
  };
}

const GOAL_TYPES = {
  revenue: option("Revenue (ROAS)", "revenue"),
  conversion: option("Conversions (CPA)", "conversion"),
} as const;

/** At most 100 columns: the ones the suggestion uses first, then the rest, each in table order. */
function columnOptions(columns: readonly string[], suggestion: MappingSuggestion): PlainTextOption[] {
  const roleOf = new Map(suggestion.columns.map((c) => [c.column, c.role]));
  const indices = columns.map((_, i) => i);
  const used = indices.filter((i) => (roleOf.get(columns[i]!) ?? "ignore") !== "ignore");
  const rest = indices.filter((i) => (roleOf.get(columns[i]!) ?? "ignore") === "ignore");
  return [...used, ...rest]
    .slice(0, LIMITS.selectOptions)
    .sort((a, b) => a - b)
    .map((i) => option(columns[i]!, String(i)));
}

function selectInput(
  blockId: string,
  label: string,
  options: PlainTextOption[],
  initial: PlainTextOption | undefined,
  optional: boolean,
): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    optional,
    label: plain(label, LIMITS.inputLabel),
    element: {
      type: "static_select",
      action_id: ACTION.value,
      placeholder: plain("Choose a column", LIMITS.placeholder),
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

function multiInput(
  blockId: string,
  label: string,
  options: PlainTextOption[],
  initial: PlainTextOption[],
  optional: boolean,
  hint?: string,
): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    optional,
    label: plain(label, LIMITS.inputLabel),
    ...(hint ? { hint: plain(hint, LIMITS.inputHint) } : {}),
    element: {
      type: "multi_static_select",
      action_id: ACTION.value,
      placeholder: plain("Choose columns", LIMITS.placeholder),
      options,
      ...(initial.length > 0 ? { initial_options: initial } : {}),
    },
  };
}

function savedContext(saved: SavedMappingInfo): KnownBlock {
  const parts = [
    `Using the mapping saved ${saved.country ? `for ${escapeMrkdwn(saved.country)}` : "for this table"} by ` +
      `${escapeMrkdwn(saved.by)} on ${escapeMrkdwn(saved.at.slice(0, 10))}.`,
  ];
  if (saved.newColumns.length > 0)
    parts.push(`New since then: ${saved.newColumns.slice(0, 20).map(code).join(", ")}.`);
  if (saved.missingColumns.length > 0)
    parts.push(`Gone since then: ${saved.missingColumns.slice(0, 20).map(code).join(", ")}.`);
  return { type: "context", elements: [mrkdwn(parts.join(" "), LIMITS.contextText)] };
}

/** "Why": one line per column and the notes, in as many sections as needed and as fit. */
function reasonBlocks(suggestion: MappingSuggestion, room: number): KnownBlock[] {
  if (room < 2) return [];
  const lines = suggestion.columns.map((c) => {
    const role =
      c.role === "paid_media_var" && c.pairedWith
        ? `exposure for ${code(c.pairedWith)}`
        : c.role === "dep_var" && c.depVarType
          ? `goal (${c.depVarType})`
          : ROLE_LABEL[c.role];
    return `${code(c.column)} → ${role} (${formatPercent(c.confidence, 0)}): ${escapeMrkdwn(c.reason)}`;
  });
  const notes = suggestion.notes.map((n) => `:information_source: ${escapeMrkdwn(n)}`);
  const chunks = chunkLines([...notes, ...lines]);
  const blocks: KnownBlock[] = [
    { type: "divider" },
    { type: "section", block_id: MAPPING_BLOCK.reasons, text: mrkdwn("*Why these suggestions*") },
  ];
  const fit = Math.max(0, room - blocks.length);
  for (const chunk of chunks.slice(0, fit)) blocks.push({ type: "section", text: mrkdwn(chunk) });
  return blocks.length > 2 ? blocks : [];
}
