/**
 * Schedules in Slack: the answer to `/mmm schedule`, the list, the cancellation, and the channel alerts of
 * scheduled refreshes (a slot that could not run; channels whose ROI left the previous model's range).
 */
import type { KnownBlock } from "@slack/types";
import type { Run } from "../../core/run.ts";
import type { Schedule } from "../../core/schedules/schedule.ts";
import type { ViewerTarget } from "../viewer-link.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { code, escapeMrkdwn, link, slackDate, truncate } from "./format.ts";
import type { SlackMessage } from "./run-message.ts";
import { chunkLines, mrkdwn } from "./text-objects.ts";

type Link = (target: ViewerTarget) => string;

function describe(schedule: Schedule): string {
  const cadence = /^(weekly|monthly)$/i.test(schedule.cadence)
    ? schedule.cadence.toLowerCase()
    : `on cron ${code(schedule.cron)}`;
  return `*${escapeMrkdwn(schedule.country)}* ${cadence} (${escapeMrkdwn(schedule.timezone)})`;
}

export function scheduleCreatedMessage(schedule: Schedule, viewer: Link): SlackMessage {
  const model = `model ${code(schedule.source.solID)} of run ${link(viewer({ run: schedule.source.runId }), schedule.source.runId)}`;
  const text =
    `:calendar: Scheduled ${code(schedule.id)}: ${describe(schedule)}, refreshing the picked model (now ${model}) ` +
    `on new data from ${escapeMrkdwn(schedule.source.data)}. First refresh ${slackDate(schedule.nextDue)}; ` +
    `results and alerts come to this channel. Cancel with \`/mmm schedule cancel ${schedule.id}\`.`;
  return {
    text: truncate(`Scheduled ${schedule.id}: ${schedule.country} ${schedule.cadence}`, 3000),
    blocks: [{ type: "section", text: mrkdwn(text) }],
  };
}

export function schedulesListMessage(schedules: readonly Schedule[]): SlackMessage {
  if (schedules.length === 0)
    return {
      text: "No schedules.",
      blocks: [{ type: "section", text: mrkdwn("No schedules. Make one with `/mmm schedule DE monthly`.") }],
    };
  const lines = schedules.map((s) => {
    const last = s.lastOutcome
      ? ` · last ${s.lastOutcome.status}${s.lastOutcome.reason ? `: ${escapeMrkdwn(truncate(s.lastOutcome.reason, 120))}` : ""}`
      : "";
    return `${code(s.id)} · ${describe(s)} · next ${slackDate(s.nextDue)}${last}`;
  });
  const blocks: KnownBlock[] = [{ type: "section", text: mrkdwn("*Schedules*") }];
  for (const chunk of chunkLines(lines).slice(0, LIMITS.messageBlocks - 1))
    blocks.push({ type: "section", text: mrkdwn(chunk) });
  return { text: truncate(`Schedules: ${schedules.map((s) => s.id).join(", ")}`, 3000), blocks };
}

export function scheduleCancelledMessage(schedule: Schedule): SlackMessage {
  const text = `Schedule ${code(schedule.id)} (${describe(schedule)}) is cancelled: no more refreshes.`;
  return { text: text.replace(/\*|`/g, ""), blocks: [{ type: "section", text: mrkdwn(text) }] };
}

export function scheduleFailedAlert(schedule: Schedule, reason: string): SlackMessage {
  const text =
    `:rotating_light: The scheduled refresh ${code(schedule.id)} of ${describe(schedule)} could not run: ` +
    `${escapeMrkdwn(truncate(reason, 2500))}\nThe next slot tries again; this alert is not repeated while the reason stays the same.`;
  return {
    text: truncate(`Scheduled refresh ${schedule.id} (${schedule.country}) failed: ${reason}`, 3000),
    blocks: [{ type: "section", text: mrkdwn(text) }],
  };
}

/** The channels whose ROI (CPA) left the previous model's interval: `outside` are the report's sentences. */
export function scheduleOutsideAlert(
  schedule: Schedule,
  run: Run,
  outside: readonly string[],
  viewer: Link,
): SlackMessage {
  const head =
    `:warning: *${escapeMrkdwn(schedule.country)}*: the scheduled refresh ${link(viewer({ run: run.id }), run.id)} ` +
    `moved ${outside.length === 1 ? "a channel" : `${outside.length} channels`} outside the previous model's range:`;
  const lines = outside.map((sentence) => `• ${escapeMrkdwn(truncate(sentence, 500))}`);
  const blocks: KnownBlock[] = [{ type: "section", text: mrkdwn(head) }];
  for (const chunk of chunkLines(lines).slice(0, LIMITS.messageBlocks - 1))
    blocks.push({ type: "section", text: mrkdwn(chunk) });
  return {
    text: truncate(`${schedule.country}: ROI outside the previous range: ${outside.join(" ")}`, 3000),
    blocks,
  };
}
