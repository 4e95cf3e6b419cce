/**
 * The "Allocate budget" modal's per-channel bounds: one optional text input per paid channel, "LOW-HIGH" as
 * multiples of today's spend ("0.7-1.5", or one side: "0.7-" or "-1.5"), and reading them back. One text input
 * per channel rather than two number inputs keeps the modal short; a malformed entry is refused on its input.
 * Block ids carry the channel's position (a column name can be longer than a block id may be), and a model with
 * more channels than a modal can hold inputs for gets a pointer to the viewer and the API instead.
 */
import type { KnownBlock } from "@slack/types";
import type { ViewOutput } from "@slack/bolt";
import { LIMITS } from "./block-kit-limits.ts";
import { ACTION, ALLOCATE_BLOCK } from "./ids.ts";
import { mrkdwn, plain } from "./text-objects.ts";
import { textIn } from "../train/view-state.ts";

/** Slack allows 100 blocks in a modal; the allocate modal's other inputs take fewer than 10. */
const MAX_CHANNEL_INPUTS = 60;

/** The block of the `index`-th paid channel (in the spec's paid_media_spends order). */
export function channelBoundsBlockId(index: number): string {
  return `${ALLOCATE_BLOCK.channelBounds}${index}`;
}

export function channelBoundsBlocks(channels: readonly string[]): KnownBlock[] {
  if (channels.length > MAX_CHANNEL_INPUTS)
    return [
      {
        type: "context",
        elements: [
          mrkdwn(
            `This model has ${channels.length} paid channels, too many for per-channel inputs here: set bounds per channel on the model's page in the viewer or with the API.`,
          ),
        ],
      },
    ];
  return channels.map((channel, index) => ({
    type: "input",
    block_id: channelBoundsBlockId(index),
    optional: true,
    label: plain(`${channel}: lowest-highest (× today's)`, LIMITS.inputLabel),
    hint: plain("e.g. 0.7-1.5, or one side: 0.7- or -1.5. Empty: the values above.", LIMITS.inputHint),
    element: {
      type: "plain_text_input",
      action_id: ACTION.value,
      placeholder: plain("0.7-1.5", LIMITS.placeholder),
    },
  }));
}

export interface ChannelBoundsEntries {
  low: Record<string, number>;
  up: Record<string, number>;
  /** Block id → problem, for `response_action: "errors"`. */
  errors: Record<string, string>;
}

const ENTRY = /^\s*(\d+(?:\.\d+)?|\.\d+)?\s*[-–]\s*(\d+(?:\.\d+)?|\.\d+)?\s*$/;

export function readChannelBounds(
  state: ViewOutput["state"] | undefined,
  channels: readonly string[],
): ChannelBoundsEntries {
  const out: ChannelBoundsEntries = { low: {}, up: {}, errors: {} };
  for (const [index, channel] of channels.entries()) {
    const block = channelBoundsBlockId(index);
    const text = textIn(state, block);
    if (text === undefined) continue;
    const match = ENTRY.exec(text);
    const [low, up] = [match?.[1], match?.[2]].map((v) => (v === undefined ? undefined : Number(v)));
    if (!match || (low === undefined && up === undefined)) {
      out.errors[block] =
        `Write the lowest and highest spend as multiples of today's, e.g. 0.7-1.5 (not "${text}").`;
    } else if (low !== undefined && up !== undefined && up < low) {
      out.errors[block] = `The highest spend (${up}×) is below the lowest (${low}×).`;
    } else {
      if (low !== undefined) out.low[channel] = low;
      if (up !== undefined) out.up[channel] = up;
    }
  }
  return out;
}
