/**
 * The chosen source in a few lines at the top of the train modal's variables step: rows, date range and the
 * data profile's worst findings against the goal (`core/data-profile/`), so a person sees a constant
 * channel, near-duplicate columns or collinear regressors before spending a run. The full profile is
 * `GET /api/data/profile`.
 */
import type { KnownBlock } from "@slack/types";
import type { DataProfile } from "../../core/data-profile/data-profile.ts";
import { code, escapeMrkdwn } from "./format.ts";
import { mrkdwn } from "./text-objects.ts";

/** Findings shown; the rest are counted. */
const SHOWN = 3;

export function sourceSummaryBlock(profile: DataProfile): KnownBlock {
  const problems = profile.findings.filter((f) => f.level === "problem").length;
  const warnings = profile.findings.length - problems;
  const range = profile.date_range ? `, ${profile.date_range.start} to ${profile.date_range.end}` : "";
  const counts =
    profile.findings.length === 0
      ? "no problems found"
      : [plural(problems, "problem"), plural(warnings, "warning")].filter((t) => t !== "").join(", ");
  const head =
    `*Data check* · ${profile.rows.toLocaleString("en-US")} rows${range} · against goal ${code(profile.goal)}: ` +
    `${counts}${profile.findings.length > 0 ? ", the worst:" : "."}`;
  const lines = profile.findings
    .slice(0, SHOWN)
    .map((f) => `${f.level === "problem" ? ":red_circle:" : ":warning:"} ${escapeMrkdwn(f.message)}`);
  const more = profile.findings.length > SHOWN ? [`…and ${profile.findings.length - SHOWN} more.`] : [];
  return { type: "section", text: mrkdwn([head, ...lines, ...more].join("\n")) };
}

function plural(count: number, word: string): string {
  return count === 0 ? "" : `${count} ${word}${count === 1 ? "" : "s"}`;
}
