/**
 * The optional input blocks the modals ask with (text, number, date): one block shape (label, hint, the
 * value read back under ACTION.value) and one element per kind, so every modal asks the same way.
 */
import type { InputBlockElement, KnownBlock } from "@slack/types";
import { LIMITS } from "./block-kit-limits.ts";
import { ACTION } from "./ids.ts";
import { plain } from "./text-objects.ts";

/** A text input of at most `maxLength` characters; `initial` must already fit (callers cut it). */
export function textInput(
  blockId: string,
  label: string,
  hint: string,
  initial: string | undefined,
  { maxLength, multiline = false }: { maxLength: number; multiline?: boolean },
): KnownBlock {
  return optionalInput(blockId, label, hint, {
    type: "plain_text_input",
    action_id: ACTION.value,
    ...(multiline ? { multiline: true } : {}),
    max_length: maxLength,
    ...(initial ? { initial_value: initial } : {}),
  });
}

/** A number input, whole or decimal, between the bounds given. */
export function numberInput(
  blockId: string,
  label: string,
  hint: string,
  initial: number | undefined,
  { decimal, min, max }: { decimal: boolean; min?: number; max?: number },
): KnownBlock {
  return optionalInput(blockId, label, hint, {
    type: "number_input",
    action_id: ACTION.value,
    is_decimal_allowed: decimal,
    ...(min !== undefined ? { min_value: String(min) } : {}),
    ...(max !== undefined ? { max_value: String(max) } : {}),
    ...(initial !== undefined ? { initial_value: String(initial) } : {}),
  });
}

/** A date picker (`YYYY-MM-DD`). */
export function dateInput(
  blockId: string,
  label: string,
  initial: string | undefined,
  hint?: string,
): KnownBlock {
  return optionalInput(blockId, label, hint, {
    type: "datepicker",
    action_id: ACTION.value,
    ...(initial ? { initial_date: initial } : {}),
  });
}

function optionalInput(
  blockId: string,
  label: string,
  hint: string | undefined,
  element: InputBlockElement,
): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: true,
    label: plain(label, LIMITS.inputLabel),
    ...(hint !== undefined ? { hint: plain(hint, LIMITS.inputHint) } : {}),
    element,
  };
}
