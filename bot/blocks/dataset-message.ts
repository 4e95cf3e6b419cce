/**
 * The answer to a file shared with the app: what was read (rows, columns, date range, how it was parsed),
 * what the auto-mapping found in it (goal, paid media, context, markets) and what it doubts, with a
 * "Train on it" button (the train modal with this dataset chosen) and a link to its preview in the viewer;
 * or, when the file could not become a dataset, why, and that nothing was kept.
 */
import type { KnownBlock } from "@slack/types";
import { formatDatasetRef, type Dataset } from "../../core/datasets/dataset.ts";
import type { DataProfile } from "../../core/data-profile/data-profile.ts";
import type { MappingSuggestion } from "../../core/mapping/mapping-suggestion.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { errorText } from "./errors.ts";
import { escapeMrkdwn, truncate } from "./format.ts";
import { ACTION } from "./ids.ts";
import type { SlackMessage } from "./run-message.ts";
import { chunkLines, mrkdwn, plain } from "./text-objects.ts";

export interface DatasetRead {
  readonly dataset: Dataset;
  /** The auto-mapping of its first rows; absent when the snapshot could not be read back just now. */
  readonly mapping?: MappingSuggestion;
  /** The values of the market column, when there is one. */
  readonly markets?: readonly string[];
  /** The data profile of the first market against the suggested goal. */
  readonly profile?: DataProfile;
}

/** Findings listed in the reply; the viewer's preview and the modal show the rest. */
const FINDINGS_SHOWN = 5;

export function datasetReadMessage(read: DatasetRead, viewerUrl: string): SlackMessage {
  const { dataset, mapping, markets } = read;
  const ref = formatDatasetRef(dataset);
  const headline =
    `Read ${dataset.fileName} as dataset ${ref}: ${dataset.rows.toLocaleString("en-US")} rows, ` +
    `${dataset.columns.length} columns, ${dataset.dateRange.start} to ${dataset.dateRange.end}.`;
  const findings = mapping
    ? mappingFindings(mapping, markets)
    : ["Open the preview to see how the columns map."];
  const blocks: KnownBlock[] = [
    { type: "section", text: mrkdwn(`:white_check_mark: ${escapeMrkdwn(headline)}`) },
    ...chunkLines(findings.map((f) => `• ${f}`)).map((text): KnownBlock => ({
      type: "section",
      text: mrkdwn(text),
    })),
  ];
  if (mapping && mapping.notes.length > 0) {
    blocks.push(
      ...chunkLines(mapping.notes.map((n) => `:warning: ${escapeMrkdwn(n)}`)).map((text): KnownBlock => ({
        type: "section",
        text: mrkdwn(text),
      })),
    );
  }
  if (read.profile) blocks.push(...profileBlocks(read.profile));
  if (dataset.notes.length > 0) {
    blocks.push({
      type: "context",
      elements: [mrkdwn(truncate(dataset.notes.map(escapeMrkdwn).join(" "), LIMITS.contextText))],
    });
  }
  blocks.push({
    type: "actions",
    block_id: "dataset_actions",
    elements: [
      {
        type: "button",
        action_id: ACTION.trainDataset,
        style: "primary",
        text: plain("Train on it", LIMITS.buttonText),
        value: ref,
      },
      {
        type: "button",
        action_id: ACTION.openViewer,
        text: plain("Preview in viewer", LIMITS.buttonText),
        url: viewerUrl,
      },
    ],
  });
  return { text: truncate(headline, 3000), blocks };
}

export function datasetRefusedMessage(fileName: string, error: unknown): SlackMessage {
  const text = `I could not read ${fileName}: ${errorText(error)} Nothing was stored.`;
  return {
    text: truncate(text, 3000),
    blocks: [{ type: "section", text: mrkdwn(`:x: ${escapeMrkdwn(text)}`) }],
  };
}

/** The profile's worst findings for its market, or that it found nothing to worry about. */
function profileBlocks(profile: DataProfile): KnownBlock[] {
  const market = profile.market ? ` for ${escapeMrkdwn(profile.market)}` : "";
  if (profile.findings.length === 0) {
    return [
      {
        type: "section",
        text: mrkdwn(
          `:white_check_mark: No findings in the data${market} against ${escapeMrkdwn(profile.goal)}.`,
        ),
      },
    ];
  }
  const shown = profile.findings.slice(0, FINDINGS_SHOWN);
  const more = profile.findings.length - shown.length;
  const lines = [
    `*Findings${market}* (${profile.rows} rows against ${escapeMrkdwn(profile.goal)}):`,
    ...shown.map((f) => `${f.level === "problem" ? ":x:" : ":warning:"} ${escapeMrkdwn(f.message)}`),
    ...(more > 0 ? [`…and ${more} more in the preview.`] : []),
  ];
  return chunkLines(lines).map((text): KnownBlock => ({ type: "section", text: mrkdwn(text) }));
}

/** What the auto-mapping found: the goal, the media and context columns, the markets. */
function mappingFindings(mapping: MappingSuggestion, markets: readonly string[] | undefined): string[] {
  const spec = mapping.spec;
  return [
    spec.dep_var ? `Goal: *${escapeMrkdwn(spec.dep_var)}* (${spec.dep_var_type ?? "revenue"})` : undefined,
    spec.paid_media_spends.length > 0
      ? `Paid media: ${spec.paid_media_spends.map(escapeMrkdwn).join(", ")}`
      : undefined,
    spec.organic_vars.length > 0 ? `Organic: ${spec.organic_vars.map(escapeMrkdwn).join(", ")}` : undefined,
    spec.context_vars.length > 0 ? `Context: ${spec.context_vars.map(escapeMrkdwn).join(", ")}` : undefined,
    mapping.country_column
      ? `Markets in ${escapeMrkdwn(mapping.country_column)}: ${escapeMrkdwn(listed(markets ?? []))}`
      : "No market column: the file holds one market.",
  ].filter((line): line is string => line !== undefined);
}

function listed(values: readonly string[]): string {
  if (values.length <= 12) return values.join(", ");
  return `${values.slice(0, 12).join(", ")} and ${values.length - 12} more`;
}
