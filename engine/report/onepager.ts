/**
 * The model one-pager as a PNG (Robyn `robyn_onepagers`, method notes §5.5): title with the model id, a
 * subtitle with the fit metrics, eight panels in Robyn's arrangement
 *
 *   waterfall (p2)           | actual vs. predicted (p5)
 *   spend, effect, ROAS (p1) | bootstrapped ROAS (p8)
 *   adstock (p3)             | immediate vs. carryover (p7)
 *   response curves (p4)     | fitted vs. residual (p6)
 *
 * (with the reason under the metrics when the model is the run's recommended one), a strip with the model's health checks
 * under the subtitle (`health-strip.ts`), and a caption with the total ROAS (CPA) over the window, the channel where 10 % more spend earns most, and
 * the engine that trained the model; the response-curve legend gives each channel's mROI. Rows grow
 * with the number of variables they list (one bar per variable needs ~24 px to keep labels apart), so the
 * picture is 1600 × 1800 for Robyn's demo and taller for wide models.
 */
import type { ModelRecord } from "../model/model-record.ts";
import { timeSeriesSplit } from "../fit/split.ts";
import {
  createReportCanvas,
  drawText,
  encodePng,
  measuringContext,
  packLines,
  type ReportCanvas,
} from "./canvas.ts";
import { formatMetric, formatRatio } from "./format.ts";
import type { OnePagerContext, RenderOptions } from "./onepager-context.ts";
import { MUTED_INK } from "./palette.ts";
import { drawPanel, type Box, type Panel } from "./panel.ts";
import { actualVsPredictedPanel, type WindowSplit } from "./panels/actual-vs-predicted.ts";
import { adstockPanel } from "./panels/adstock.ts";
import { bootstrapPanel } from "./panels/bootstrap.ts";
import { carryoverPanel } from "./panels/carryover.ts";
import { fittedResidualPanel } from "./panels/fitted-residual.ts";
import { responseCurvesPanel } from "./panels/response-curves.ts";
import { spendEffectPanel } from "./panels/spend-effect.ts";
import { waterfallPanel } from "./panels/waterfall.ts";
import { mediaVariables, paidVariables, totalRoas } from "./record-views.ts";
import { marginalReturnsOf, rankNextBudget } from "../response/marginal-returns.ts";
import { SPACE, TEXT } from "./theme.ts";
import { drawHealthStrip, healthStripHeight } from "./health-strip.ts";

export type { ChannelInterval, OnePagerContext, RenderOptions } from "./onepager-context.ts";

const HEADER_HEIGHT = 128;
const SUBTITLE_LINE = 30;
const CAPTION_HEIGHT = 56;
const ROW_GAP = 26;
/** Per listed bar (variable or channel) and fixed chrome (title line, axes, legend) of a row. */
const PER_BAR = 25;
const ROW_CHROME = 130;

/** Where the one-pager's parts go, in logical pixels (also for tests and image maps). */
export interface OnePagerLayout {
  width: number;
  height: number;
  subtitle: string[];
  /** Where the health strip starts (it ends where the panels start). */
  healthTop: number;
  /** Panels in Robyn's reading order: row by row, left then right. */
  panels: { name: OnePagerPanelName; box: Box }[];
}

export type OnePagerPanelName =
  | "waterfall"
  | "actual-vs-predicted"
  | "spend-effect"
  | "bootstrap"
  | "adstock"
  | "carryover"
  | "response-curves"
  | "fitted-residual";

const PANEL_ROWS: [OnePagerPanelName, OnePagerPanelName][] = [
  ["waterfall", "actual-vs-predicted"],
  ["spend-effect", "bootstrap"],
  ["adstock", "carryover"],
  ["response-curves", "fitted-residual"],
];

export function onePagerLayout(
  record: ModelRecord,
  options: RenderOptions = {},
  recommendation?: string,
  health?: OnePagerContext["health"],
): OnePagerLayout {
  const width = options.width ?? 1600;
  const paid = paidVariables(record).length;
  const media = mediaVariables(record).length;
  const rowHeights = [
    Math.max(420, ROW_CHROME + PER_BAR * record.variables.length),
    Math.max(380, ROW_CHROME + 2 * PER_BAR * paid),
    Math.max(360, ROW_CHROME + PER_BAR * media),
    440,
  ];
  const pack = (parts: string[], separator: string) =>
    packLines(measuringContext(), parts, separator, width - 2 * SPACE.margin, TEXT.subtitle);
  const subtitle = [
    ...pack(metricParts(record), SEPARATOR),
    ...(recommendation === undefined ? [] : pack(`Recommended model: ${recommendation}`.split(" "), " ")),
  ];
  const healthTop = HEADER_HEIGHT + SUBTITLE_LINE * (subtitle.length - 1);
  const headerHeight = healthTop + healthStripHeight(health);
  const height = headerHeight + rowHeights.reduce((a, b) => a + b, 0) + ROW_GAP * 3 + CAPTION_HEIGHT;
  const columnWidth = (width - 2 * SPACE.margin - SPACE.gutter) / 2;
  const panels: OnePagerLayout["panels"] = [];
  let y = headerHeight;
  PANEL_ROWS.forEach(([left, right], r) => {
    const rowHeight = rowHeights[r]!;
    panels.push({ name: left, box: { x: SPACE.margin, y, width: columnWidth, height: rowHeight } });
    panels.push({
      name: right,
      box: { x: SPACE.margin + columnWidth + SPACE.gutter, y, width: columnWidth, height: rowHeight },
    });
    y += rowHeight + ROW_GAP;
  });
  return { width, height, subtitle, healthTop, panels };
}

