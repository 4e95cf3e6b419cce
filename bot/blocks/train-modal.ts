/**
 * The train modal's first step (data: a warehouse table or SQL, the countries, where to post) and the
 * status views shown while data loads, while a submission is checked, and once runs have started.
 * Steps 2 and 3 are `mapping-modal.ts` and `settings-modal.ts`.
 *
 * The builder is one typed literal that reads top to bottom in the order Slack shows it, so it is long
 * on purpose.
 */
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { preparationOptionValue, tableOptionValue } from "../train/table-option.ts";
import type { TrainDraft } from "../train/train-draft.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { escapeMrkdwn } from "./format.ts";
import { ACTION, SOURCE_BLOCK, VIEW } from "./ids.ts";
import { multilineInput } from "./multiline-input.ts";
import { mrkdwn, option, plain } from "./text-objects.ts";

export const TRAIN_TITLE = "Train a model";

export interface SourceStep {
  draft: TrainDraft;
  /** `encodeDraft(draft)`. */
  metadata: string;
  /** The countries of the chosen table, when known: a multi-select replaces the free-text field. */
  countries?: { values: readonly string[]; column?: string };
  /** Why the countries are not offered as a list (no country column, the table could not be read). */
  countriesNote?: string;
  /** A problem with the last attempt, shown above the form. */
  problem?: string;
  /** Uploaded datasets to offer as the source (their latest versions), when there are any. */
  datasets?: readonly DatasetOption[];
}

/** A dataset in the source step: its reference (`NAME@VERSION`) and what it holds, in a few words. */
export interface DatasetOption {
  ref: string;
  description: string;
}

export function trainSourceView(step: SourceStep): ModalView {
  const { draft } = step;
  const table = draft.source && "table" in draft.source ? draft.source.table : undefined;
  const sql = draft.source && "sql" in draft.source ? draft.source.sql : undefined;
  const dataset = draft.source && "dataset" in draft.source ? draft.source.dataset : undefined;
  const prepared = draft.source && "preparation" in draft.source ? draft.source.preparation : undefined;
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        "*Step 1 of 3 · Data.* Pick a warehouse table or a saved preparation (type to search), write one read-only SQL query, or " +
          "choose a dataset shared with the app. " +
          "Each country becomes its own run; they start together.",
      ),
    },
  ];
  if (step.problem) blocks.push(problemBlock(SOURCE_BLOCK.problem, step.problem));
  blocks.push(
    {
      type: "input",
      block_id: SOURCE_BLOCK.table,
      optional: true,
      dispatch_action: true,
      label: plain("Warehouse table", LIMITS.inputLabel),
      element: {
        type: "external_select",
        action_id: ACTION.tableSelected,
        min_query_length: 0,
        placeholder: plain("Search tables", LIMITS.placeholder),
        ...(table ? { initial_option: option(table, tableOptionValue(table)) } : {}),
        ...(prepared ? { initial_option: option(prepared, preparationOptionValue(prepared)) } : {}),
      },
    },
    multilineInput(
      SOURCE_BLOCK.sql,
      "Or a SQL query",
      "One SELECT (or WITH) statement. Write {country} where the country goes; it is bound, never pasted.",
      sql,
    ),
    ...datasetBlock(step.datasets ?? [], dataset),
    countriesBlock(step),
    {
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: ACTION.liftFromTrain,
          text: plain("Lift studies of the first country…", LIMITS.buttonText),
        },
      ],
    },
    {
      type: "input",
      block_id: SOURCE_BLOCK.channel,
      label: plain("Post progress and results in", LIMITS.inputLabel),
      element: {
        type: "conversations_select",
        action_id: ACTION.value,
        default_to_current_conversation: true,
        filter: { include: ["public", "private"], exclude_bot_users: true },
        ...(draft.channel ? { initial_conversation: draft.channel } : {}),
      },
    },
  );
  return {
    type: "modal",
    callback_id: VIEW.trainSource,
    title: plain(TRAIN_TITLE, LIMITS.modalTitle),
    submit: plain("Next", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: step.metadata,
    blocks,
  };
}

