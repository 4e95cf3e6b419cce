/** An optional multi-line text input (a SQL query, calibration studies), its text cut to Slack's limit. */
import type { KnownBlock } from "@slack/types";
import { LIMITS } from "./block-kit-limits.ts";
import { textInput } from "./input-blocks.ts";

export function multilineInput(
  blockId: string,
  label: string,
  hint: string,
  initial: string | undefined,
): KnownBlock {
  const maxLength = LIMITS.plainTextInputLength;
  return textInput(blockId, label, hint, initial?.slice(0, maxLength), { maxLength, multiline: true });
}
