/**
 * The answers to batch settings shared with the app: a summary of the runs the file would start (how many,
 * for which markets, from which data) with "Start N runs" and "Cancel"; why the file could not be read
 * (every bad row and column, nothing started); and, once started, the batch id, its runs and where to
 * follow them.
 */
import type { KnownBlock } from "@slack/types";
import type { BatchRow } from "../../core/batches/batch-settings.ts";
import { dataSourceLabel } from "../../core/data-source-label.ts";
import type { Run } from "../../core/run.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { errorText } from "./errors.ts";
import { escapeMrkdwn, link, truncate } from "./format.ts";
import { ACTION } from "./ids.ts";
import type { SlackMessage } from "./run-message.ts";
import { chunkLines, mrkdwn, plain } from "./text-objects.ts";

/** Runs listed one per line in the started message; the batch's status page lists them all. */
const RUNS_LISTED = 20;

export function batchSummaryMessage(
  fileName: string,
  rows: readonly BatchRow[],
  token: string,
): SlackMessage {
  const specs = rows.map((row) => parseRunSpec(row.spec));
  const runs = rows.length === 1 ? "1 run" : `${rows.length} runs`;
  const headline = `${fileName} holds batch settings: ${runs}, every row checked. Start them?`;
  const markets = distinct(specs.map((spec) => spec.market));
  const sources = distinct(specs.map((spec) => dataSourceLabel(spec.data)));
  const lines = [
    `• Markets: ${escapeMrkdwn(listed(markets))}`,
    `• Data: ${escapeMrkdwn(listed(sources))}`,
    `• Goals: ${escapeMrkdwn(listed(distinct(specs.map((spec) => spec.dep_var))))}`,
  ];
  const blocks: KnownBlock[] = [
    { type: "section", text: mrkdwn(`:clipboard: ${escapeMrkdwn(headline)}`) },
    ...chunkLines(lines).map((text): KnownBlock => ({ type: "section", text: mrkdwn(text) })),
    {
      type: "actions",
      block_id: "batch_actions",
      elements: [
        {
          type: "button",
          action_id: ACTION.startBatch,
          style: "primary",
          text: plain(`Start ${runs}`, LIMITS.buttonText),
          value: token,
        },
        {
          type: "button",
          action_id: ACTION.cancelBatch,
          text: plain("Cancel", LIMITS.buttonText),
          value: token,
        },
      ],
    },
  ];
  return { text: truncate(headline, 3000), blocks };
}

export function batchRefusedMessage(fileName: string, error: unknown): SlackMessage {
  const text = `I could not start the batch in ${fileName}: ${errorText(error)} Nothing was started.`;
  return {
    text: truncate(text, 3000),
    blocks: [{ type: "section", text: mrkdwn(`:x: ${escapeMrkdwn(truncate(text, 2900))}`) }],
  };
}

export function batchStartedMessage(
  batch: { batchId: string; runs: readonly Run[]; by: string },
  links: { status: string; run: (runId: string) => string },
): SlackMessage {
  const { batchId, runs } = batch;
  const headline = `Batch ${batchId}: ${runs.length === 1 ? "1 run" : `${runs.length} runs`} queued by <@${batch.by}>.`;
  const shown = runs.slice(0, RUNS_LISTED);
  const lines = [
    ...shown.map(
      (run) => `• *${escapeMrkdwn(run.country)}*: ${link(links.run(run.id), run.id)} (${run.status})`,
    ),
    ...(runs.length > shown.length ? [`…and ${runs.length - shown.length} more.`] : []),
    `Follow the batch: ${link(links.status, `GET /api/batches/${batchId}`)}`,
  ];
  return {
    text: truncate(headline, 3000),
    blocks: [
      { type: "section", text: mrkdwn(`:rocket: ${headline}`) },
      ...chunkLines(lines).map((text): KnownBlock => ({ type: "section", text: mrkdwn(text) })),
    ],
  };
}

export function batchCancelledMessage(fileName: string, by: string): SlackMessage {
  const text = `The batch in ${escapeMrkdwn(fileName)} was not started (cancelled by <@${by}>).`;
  return { text, blocks: [{ type: "section", text: mrkdwn(`:no_entry_sign: ${text}`) }] };
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function listed(values: readonly string[]): string {
  if (values.length <= 12) return values.join(", ");
  return `${values.slice(0, 12).join(", ")} and ${values.length - 12} more`;
}
