/**
 * The health card of a run's results in Slack: a headline count, how many channels lift studies calibrate,
 * one section per problem or warning (problems first, at most `MAX_SHOWN`, the rest in the viewer), and
 * the checks that passed in one line. The findings are the recommended model's own (`recommended.health`);
 * when Robyn's pick is another model, its headline follows, labelled as such. A summary from before the
 * recommended model had its own checks shows Robyn's pick's, labelled as such.
 */
import type { KnownBlock } from "@slack/types";
import { byLevel, calibrationSentence, checkLabel, healthHeadline } from "../../engine/health/health-text.ts";
import type { HealthLevel } from "../../engine/health/health-finding.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { escapeMrkdwn, link, truncate } from "./format.ts";
import type { SummaryHighlights } from "./run-message.ts";
import { mrkdwn } from "./text-objects.ts";

const MAX_SHOWN = 6;
const ICON: Record<HealthLevel, string> = {
  problem: ":red_circle:",
  warning: ":warning:",
  ok: ":white_check_mark:",
};

export function healthBlocks(summary: SummaryHighlights, runUrl: string): KnownBlock[] {
  const recommended = summary.recommended?.health ? summary.recommended : undefined;
  const bestId = summary.best_model?.model_id;
  const findings = byLevel(recommended?.health ?? summary.health ?? []);
  if (findings.length === 0) return [];
  const serious = findings.filter((f) => f.level !== "ok");
  const fine = findings.filter((f) => f.level === "ok");
  const whose = recommended
    ? `Health of the recommended model ${recommended.model_id}`
    : `Health of Robyn's pick${bestId ? ` ${bestId}` : ""}`;
  const head =
    `*${escapeMrkdwn(whose)}*: ${healthHeadline(findings)}` +
    (summary.calibration ? `\n${escapeMrkdwn(calibrationSentence(summary.calibration))}` : "");
  const blocks: KnownBlock[] = [{ type: "section", text: mrkdwn(truncate(head, LIMITS.sectionText)) }];
  for (const f of serious.slice(0, MAX_SHOWN)) {
    blocks.push({
      type: "section",
      text: mrkdwn(
        truncate(`${ICON[f.level]} *${checkLabel(f.check)}*: ${escapeMrkdwn(f.message)}`, LIMITS.sectionText),
      ),
    });
  }
  const notes: string[] = [];
  const robyn = byLevel(summary.health ?? []);
  if (recommended && bestId && bestId !== recommended.model_id && robyn.length > 0)
    notes.push(`Robyn's pick ${escapeMrkdwn(bestId)} (lowest Robyn distance): ${healthHeadline(robyn)}.`);
  if (serious.length > MAX_SHOWN)
    notes.push(`${serious.length - MAX_SHOWN} more findings ${link(runUrl, "in the viewer")}.`);
  if (fine.length > 0)
    notes.push(`${ICON.ok} Fine: ${[...new Set(fine.map((f) => checkLabel(f.check)))].join(", ")}.`);
  if (notes.length > 0)
    blocks.push({ type: "context", elements: [mrkdwn(truncate(notes.join("\n"), LIMITS.contextText))] });
  return blocks;
}
