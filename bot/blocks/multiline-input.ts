/** An optional multi-line text input (a SQL query, calibration studies), its text cut to Slack's limit. */
import type { KnownBlock } from "@slack/types";
import { LIMITS } from "./block-kit-limits.ts";
import { ACTION } from "./ids.ts";
import { plain } from "./text-objects.ts";

export function multilineInput(
  blockId: string,
  label: string,
  hint: string,
  initial: string | undefined,
): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: true,
    label: plain(label, LIMITS.inputLabel),
    hint: plain(hint, LIMITS.inputHint),
    element: {
      type: "plain_text_input",
      action_id: ACTION.value,
      multiline: true,
      max_length: LIMITS.plainTextInputLength,
      ...(initial ? { initial_value: initial.slice(0, LIMITS.plainTextInputLength) } : {}),
    },
  };
}
