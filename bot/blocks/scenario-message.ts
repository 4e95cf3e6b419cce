/**
 * The answer to `/mmm scenario`: the predicted total of the last weeks' spend again × a multiplier, with its range
 * and where the range comes from, the baseline marked as a projection, and one line per channel (spend, response,
 * range). Plain words; the page with the chart, the assumptions and saved plans is linked.
 */
import type { KnownBlock } from "@slack/types";
import type { ScenarioReport } from "../../core/results/model-scenario.ts";
import type { Run } from "../../core/run.ts";
import type { Spread } from "../../engine/scenario/index.ts";
import { code, escapeMrkdwn, formatNumber, link, mention, truncate } from "./format.ts";
import type { SlackMessage } from "./run-message.ts";
import { mrkdwn } from "./text-objects.ts";

export interface ScenarioMessageInput {
  run: Run;
  solID: string;
  multiplier: number;
  weeks: number;
  report: ScenarioReport;
  /** The model's scenario page in the viewer. */
  pageUrl: string;
  by?: string;
}

const RANGE_SOURCE: Record<ScenarioReport["range"]["method"], string> = {
  recommended_intervals: "the recommended model's 80 % ROI intervals",
  near_optimal_models: "the run's near-optimal models",
  given_models: "the models given",
};

const range = (s: Spread) => `${formatNumber(s.low)} – ${formatNumber(s.high)}`;

export function scenarioMessage(input: ScenarioMessageInput): SlackMessage {
  const { run, solID, multiplier, weeks, report, pageUrl, by } = input;
  const { forecast, baseline, range: spread } = report;
  const dates = forecast.dates;
  const headline =
    `*Forward scenario* with model ${code(solID)} of the ${escapeMrkdwn(run.country)} run: the last ${weeks} ` +
    `periods' spend × ${formatNumber(multiplier)} again, ${dates[0]} → ${dates[dates.length - 1]}` +
    (by ? `, asked by ${mention(by)}` : "") +
    ".";
  const total =
    `*Predicted total: ${formatNumber(spread.total.value)}* (range ${range(spread.total)}) for a paid spend of ` +
    `${formatNumber(forecast.totalPaidSpend)}: media ${formatNumber(spread.mediaTotal.value)} ` +
    `(${range(spread.mediaTotal)}) on top of a projected baseline of ${formatNumber(baseline.total)}.`;
  const channels = forecast.media
    .map((m) => {
      const r = spread.media.find((x) => x.medium === m.medium)!.response;
      const spend = m.paid ? `spend ${formatNumber(m.totalInput)} → ` : "(organic) ";
      return `• ${code(m.medium)}: ${spend}response ${formatNumber(r.value)} (${range(r)})`;
    })
    .join("\n");
  const blocks: KnownBlock[] = [
    { type: "section", text: mrkdwn(headline) },
    { type: "section", text: mrkdwn(total) },
    { type: "section", text: mrkdwn(truncate(channels, 3000)) },
    {
      type: "context",
      elements: [
        mrkdwn(
          truncate(
            `Range from ${RANGE_SOURCE[spread.method]}. The baseline is an assumption: ${escapeMrkdwn(baseline.method.toLowerCase())}. ` +
              `${link(pageUrl, "Chart, assumptions and saved plans on the scenario page")}.`,
            3000,
          ),
        ),
      ],
    },
  ];
  return {
    text: truncate(
      `Forward scenario for model ${solID}: predicted total ${formatNumber(spread.total.value)} ` +
        `(range ${range(spread.total)}) over ${dates.length} periods.`,
      3000,
    ),
    blocks,
  };
}
