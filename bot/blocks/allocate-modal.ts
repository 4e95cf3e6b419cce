/**
 * The "Allocate budget" modal: Robyn's budget allocator on one model of a finished run.
 *
 * The builder is one typed literal that reads top to bottom in the order Slack shows it, so it is long
 * on purpose.
 */
import type { ModalView } from "@slack/types";
import type { Run } from "../../core/run.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { channelBoundsBlocks } from "./channel-bounds-input.ts";
import { escapeMrkdwn } from "./format.ts";
import { ACTION, ALLOCATE_BLOCK, VIEW } from "./ids.ts";
import { modelOptions, type RunModalMetadata } from "./pick-best-modal.ts";
import { mrkdwn, option, plain } from "./text-objects.ts";

const SCENARIOS = {
  max_response: option("Most response for the budget", "max_response"),
  target_efficiency: option("Largest spend that meets a ROAS / CPA target", "target_efficiency"),
};

export const DATE_RANGES = ["all", "last_52", "last_26", "last_13", "last_4", "last"] as const;
const DATE_RANGE_LABELS: Record<(typeof DATE_RANGES)[number], string> = {
  all: "The whole modelling window",
  last_52: "The last 52 periods",
  last_26: "The last 26 periods",
  last_13: "The last 13 periods",
  last_4: "The last 4 periods",
  last: "The last period",
};

export function allocateView(run: Run, metadata: RunModalMetadata): ModalView {
  const models = modelOptions(run);
  const ranges = DATE_RANGES.map((r) => option(DATE_RANGE_LABELS[r], r));
  const metric = run.spec.dep_var_type === "conversion" ? "CPA" : "ROAS";
  return {
    type: "modal",
    callback_id: VIEW.allocate,
    title: plain("Allocate budget", LIMITS.modalTitle),
    submit: plain("Allocate", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          `Split a budget across the paid channels of the ${escapeMrkdwn(run.country)} model using its response ` +
            "curves. The table goes into the run's thread.",
        ),
      },
      {
        type: "input",
        block_id: ALLOCATE_BLOCK.model,
        label: plain("Model", LIMITS.inputLabel),
        element: {
          type: "static_select",
          action_id: ACTION.value,
          options: models,
          ...(models[0] ? { initial_option: models[0] } : {}),
        },
      },
      {
        type: "input",
        block_id: ALLOCATE_BLOCK.scenario,
        label: plain("Goal", LIMITS.inputLabel),
        element: {
          type: "radio_buttons",
          action_id: ACTION.value,
          options: [SCENARIOS.max_response, SCENARIOS.target_efficiency],
          initial_option: SCENARIOS.max_response,
        },
      },
      {
        type: "input",
        block_id: ALLOCATE_BLOCK.budget,
        optional: true,
        label: plain("Total budget over the date range", LIMITS.inputLabel),
        hint: plain("Empty: what was spent in that range.", LIMITS.inputHint),
        element: { type: "number_input", action_id: ACTION.value, is_decimal_allowed: true, min_value: "0" },
      },
      {
        type: "input",
        block_id: ALLOCATE_BLOCK.target,
        optional: true,
        label: plain(`Target ${metric}`, LIMITS.inputLabel),
        hint: plain(
          `For the second goal. Empty: Robyn's default (${metric === "ROAS" ? "0.8" : "1.2"} × today's).`,
          LIMITS.inputHint,
        ),
        element: { type: "number_input", action_id: ACTION.value, is_decimal_allowed: true, min_value: "0" },
      },
      {
        type: "input",
        block_id: ALLOCATE_BLOCK.low,
        optional: true,
        label: plain("Lowest spend, every channel (× today's)", LIMITS.inputLabel),
        hint: plain("Empty: 0.5 (most response) or 0.1 (target).", LIMITS.inputHint),
        element: { type: "number_input", action_id: ACTION.value, is_decimal_allowed: true, min_value: "0" },
      },
      {
        type: "input",
        block_id: ALLOCATE_BLOCK.high,
        optional: true,
        label: plain("Highest spend, every channel (× today's)", LIMITS.inputLabel),
        hint: plain("Empty: 2 (most response) or 10 (target).", LIMITS.inputHint),
        element: { type: "number_input", action_id: ACTION.value, is_decimal_allowed: true, min_value: "0" },
      },
      ...channelBoundsBlocks(run.spec.paid_media_spends),
      {
        type: "input",
        block_id: ALLOCATE_BLOCK.dateRange,
        label: plain("Date range (today's spend is its average)", LIMITS.inputLabel),
        element: {
          type: "static_select",
          action_id: ACTION.value,
          options: ranges,
          initial_option: ranges[0]!,
        },
      },
    ],
  };
}
