/**
 * The health strip of a one-pager, under its subtitle: the health checks' headline in the colour of the
 * worst finding, then one line per problem or warning (problems first, at most `MAX_LINES`, each cut to
 * the width), so that a one-pager shared on its own still says whether its numbers can be trusted.
 */
import type { HealthFinding, HealthLevel } from "../health/health-finding.ts";
import { worstLevel } from "../health/health-finding.ts";
import { byLevel, checkLabel, healthHeadline } from "../health/health-text.ts";
import { drawText, type ReportCanvas } from "./canvas.ts";
import { INK } from "./palette.ts";
import { SPACE, TEXT } from "./theme.ts";

const MAX_LINES = 4;
const LINE = 26;
const PADDING = 12;

const COLOUR: Record<HealthLevel, string> = { ok: "#15803d", warning: "#a16207", problem: "#b91c1c" };
const WORD: Record<HealthLevel, string> = { ok: "OK", warning: "Warning", problem: "Problem" };

/** The strip's height: nothing without findings. */
export function healthStripHeight(findings: readonly HealthFinding[] | undefined): number {
  if (!findings || findings.length === 0) return 0;
  const lines = Math.min(MAX_LINES, findings.filter((f) => f.level !== "ok").length);
  return 2 * PADDING + LINE * (1 + lines);
}

export function drawHealthStrip(
  surface: ReportCanvas,
  findings: readonly HealthFinding[],
  top: number,
): void {
  const { ctx, width } = surface;
  const left = SPACE.margin;
  const worst = worstLevel(findings);
  ctx.fillStyle = COLOUR[worst];
  ctx.fillRect(left, top + 4, 6, healthStripHeight(findings) - 8);
  const serious = byLevel(findings).filter((f) => f.level !== "ok");
  let y = top + PADDING + TEXT.subtitle + 2;
  drawText(ctx, `Model health: ${healthHeadline(findings)}`, left + 18, y, {
    size: TEXT.subtitle,
    weight: "bold",
    colour: COLOUR[worst],
    maxWidth: width - 2 * left - 18,
  });
  for (const f of serious.slice(0, MAX_LINES)) {
    y += LINE;
    const prefix = `${WORD[f.level]}  ${checkLabel(f.check)}: `;
    const prefixWidth = drawText(ctx, prefix, left + 18, y, {
      size: TEXT.subtitle - 2,
      weight: "bold",
      colour: COLOUR[f.level],
    });
    drawText(ctx, f.message, left + 18 + prefixWidth, y, {
      size: TEXT.subtitle - 2,
      colour: INK,
      maxWidth: width - 2 * left - 18 - prefixWidth,
    });
  }
}
