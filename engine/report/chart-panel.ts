/**
 * chart.js on @napi-rs/canvas, headless: one chart rendered into its own canvas (chart.js clears the whole
 * canvas it draws on), which the picture then places with `drawImage`. Only the controllers, elements, scales
 * and plugins the reports use are registered (chart.js is tree-shakable). Every chart gets `animation: false`,
 * `responsive: false`, the picture's device pixel ratio and chart.js's basic (non-DOM) platform.
 *
 * chart.js's root `font` option does not reach ticks, titles and legends, so the helpers here set the report
 * font on each of them explicitly instead of changing chart.js's process-wide defaults.
 */
import { createCanvas } from "@napi-rs/canvas";
import {
  BarController,
  BarElement,
  BasicPlatform,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  type ChartConfiguration,
  type ChartType,
  type Plugin,
} from "chart.js";
import type { Canvas, SKRSContext2D } from "./canvas.ts";
import { fitText, font, measuringContext, reportFontFamily } from "./canvas.ts";
import { formatCompact, shorten } from "./format.ts";
import { AXIS, GRID, INK, MUTED_INK } from "./palette.ts";
import { TEXT } from "./theme.ts";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
);

/** Renders `config` into a new canvas of `width` × `height` logical pixels and returns that canvas. */
export function renderChart<T extends ChartType>(
  config: ChartConfiguration<T>,
  width: number,
  height: number,
  pixelRatio: number,
): Canvas {
  const canvas = createCanvas(Math.max(1, Math.round(width)), Math.max(1, Math.round(height)));
  const options = {
    ...config.options,
    animation: false,
    responsive: false,
    maintainAspectRatio: false,
    devicePixelRatio: pixelRatio,
    events: [],
  };
  const item = canvas.getContext("2d") as unknown as ConstructorParameters<typeof Chart>[0];
  let chart: Chart<T>;
  try {
    chart = new Chart(item, { ...config, options, platform: BasicPlatform } as ChartConfiguration<T>);
  } catch (error) {
    // chart.js registers the chart before drawing it: do not leave a failed one in its instance list.
    Chart.getChart(item as unknown as Parameters<typeof Chart.getChart>[0])?.destroy();
    throw error;
  }
  // `destroy` clears the canvas (and must run, or chart.js keeps the chart in its instance list): copy first.
  const copy = createCanvas(canvas.width, canvas.height);
  copy.getContext("2d").drawImage(canvas, 0, 0);
  chart.destroy();
  return copy;
}

/** The drawing context of a chart, typed as @napi-rs/canvas's context (for plugins that draw labels). */
export function chartContext(chart: Chart): SKRSContext2D {
  return chart.ctx as unknown as SKRSContext2D;
}

/** A chart.js plugin drawing after the datasets, with the chart's context typed as @napi-rs/canvas's. */
export function afterDraw(id: string, draw: (chart: Chart, ctx: SKRSContext2D) => void): Plugin {
  return {
    id,
    afterDatasetsDraw(chart) {
      const ctx = chartContext(chart as Chart);
      ctx.save();
      draw(chart as Chart, ctx);
      ctx.restore();
    },
  };
}

/** A dashed guide line in muted ink from `from` to `to` (pixels), e.g. a reference value across the plot. */
export function dashedGuide(ctx: SKRSContext2D, from: [number, number], to: [number, number]): void {
  ctx.strokeStyle = MUTED_INK;
  ctx.setLineDash([5, 5]);
  ctx.beginPath();
  ctx.moveTo(from[0], from[1]);
  ctx.lineTo(to[0], to[1]);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** The smallest end ≥ value of a chart.js linear axis from 0 with `maxTicks` ticks that is itself a tick. */
export function niceMax(value: number, maxTicks = 7): number {
  if (!(value > 0) || !Number.isFinite(value)) return value;
  return niceRange(0, value, maxTicks).max;
}

/**
 * A range covering [min, max] whose ends are ticks of chart.js's linear scale with `maxTicks` ticks: its step is
 * a "nice number" (1, 2, 5 × 10^k), so no odd end value is shown. The smallest such step whose rounded-out ends
 * span at most maxTicks − 1 steps wins (rounding both ends out can add a step, so the first candidate that
 * covers the span is not always enough).
 */
export function niceRange(min: number, max: number, maxTicks = 7): { min: number; max: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1 };
  const span = max - min || Math.abs(max) || 1;
  // At least two intervals: with one, a range straddling a multiple of every step would never fit.
  const intervals = Math.max(2, maxTicks - 1);
  const firstPower = 10 ** Math.floor(Math.log10(span / intervals));
  // A span beyond the double range (or below its smallest step) has no nice step: keep the data's ends.
  if (!(firstPower > 0 && Number.isFinite(firstPower))) return { min, max };
  for (let power = firstPower; ; power *= 10) {
    for (const multiple of [1, 2, 5]) {
      const step = multiple * power;
      const low = Math.floor(min / step + 1e-9) * step;
      const high = Math.ceil(max / step - 1e-9) * step;
      if ((high - low) / step <= intervals + 1e-9) return { min: low, max: high };
    }
  }
}

