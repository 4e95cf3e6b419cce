/**
 * What changed in a refresh, for the refresh run's Slack thread: the report's sentences (one per channel,
 * with the previous range and the split between new data and re-estimation), channels that left their
 * previous range marked, within Block Kit's limits.
 */
import type { RefreshReport } from "../../engine/refresh/refresh-report.ts";
import { escapeMrkdwn, truncate } from "./format.ts";
import type { SlackMessage } from "./run-message.ts";
import { mrkdwn } from "./text-objects.ts";

export function refreshChangesMessage(report: Pick<RefreshReport, "summary" | "channels">): SlackMessage {
  const [headline = "Refresh done.", ...rest] = report.summary;
  const flagged = new Set(report.channels.filter((c) => c.outside_previous_interval).map((c) => c.sentence));
  const lines = rest.map((line) => `${flagged.has(line) ? ":warning: " : "• "}${escapeMrkdwn(line)}`);
  return {
    text: truncate(`What changed: ${headline}`, 3000),
    blocks: [
      { type: "section", text: mrkdwn(`*What changed*\n${escapeMrkdwn(headline)}`) },
      { type: "section", text: mrkdwn(lines.join("\n")) },
    ],
  };
}