export function renderOnePager(
  record: ModelRecord,
  context: OnePagerContext,
  options: RenderOptions = {},
): Promise<Buffer> {
  const layout = onePagerLayout(record, options, context.recommendation, context.health);
  const surface = createReportCanvas(layout.width, layout.height, options.pixelRatio ?? 1);
  drawHeader(surface, record, context, layout.subtitle);
  if (context.health && context.health.length > 0) drawHealthStrip(surface, context.health, layout.healthTop);
  const panels: Record<OnePagerPanelName, () => Panel> = {
    waterfall: () => waterfallPanel(record),
    "actual-vs-predicted": () => actualVsPredictedPanel(record, splitOf(record, context), context.depVarName),
    "spend-effect": () => spendEffectPanel(record, context.depVarType),
    bootstrap: () => bootstrapPanel(record, context.depVarType, context.bootstrap, context.clusterLabel),
    adstock: () => adstockPanel(record, context.adstock, context.dataRows, context.intervalType ?? "period"),
    carryover: () => carryoverPanel(record),
    "response-curves": () => responseCurvesPanel(record, context.depVarName, context.currency),
    "fitted-residual": () => fittedResidualPanel(record),
  };
  for (const { name, box } of layout.panels) drawPanel(surface, box, panels[name]());
  drawCaption(surface, record, context, layout.height - CAPTION_HEIGHT + 8);
  return encodePng(surface);
}

function splitOf(record: ModelRecord, context: OnePagerContext): WindowSplit | null {
  if (context.split !== undefined) return context.split;
  if (record.train_size >= 1) return null;
  const { nTrain, nVal, nTest } = timeSeriesSplit(record.series.ds.length, record.train_size);
  return { train: nTrain, validation: nVal, test: nTest };
}

const SEPARATOR = "   |   ";

/** Robyn's subtitle: Adj.R², NRMSE (train, and validation and test with time-series validation), DECOMP.RSSD, MAPE. */
function metricParts(record: ModelRecord): string[] {
  const triple = (train: number | null, val: number | null, test: number | null) =>
    val === null && test === null
      ? `train = ${formatMetric(train)}`
      : `train = ${formatMetric(train)}, val = ${formatMetric(val)}, test = ${formatMetric(test)}`;
  return [
    `Adj.R²: ${triple(record.rsq_train, record.rsq_val, record.rsq_test)}`,
    `NRMSE: ${triple(record.nrmse_train, record.nrmse_val, record.nrmse_test)}`,
    `DECOMP.RSSD = ${formatMetric(record["decomp.rssd"])}`,
    `MAPE = ${formatMetric(record.mape)}`,
  ];
}

function drawHeader(
  surface: ReportCanvas,
  record: ModelRecord,
  context: OnePagerContext,
  subtitle: string[],
): void {
  const { ctx, width } = surface;
  const left = SPACE.margin;
  const titleWidth = drawText(ctx, `One-pager for model ${record.solID}`, left, 56, {
    size: TEXT.title,
    weight: "bold",
    maxWidth: width - 2 * left,
  });
  if (context.clusterLabel !== undefined) {
    drawText(ctx, context.clusterLabel, left + titleWidth + 18, 56, {
      size: TEXT.subtitle + 3,
      colour: MUTED_INK,
      maxWidth: width - left - titleWidth - 18 - SPACE.margin,
    });
  }
  subtitle.forEach((line, i) => {
    drawText(ctx, line, left, 98 + i * SUBTITLE_LINE, {
      size: TEXT.subtitle,
      colour: MUTED_INK,
      maxWidth: width - 2 * left,
    });
  });
}

/**
 * Robyn's caption (total ROAS or CPA over the window), then the channel where 10 % more of its mean spend adds
 * most response (the top of model_summary.json's `next_budget_ranking`).
 */
export function captionText(
  record: ModelRecord,
  context: Pick<OnePagerContext, "depVarType" | "currency">,
): string {
  const ds = record.series.ds;
  const window = `${ds[0] ?? "?"}:${ds[ds.length - 1] ?? "?"}`;
  const roas = totalRoas(record);
  const unit = context.currency ? ` ${context.currency}` : "";
  const total =
    context.depVarType === "revenue"
      ? `Total ROAS = sum of response / sum of spend = ${formatRatio(roas)} in modelling window ${window}`
      : `Total CPA = sum of spend / sum of response = ${formatRatio(1 / roas)}${unit} in modelling window ${window}`;
  const leader = rankNextBudget(marginalReturnsOf(record))[0];
  return leader ? `${total}   |   next 10 % of spend earns most on ${leader.channel}` : total;
}

function drawCaption(surface: ReportCanvas, record: ModelRecord, context: OnePagerContext, y: number): void {
  const { ctx, width } = surface;
  const text = captionText(record, context);
  const engine = `${context.engine} engine ${context.version}`;
  const engineWidth = drawText(ctx, engine, width - SPACE.margin, y + TEXT.caption + 8, {
    size: TEXT.caption,
    colour: MUTED_INK,
    align: "right",
  });
  drawText(ctx, text, SPACE.margin, y + TEXT.caption + 8, {
    size: TEXT.caption + 2,
    maxWidth: width - 2 * SPACE.margin - engineWidth - 24,
  });
}
