/**
 * Reading a submitted view's inputs by block id. Every input's element uses the action id `value`
 * (`ACTION.value`), except the table picker; these readers look at whichever action the block holds.
 */
import type { ViewOutput, ViewStateValue } from "@slack/bolt";

type State = ViewOutput["state"] | undefined;

function valueOf(state: State, blockId: string): ViewStateValue | undefined {
  const block = state?.values?.[blockId];
  if (!block) return undefined;
  return Object.values(block)[0];
}

/** Trimmed text of a text input; undefined when empty. */
export function textIn(state: State, blockId: string): string | undefined {
  const text = valueOf(state, blockId)?.value?.trim();
  return text ? text : undefined;
}

export function selectedIn(state: State, blockId: string): string | undefined {
  return valueOf(state, blockId)?.selected_option?.value ?? undefined;
}

export function selectedManyIn(state: State, blockId: string): string[] {
  return (valueOf(state, blockId)?.selected_options ?? []).map((o) => o.value);
}

export function dateIn(state: State, blockId: string): string | undefined {
  return valueOf(state, blockId)?.selected_date ?? undefined;
}

/** A number input's value; NaN when something that is not a number was typed, undefined when empty. */
export function numberIn(state: State, blockId: string): number | undefined {
  const text = valueOf(state, blockId)?.value?.trim();
  return text ? Number(text) : undefined;
}

export function conversationIn(state: State, blockId: string): string | undefined {
  return valueOf(state, blockId)?.selected_conversation ?? undefined;
}