/** The dataset picker: the datasets offered, and the draft's own when it is an older version. */
function datasetBlock(datasets: readonly DatasetOption[], chosen: string | undefined): KnownBlock[] {
  const listed =
    chosen && !datasets.some((d) => d.ref === chosen)
      ? [{ ref: chosen, description: "" }, ...datasets]
      : datasets;
  if (listed.length === 0) return [];
  const options = listed
    .filter((d) => d.ref.length <= LIMITS.optionValue)
    .slice(0, LIMITS.selectOptions)
    .map((d) => option(d.ref, d.ref, d.description || undefined));
  const initial = options.find((o) => o.value === chosen);
  return [
    {
      type: "input",
      block_id: SOURCE_BLOCK.dataset,
      optional: true,
      label: plain("Or a dataset (a file shared with the app)", LIMITS.inputLabel),
      element: {
        type: "static_select",
        action_id: ACTION.value,
        placeholder: plain("Choose a dataset", LIMITS.placeholder),
        options,
        ...(initial ? { initial_option: initial } : {}),
      },
    },
  ];
}

function countriesBlock(step: SourceStep): KnownBlock {
  const known = step.countries;
  if (known && known.values.length > 0) {
    const options: PlainTextOption[] = known.values
      .filter((c) => c.length <= LIMITS.optionValue)
      .slice(0, LIMITS.selectOptions)
      .map((c) => option(c, c));
    const chosen = options.filter((o) => step.draft.countries.includes(o.value!));
    const hidden = known.values.length - options.length;
    return {
      type: "input",
      block_id: SOURCE_BLOCK.countries,
      label: plain("Countries", LIMITS.inputLabel),
      hint: plain(
        `${known.values.length} in column ${known.column ?? "country"}` +
          (hidden > 0 ? `; the first ${options.length} are listed (use SQL to pick among the rest)` : ""),
        LIMITS.inputHint,
      ),
      element: {
        type: "multi_static_select",
        action_id: ACTION.value,
        placeholder: plain("Choose one or more", LIMITS.placeholder),
        options,
        ...(chosen.length > 0 ? { initial_options: chosen } : {}),
      },
    };
  }
  return {
    type: "input",
    block_id: SOURCE_BLOCK.countriesText,
    label: plain("Countries", LIMITS.inputLabel),
    hint: plain(
      step.countriesNote ??
        "Two-letter codes separated by commas, e.g. DE, FR. Pick a table to choose from its countries.",
      LIMITS.inputHint,
    ),
    element: {
      type: "plain_text_input",
      action_id: ACTION.value,
      placeholder: plain("DE, FR", LIMITS.placeholder),
      max_length: 200,
      ...(step.draft.countries.length > 0 ? { initial_value: step.draft.countries.join(", ") } : {}),
    },
  };
}

/** A warning above a form: what went wrong with the last attempt. */
export function problemBlock(blockId: string, problem: string): KnownBlock {
  return { type: "section", block_id: blockId, text: mrkdwn(`:warning: ${escapeMrkdwn(problem)}`) };
}

export type TrainStatusState = "loading" | "checking" | "starting" | "started" | "failed";

const STATUS_ICON: Record<TrainStatusState, string> = {
  loading: ":hourglass_flowing_sand:",
  checking: ":mag:",
  starting: ":rocket:",
  started: ":white_check_mark:",
  failed: ":x:",
};

export interface TrainStatus {
  state: TrainStatusState;
  /** One line: what is happening ("Reading DEMO.SIMULATED_WEEKLY…"). Plain text: it is escaped. */
  headline: string;
  /** Further lines in mrkdwn, already escaped by the caller. */
  details?: readonly string[];
  /** Lets `views.update` find a pushed view by our own id. */
  externalId?: string;
  metadata?: string;
  /** A pushed view whose close button goes back to the step below it (to change the data), not closing all. */
  back?: boolean;
}

/** A modal without inputs: loading, checking, starting, started or failed. */
export function trainStatusView(status: TrainStatus): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(`${STATUS_ICON[status.state]} *${escapeMrkdwn(status.headline)}*`),
    },
  ];
  for (const detail of (status.details ?? []).slice(0, 40)) {
    blocks.push({ type: "section", text: mrkdwn(detail) });
  }
  return {
    type: "modal",
    callback_id: VIEW.trainStatus,
    title: plain(TRAIN_TITLE, LIMITS.modalTitle),
    close: plain(
      status.back ? "Back" : status.state === "started" || status.state === "failed" ? "Done" : "Close",
      LIMITS.modalButton,
    ),
    clear_on_close: !status.back,
    ...(status.externalId ? { external_id: status.externalId } : {}),
    ...(status.metadata ? { private_metadata: status.metadata } : {}),
    blocks,
  };
}
