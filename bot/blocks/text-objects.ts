/**
 * Text and option objects, cut to Slack's limits on the way in (a long table or column name must shorten a
 * label, never break a modal). Everything else in the builders is a plain typed object literal.
 */
import type { MrkdwnElement, PlainTextElement, PlainTextOption } from "@slack/types";
import { LIMITS } from "./block-kit-limits.ts";
import { truncate } from "./format.ts";

export function plain(text: string, max: number): PlainTextElement {
  return { type: "plain_text", text: truncate(text === "" ? " " : text, max) };
}

export function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: "mrkdwn", text: truncate(text === "" ? " " : text, max) };
}

/** An option of a select menu; `value` must already be short (an index or a code). */
export function option(text: string, value: string, description?: string): PlainTextOption {
  return {
    text: plain(text, LIMITS.optionText),
    value,
    ...(description ? { description: plain(description, LIMITS.optionDescription) } : {}),
  };
}

/** Splits lines into chunks of at most `max` characters each (joined with newlines), for several sections. */
export function chunkLines(lines: readonly string[], max: number = LIMITS.sectionText): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const raw of lines) {
    const line = truncate(raw, max);
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
