/**
 * The allocation message's "bounds that bind" section: each bound the allocation sits on and what moving it to
 * the widened run's value would add per period (engine `bindingBounds`), so the reader sees which limit costs
 * the most response.
 */
import type { KnownBlock } from "@slack/types";
import type { BindingBound } from "../../engine/allocator/index.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { escapeMrkdwn, formatNumber, truncate } from "./format.ts";
import { mrkdwn } from "./text-objects.ts";

export function bindingBoundsSection(bounds: readonly BindingBound[], interval: string): KnownBlock | null {
  if (bounds.length === 0) return null;
  const lines = bounds.map((b) => {
    const which = `${escapeMrkdwn(b.channel)} at its ${b.side === "upper" ? "highest" : "lowest"} spend (${formatNumber(b.multiple, 2)}×)`;
    const move = `moving it to ${formatNumber(b.relaxedMultiple, 2)}×`;
    return b.binds
      ? `• ${which}: ${move} would add *${formatNumber(b.responseGainUnit)}* response per ${interval}`
      : `• ${which}: ${move} would add nothing (it does not bind)`;
  });
  return {
    type: "section",
    text: mrkdwn(truncate(`*Bounds the allocation sits on*\n${lines.join("\n")}`, LIMITS.sectionText)),
  };
}
