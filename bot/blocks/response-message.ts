/**
 * The answer to `/mmm response`: what a spend on one channel returns per period, split into the part this spend
 * brings now and the part carried over from earlier spend, next to what the channel's historical mean spend
 * brought. Plain words; Robyn's names stay in the context line for those who check against Robyn.
 */
import type { KnownBlock } from "@slack/types";
import type { ResponseReading } from "../../core/results/response-reading.ts";
import type { Run } from "../../core/run.ts";
import { code, escapeMrkdwn, formatNumber, formatPercent, link, mention, truncate } from "./format.ts";
import type { SlackMessage } from "./run-message.ts";
import { mrkdwn } from "./text-objects.ts";

export interface ResponseMessageInput {
  run: Run;
  solID: string;
  reading: ResponseReading;
  /** The model's page in the viewer (it has the curve). */
  modelUrl: string;
  by?: string;
}

export function responseMessage({ run, solID, reading, modelUrl, by }: ResponseMessageInput): SlackMessage {
  const { metric, periods, history } = reading;
  const query = reading.query!;
  const name = code(metric);
  const when =
    periods.count === 1
      ? `in the period of ${periods.from}`
      : `over ${periods.count} periods, ${periods.from} → ${periods.to} (${formatNumber(query.spend)} a period on average)`;
  const headline =
    `*Response of ${name}* with model ${code(solID)} of the ${escapeMrkdwn(run.country)} run: ` +
    `spending *${formatNumber(reading.total)}* ${when}` +
    (by ? `, asked by ${mention(by)}` : "") +
    ".";
  const split = (p: typeof query) =>
    p.response > 0
      ? ` (${formatPercent(p.responseImmediate / p.response, 0)} from this spend, ` +
        `${formatPercent(p.responseCarryover / p.response, 0)} carried over from earlier spend)`
      : "";
  const answer =
    `*Response: ${formatNumber(query.response)} a period*, of which:\n` +
    `• ${formatNumber(query.responseImmediate)} from this spend\n` +
    `• ${formatNumber(query.responseCarryover)} carried over from earlier spend`;
  const ratio = history.spend > 0 ? query.spend / history.spend : Number.NaN;
  const comparison =
    `*For comparison:* over the modelling window ${name} averaged ${formatNumber(history.spend)} a period` +
    (Number.isFinite(ratio) ? ` (the queried spend is ${formatNumber(ratio, 2)}×)` : "") +
    `, which brought ${formatNumber(history.response)} a period${split(history)}.`;
  const blocks: KnownBlock[] = [
    { type: "section", text: mrkdwn(headline) },
    { type: "section", text: mrkdwn(answer) },
    { type: "section", text: mrkdwn(comparison) },
  ];
  // An organic variable has no mROI; the notes (below) say why.
  if (reading.mroi)
    blocks.push({
      type: "section",
      text: mrkdwn(
        `*Next unit of spend:* at this spend one more unit adds ${formatNumber(reading.mroi.query)} a period ` +
          `(mROI); at the historical mean it adds ${formatNumber(reading.mroi.history)}.`,
      ),
    });
  if (Number.isNaN(query.response))
    blocks.push({
      type: "section",
      text: mrkdwn(":warning: No answer for these periods; see the note below."),
    });
  const notes = reading.notes.map(escapeMrkdwn);
  blocks.push({
    type: "context",
    elements: [
      mrkdwn(
        truncate(
          [
            ...notes,
            `Robyn's robyn_response: sim_mean_spend ${formatNumber(query.spend)}, sim_mean_response ` +
              `${formatNumber(query.response)}, mean_input_immediate ${formatNumber(history.spend)}, ` +
              `mean_response_total ${formatNumber(history.response)}. ${link(modelUrl, "The curve is on the model's page")}.`,
          ].join("\n"),
          3000,
        ),
      ),
    ],
  });
  return {
    text: truncate(
      `Response of ${metric} at ${formatNumber(reading.total)}: ${formatNumber(query.response)} a period ` +
        `(historical mean spend ${formatNumber(history.spend)} brought ${formatNumber(history.response)}).`,
      3000,
    ),
    blocks,
  };
}
