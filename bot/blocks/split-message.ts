/**
 * The answer to `/mmm split`: the total response today and with the split, then one line per market and channel
 * (spend today → split, the change, and the bound it sits on), and a link to the viewer's page with the picture.
 */
import type { MarketSplit } from "../../core/budget-split/market-split.ts";
import { codeBlock, escapeMrkdwn, formatNumber, link, mention, textTable, truncate } from "./format.ts";
import type { SlackMessage } from "./run-message.ts";
import { mrkdwn } from "./text-objects.ts";

const BOUND = { lower: "at lowest", upper: "at highest" } as const;

export function splitMessage(split: MarketSplit, pageUrl: string, by?: string): SlackMessage {
  const { totals } = split;
  const per = `per ${split.intervalType}`;
  const money = split.currency ? ` ${split.currency}` : "";
  const goal = split.depVarType === "revenue" ? "revenue" : "conversions";
  const gain = `${totals.responseGain >= 0 ? "+" : ""}${formatNumber(totals.responseGain)}`;
  const share = `${(100 * totals.responseGainShare).toFixed(2)} %`;
  const target =
    split.targetRoas === null
      ? ""
      : `ROAS target ${formatNumber(split.targetRoas)}: the largest budget whose best split returns it. `;
  const headline =
    target +
    `*Budget split* of ${formatNumber(split.budget)}${money} ${per} across ` +
    `${split.markets.map((m) => escapeMrkdwn(m.name)).join(", ")}` +
    (by ? `, asked by ${mention(by)}` : "") +
    `: ${goal} ${formatNumber(totals.currentResponse)} today → *${formatNumber(totals.response)}* ${per} ` +
    `(${gain}, ${share}).`;
  const change = (now: number, next: number) =>
    now > 0 ? `${next >= now ? "+" : ""}${(100 * (next / now - 1)).toFixed(1)}%` : "n/a";
  const rows = split.markets.flatMap((market) => [
    ...market.channels.map((c) => [
      `${market.name} ${c.name}`,
      formatNumber(c.current),
      formatNumber(c.spend),
      change(c.current, c.spend),
      c.atBound ? BOUND[c.atBound] : "",
    ]),
    [
      `${market.name} total`,
      formatNumber(market.current),
      formatNumber(market.spend),
      change(market.current, market.spend),
      market.atBound ? `market ${BOUND[market.atBound]}` : "",
    ],
  ]);
  const table = textTable(["market channel", "today", "split", "change", "bound"], rows);
  const text = truncate(
    `Budget split of ${formatNumber(split.budget)}${money} ${per}: ${goal} ${formatNumber(totals.currentResponse)} → ` +
      `${formatNumber(totals.response)} (${gain}, ${share})`,
    3000,
  );
  return {
    text,
    blocks: [
      { type: "section", text: mrkdwn(headline) },
      { type: "section", text: mrkdwn(codeBlock(table)) },
      {
        type: "context",
        elements: [
          mrkdwn(
            `Spend ${per}; bounds are multiples of today's spend (default 0.5–2 per channel). ` +
              `${escapeMrkdwn(split.assumptions[0] ?? "")} ${link(pageUrl, "The split with its picture")}`,
          ),
        ],
      },
    ],
  };
}
