/**
 * What people see when something is wrong: a usage problem with the right form, a refusal, or an error.
 * `MmmError` messages are written for the person reading them (they name the field or column and say what to
 * do), so they are shown as they are; anything else is our fault and says so without internals.
 */
import { isMmmError } from "../../common/errors.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { escapeMrkdwn, truncate } from "./format.ts";
import type { SlackMessage } from "./run-message.ts";
import { mrkdwn } from "./text-objects.ts";

export const INTERNAL_ERROR_TEXT =
  "Something went wrong on our side and it has been logged. Try again in a moment; if it keeps happening, " +
  "tell the people who run MMM Trainer.";

/** The sentence to show for an error. */
export function errorText(error: unknown): string {
  if (isMmmError(error) && error.code !== "internal") return error.message;
  return INTERNAL_ERROR_TEXT;
}

export function errorMessage(error: unknown): SlackMessage {
  const text = errorText(error);
  return {
    text: truncate(text, 3000),
    blocks: [{ type: "section", text: mrkdwn(`:warning: ${escapeMrkdwn(text)}`) }],
  };
}

/** A wrong command: what was wrong, and the right form(s). */
export function usageMessage(problem: string, usage: string): SlackMessage {
  const forms = usage
    .split("\n")
    .map((u) => `\`${u}\``)
    .join("\n");
  return {
    text: truncate(`${problem} Use: ${usage.split("\n").join(", ")}`, 3000),
    blocks: [{ type: "section", text: mrkdwn(`:warning: ${problem}\n*Use:*\n${forms}`, LIMITS.sectionText) }],
  };
}

/** Our own mrkdwn as plain text: `<#C123>` → `#C123`, `<!subteam^S1|@team>` → `@team`, `*x*` → `x`. */
export function mrkdwnToPlain(text: string): string {
  return text
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, name?: string) => `#${name || id}`)
    .replace(/<!subteam\^([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, name?: string) => name || `@${id}`)
    .replace(/<([^|>]+)\|([^>]*)>/g, "$2")
    .replace(/[*`]/g, "");
}

/** A polite no; `refusal` is our own mrkdwn (it may mention channels and user groups). */
export function refusalMessage(refusal: string): SlackMessage {
  return {
    text: truncate(mrkdwnToPlain(refusal), 3000),
    blocks: [{ type: "section", text: mrkdwn(`:lock: ${refusal}`) }],
  };
}

/** A short confirmation or note. */
export function noteMessage(text: string): SlackMessage {
  return {
    text: truncate(text.replace(/\*|`/g, ""), 3000),
    blocks: [{ type: "section", text: mrkdwn(text) }],
  };
}
