/**
 * The budget-allocation picture (Robyn's allocator one-pager, method notes §5.8): the result of `allocateBudget`
 * with the total lift in the title, then
 *
 *   totals per period: spend | response | ROAS (CPA), initial vs. optimised (bounded and widened bounds)
 *   per channel: spend per period and share | response per period and lift
 *   per channel: the response curve R(x) with the carryover response R(0) shaded, the bounds as bands and the
 *   initial, optimised and widened-bounds spends marked.
 *
 * The curves are the allocator's (`response-curve.ts`): x is the spend per period, the carryover is already in
 * R, so R(0) > 0 is the response the carried-over input buys without new spend.
 */
import type { AllocationResult } from "../allocator/allocate.ts";
import type { ResponseCurve } from "../allocator/response-curve.ts";
import {
  createReportCanvas,
  drawText,
  encodePng,
  measuringContext,
  packLines,
  type ReportCanvas,
} from "./canvas.ts";
import { formatCompact, formatRatio, formatSignedPercent } from "./format.ts";
import { MUTED_INK } from "./palette.ts";
import { drawPanel } from "./panel.ts";
import { channelBarsPanel, curveCellPanel, curveLegend, totalsPanel } from "./panels/allocation-panels.ts";
import { SPACE, TEXT } from "./theme.ts";

export interface AllocationPictureOptions {
  width?: number;
  pixelRatio?: number;
  /** Model id for the title. */
  solID?: string;
  /** Name of one period ("week"); default "period". */
  intervalType?: string;
  /** The date range the initial spend was averaged over, e.g. "2018-10-22:2018-12-31". */
  dateRange?: string;
  /** Curve cells per row; default 3. */
  columns?: number;
}

/** Response curves by channel name: `AllocatorRequest.channels` fit as they are. */
export type AllocationCurves = Readonly<Record<string, ResponseCurve>>;

const HEADER_HEIGHT = 132;
const SUBTITLE_LINE = 30;
const TOTALS_HEIGHT = 300;
const CELL_HEIGHT = 290;
const ROW_GAP = 26;
const CAPTION_HEIGHT = 40;

export function renderAllocation(
  result: AllocationResult,
  curves: AllocationCurves,
  options: AllocationPictureOptions = {},
): Promise<Buffer> {
  const width = options.width ?? 1600;
  const per = options.intervalType ?? "period";
  const columns = Math.max(1, options.columns ?? 3);
  const rows = result.rows;
  const contentWidth = width - 2 * SPACE.margin;
  const subtitle = packLines(
    measuringContext(),
    subtitleParts(result, options, per),
    "   |   ",
    contentWidth,
    TEXT.subtitle,
  );
  const headerHeight = HEADER_HEIGHT + SUBTITLE_LINE * (subtitle.length - 1);
  const channelHeight = Math.max(340, 150 + 3 * 22 * rows.length);
  const curveRows = Math.ceil(rows.length / columns);
  const curvesHeight = 44 + curveRows * CELL_HEIGHT + (curveRows - 1) * SPACE.gutter;
  const height = headerHeight + TOTALS_HEIGHT + channelHeight + curvesHeight + 3 * ROW_GAP + CAPTION_HEIGHT;
  const surface = createReportCanvas(width, height, options.pixelRatio ?? 1);

  drawHeader(surface, result, subtitle);
  let y = headerHeight;
  const third = (contentWidth - 2 * SPACE.gutter) / 3;
  totalsPanels(result, per).forEach((panel, i) => {
    drawPanel(
      surface,
      { x: SPACE.margin + i * (third + SPACE.gutter), y, width: third, height: TOTALS_HEIGHT },
      panel,
    );
  });
  y += TOTALS_HEIGHT + ROW_GAP;

  const half = (contentWidth - SPACE.gutter) / 2;
  drawPanel(
    surface,
    { x: SPACE.margin, y, width: half, height: channelHeight },
    channelBarsPanel(result, "spend", per),
  );
  drawPanel(
    surface,
    { x: SPACE.margin + half + SPACE.gutter, y, width: half, height: channelHeight },
    channelBarsPanel(result, "response", per),
  );
  y += channelHeight + ROW_GAP;

  drawText(surface.ctx, "Response curves by channel", SPACE.margin, y + TEXT.panelTitle, {
    size: TEXT.panelTitle,
    weight: "bold",
  });
  curveLegend(surface.ctx, SPACE.margin + 400, y + TEXT.panelTitle - 6, contentWidth - 400, result);
  y += 44;
  const cellWidth = (contentWidth - (columns - 1) * SPACE.gutter) / columns;
  rows.forEach((row, i) => {
    const box = {
      x: SPACE.margin + (i % columns) * (cellWidth + SPACE.gutter),
      y: y + Math.floor(i / columns) * (CELL_HEIGHT + SPACE.gutter),
      width: cellWidth,
      height: CELL_HEIGHT,
    };
    drawPanel(surface, box, curveCellPanel(row, curves[row.channels], result, per));
  });
  drawCaption(surface, result, height - CAPTION_HEIGHT + 8);
  return encodePng(surface);
}

