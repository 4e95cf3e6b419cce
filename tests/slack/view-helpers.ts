/** Reading what the app put in a view or message, as a person would see it, for the Slack tests. */
import type { StateValue } from "./slack-requests.ts";

type Json = Record<string, unknown>;

export function blocksOf(surface: Json): Json[] {
  return (surface.blocks as Json[] | undefined) ?? [];
}

export function inputBlock(view: Json, blockId: string): Json | undefined {
  return blocksOf(view).find((b) => b.block_id === blockId);
}

/** The value an input starts with, as Slack would report it if the person submitted it unchanged. */
export function initialState(view: Json, blockId: string): StateValue | undefined {
  const block = inputBlock(view, blockId);
  if (!block) return undefined;
  const element = block.element as Json;
  const type = element.type as string;
  if (element.initial_options) {
    return { type, selected_options: element.initial_options as unknown[] };
  }
  if (element.initial_option) return { type, selected_option: element.initial_option };
  if (element.initial_value !== undefined) return { type, value: element.initial_value };
  if (element.initial_date !== undefined) return { type, selected_date: element.initial_date };
  if (element.initial_conversation !== undefined)
    return { type, selected_conversation: element.initial_conversation };
  return undefined;
}

/** Every input's initial value: submitting a form as it was shown. */
export function initialStates(view: Json): Record<string, StateValue> {
  const out: Record<string, StateValue> = {};
  for (const block of blocksOf(view)) {
    if (block.type !== "input") continue;
    const value = initialState(view, block.block_id as string);
    if (value) out[block.block_id as string] = value;
  }
  return out;
}

/** Option texts of a select input. */
export function optionTexts(view: Json, blockId: string): string[] {
  const element = inputBlock(view, blockId)?.element as Json | undefined;
  return ((element?.options as Json[]) ?? []).map((o) => (o.text as Json).text as string);
}

/** All text of a message or view (section texts, fields, context, headers, buttons), for assertions. */
export function allText(surface: Json): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Json;
      if ((o.type === "mrkdwn" || o.type === "plain_text") && typeof o.text === "string") parts.push(o.text);
      for (const [k, v] of Object.entries(o)) if (k !== "text" || typeof v !== "string") walk(v);
    }
  };
  walk(surface.blocks);
  return parts.join("\n");
}

/** The action ids of the buttons in a message. */
export function buttonActions(surface: Json): string[] {
  return blocksOf(surface)
    .flatMap((b) => (b.elements as Json[] | undefined) ?? (b.accessory ? [b.accessory as Json] : []))
    .filter((e) => e.type === "button")
    .map((e) => e.action_id as string);
}
