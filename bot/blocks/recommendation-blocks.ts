/**
 * The recommended model in a run's results thread: which model, why, and per paid channel its ROI (CPA for
 * conversions) with the 80 % interval whose coverage the recovery benchmark measures, and whether a lift
 * study identifies the channel. Robyn's own pick follows it in the message, labelled as such.
 */
import type { KnownBlock } from "@slack/types";
import type { Recommendation } from "../../engine/select/recommend.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { codeBlock, escapeMrkdwn, formatNumber, formatPercent, link, textTable, truncate } from "./format.ts";
import { mrkdwn } from "./text-objects.ts";

export function recommendationBlocks(
  recommended: Recommendation | null | undefined,
  conversion: boolean,
  modelLink: (solID: string) => string,
  /** The spec's ISO 4217 code: a CPA is money per conversion. */
  currency?: string,
): KnownBlock[] {
  if (!recommended) return [];
  const metric = conversion ? (currency ? `CPA (${currency})` : "CPA") : "ROI";
  const table = textTable(
    ["channel", metric, "80% interval", "effect", "mROI", "lift study"],
    recommended.channels.map((c) => {
      const [value, low, high] = conversion ? [c.cpa, c.cpa_low, c.cpa_high] : [c.roi, c.roi_low, c.roi_high];
      return [
        c.channel,
        formatNumber(value),
        `${formatNumber(low)} – ${formatNumber(high)}`,
        formatPercent(c.effect_share),
        formatNumber(c.marginal_roi),
        c.identified ? "yes" : "no: not identified",
      ];
    }),
  );
  return [
    {
      type: "section",
      text: mrkdwn(
        truncate(
          `:star: *Recommended model* ${link(modelLink(recommended.model_id), recommended.model_id)}\n` +
            escapeMrkdwn(recommended.reason),
          LIMITS.sectionText,
        ),
      ),
    },
    { type: "section", text: mrkdwn(codeBlock(table)) },
  ];
}