export function chartFont(size: number = TEXT.tick, weight: "normal" | "bold" = "normal") {
  return { family: reportFontFamily(), size, weight };
}

export interface AxisSpec {
  title?: string;
  min?: number;
  max?: number;
  /** Tick label; default: compact numbers (1.2M, 35k). */
  format?: (value: number) => string;
  grid?: boolean;
  position?: "left" | "right" | "top" | "bottom";
  beginAtZero?: boolean;
  maxTicks?: number;
  stacked?: boolean;
  offset?: boolean;
  innerLabels?: boolean;
}

/** A linear axis with the report's fonts, grid and compact tick labels. */
export function linearAxis(spec: AxisSpec = {}) {
  const format = spec.format ?? ((value: number) => formatCompact(value));
  return {
    type: "linear" as const,
    ...(spec.position === undefined ? {} : { position: spec.position }),
    ...(spec.min === undefined ? {} : { min: spec.min }),
    ...(spec.max === undefined ? {} : { max: spec.max }),
    beginAtZero: spec.beginAtZero ?? false,
    stacked: spec.stacked ?? false,
    offset: spec.offset ?? false,
    grid: { display: spec.grid ?? true, color: GRID, drawTicks: false },
    border: { color: AXIS },
    ticks: {
      font: chartFont(),
      color: MUTED_INK,
      padding: 6,
      maxTicksLimit: spec.maxTicks ?? 7,
      maxRotation: 0,
      // Keeps the first and last labels inside the axis, so side-by-side axes do not overlap.
      ...(spec.innerLabels === true ? { align: "inner" as const } : {}),
      callback: (value: number | string) => format(Number(value)),
    },
    title: axisTitle(spec.title),
  };
}

/** A category axis (names), labels never rotated: long names are shortened instead. */
export function categoryAxis(spec: {
  title?: string;
  maxLabelWidth?: number;
  stacked?: boolean;
  autoSkip?: boolean;
}) {
  const maxChars = Math.max(6, Math.floor((spec.maxLabelWidth ?? 200) / (TEXT.tick * 0.58)));
  return {
    type: "category" as const,
    stacked: spec.stacked ?? false,
    grid: { display: false },
    border: { color: AXIS },
    ticks: {
      font: chartFont(),
      color: INK,
      autoSkip: spec.autoSkip ?? false,
      maxRotation: 0,
      minRotation: 0,
      callback(this: { getLabelForValue(value: number): string }, value: number | string) {
        return shorten(this.getLabelForValue(Number(value)), maxChars);
      },
    },
    title: axisTitle(spec.title),
  };
}

export function axisTitle(text: string | undefined) {
  return {
    display: text !== undefined,
    text: text ?? "",
    font: chartFont(TEXT.axisTitle, "bold"),
    color: MUTED_INK,
    padding: { top: 4, bottom: 2 },
  };
}

/** `text` shortened with "…" to fit a right-hand legend `legendWidth` pixels wide (box, gaps and padding included). */
export function fitLegendLabel(text: string, legendWidth: number, suffix = ""): string {
  const ctx = measuringContext();
  ctx.font = font(TEXT.legend);
  const room = legendWidth - 52 - ctx.measureText(suffix).width;
  return `${fitText(ctx, text, room)}${suffix}`;
}

/**
 * The legend; on the right it takes at most `maxWidth` pixels (shorten labels with `fitLegendLabel`). With
 * `pointStyle`, each entry shows its dataset's point style (set `pointStyle: "line"` on line datasets).
 */
export function legend(
  position: "top" | "bottom" | "right" = "top",
  display = true,
  maxWidth?: number,
  pointStyle = false,
) {
  return {
    display,
    position,
    align: "start" as const,
    ...(maxWidth === undefined ? {} : { maxWidth }),
    labels: {
      font: chartFont(TEXT.legend),
      color: INK,
      boxWidth: 16,
      boxHeight: 12,
      padding: 12,
      usePointStyle: pointStyle,
    },
  };
}