function totalsPanels(result: AllocationResult, per: string) {
  const t = result.totals;
  const metric = result.depVarType === "revenue" ? "ROAS" : "CPA";
  const ratio = (spend: number, response: number) =>
    metric === "ROAS" ? response / spend : spend / response;
  return [
    totalsPanel(
      `Spend per ${per}`,
      [t.initSpendUnitTotal, t.optmSpendUnitTotal, t.optmSpendUnitTotalUnbound],
      result,
      formatCompact,
    ),
    totalsPanel(
      `Response per ${per}`,
      [t.initResponseUnitTotal, t.optmResponseUnitTotal, t.optmResponseUnitTotalUnbound],
      result,
      formatCompact,
    ),
    totalsPanel(
      metric,
      [
        ratio(t.initSpendUnitTotal, t.initResponseUnitTotal),
        ratio(t.optmSpendUnitTotal, t.optmResponseUnitTotal),
        ratio(t.optmSpendUnitTotalUnbound, t.optmResponseUnitTotalUnbound),
      ],
      result,
      formatRatio,
    ),
  ];
}

/** "Max response" or "Target ROAS 2.35" and the lifts, for the title. */
function titleOf(result: AllocationResult): string {
  const lift = formatSignedPercent(result.totals.optmResponseUnitTotalLift);
  if (result.scenario === "max_response") {
    const budgetChange = result.totals.optmSpendUnitTotal / result.totals.initSpendUnitTotal - 1;
    const budget =
      Math.abs(budgetChange) < 0.0005 ? "the same budget" : `a budget ${formatSignedPercent(budgetChange)}`;
    return `Budget allocation: ${lift} response for ${budget}`;
  }
  const target = result.target!;
  const spendChange = result.totals.optmSpendUnitTotal / result.totals.initSpendUnitTotal - 1;
  return (
    `Budget allocation at ${target.metric.toUpperCase()} ${formatRatio(target.value)}: ` +
    `${lift} response, ${formatSignedPercent(spendChange)} spend`
  );
}

function subtitleParts(result: AllocationResult, options: AllocationPictureOptions, per: string): string[] {
  const t = result.totals;
  const multiplier = result.rows[0]?.unconstr_mult ?? Number.NaN;
  const parts: string[] = [];
  if (options.solID !== undefined) parts.push(`Model ${options.solID}`);
  parts.push(
    `${result.periods} ${per}${result.periods === 1 ? "" : "s"}${options.dateRange === undefined ? "" : ` (${options.dateRange})`}`,
  );
  parts.push(
    result.scenario === "max_response"
      ? `budget ${formatCompact(t.total_budget_unit)} per ${per}`
      : `initial spend ${formatCompact(t.initSpendUnitTotal)} per ${per}`,
  );
  parts.push(
    result.unbounded.status === "infeasible"
      ? `bounds ×${formatCompact(multiplier)}: not feasible`
      : `bounds ×${formatCompact(multiplier)}: ${formatSignedPercent(t.optmResponseUnitTotalLiftUnbound)} response`,
  );
  if (result.excluded.length > 0) parts.push(`left out: ${result.excluded.map((e) => e.channel).join(", ")}`);
  return parts;
}

function drawHeader(surface: ReportCanvas, result: AllocationResult, subtitle: string[]): void {
  const { ctx, width } = surface;
  drawText(ctx, titleOf(result), SPACE.margin, 56, {
    size: TEXT.title - 2,
    weight: "bold",
    maxWidth: width - 2 * SPACE.margin,
  });
  subtitle.forEach((line, i) => {
    drawText(ctx, line, SPACE.margin, 98 + i * SUBTITLE_LINE, {
      size: TEXT.subtitle,
      colour: MUTED_INK,
      maxWidth: width - 2 * SPACE.margin,
    });
  });
}

function drawCaption(surface: ReportCanvas, result: AllocationResult, y: number): void {
  const status = result.bounded.status === "optimal" ? "" : ` · solver status: ${result.bounded.status}`;
  const text =
    `Spend and response per period; lifts against the initial allocation. Widened bounds: low × ` +
    `max(0, 1 − (1 − low)·m), up × (1 + (up − 1)·m)${status}`;
  drawText(surface.ctx, text, SPACE.margin, y + TEXT.caption, {
    size: TEXT.caption,
    colour: MUTED_INK,
    maxWidth: surface.width - 2 * SPACE.margin,
  });
}
