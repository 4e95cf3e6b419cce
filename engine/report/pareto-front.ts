/**
 * The Pareto-front picture (Robyn `pareto_front.png`, method notes §5.2, §5.5): every candidate model as a
 * point, NRMSE against DECOMP.RSSD, coloured by iteration (viridis) or by cluster; a line through each selected
 * front (front 1 bold) and the front-1 models highlighted.
 *
 * chart.js draws only the axes (an empty scatter with fixed ranges); the points are drawn straight on the
 * canvas from a plugin, batched into one path per colour, because chart.js's per-point elements are far too
 * slow for the 50,000 candidates of a full run.
 */
import type { Chart } from "chart.js";
import { createReportCanvas, drawText, encodePng, textWidth, type SKRSContext2D } from "./canvas.ts";
import { afterDraw, linearAxis, niceRange, renderChart } from "./chart-panel.ts";
import { formatCompact } from "./format.ts";
import { channelColour, FRONT_LINE, INK, MUTED_INK, viridis, withAlpha } from "./palette.ts";
import { SPACE, TEXT } from "./theme.ts";

export interface ParetoPoints {
  nrmse: Float64Array;
  decompRssd: Float64Array;
  /** Each model's front (1 = non-dominated), or null when it is on no selected front / was filtered out. */
  front: (number | null)[];
  /** Cluster of each model (0-based), −1 for none; used when `colourBy` is "cluster". */
  cluster?: Int32Array;
  /** Iteration (or elapsed time) of each model; used when `colourBy` is "iteration". */
  iteration?: Float64Array;
}

export interface ParetoFrontOptions {
  width?: number;
  height?: number;
  pixelRatio?: number;
  title?: string;
  subtitle?: string;
  /** Default: "iteration" when iterations are given, else "cluster" when clusters are given. */
  colourBy?: "iteration" | "cluster";
  /** Name of the colour scale for iterations; default "Iteration". */
  iterationLabel?: string;
  /**
   * Fronts 1..selectedFronts are drawn as lines (Robyn's selected `pareto_fronts`); default every front in
   * `points.front`. Models on later fronts are drawn as plain candidates.
   */
  selectedFronts?: number;
}

const COLOUR_BUCKETS = 48;
const HEADER = 150;
const AXIS_TICKS = 9;

export function renderParetoFront(points: ParetoPoints, options: ParetoFrontOptions = {}): Promise<Buffer> {
  const width = options.width ?? 1600;
  const height = options.height ?? 1000;
  const n = points.nrmse.length;
  const surface = createReportCanvas(width, height, options.pixelRatio ?? 1);
  const { ctx } = surface;
  const colourBy =
    options.colourBy ??
    (points.iteration !== undefined ? "iteration" : points.cluster !== undefined ? "cluster" : null);
  const colours = colourIndex(points, colourBy);
  const fronts = frontsOf(points, options.selectedFronts ?? Infinity);
  const frontOne = fronts.get(1) ?? [];

  drawText(ctx, options.title ?? "Pareto front", SPACE.margin, 52, { size: TEXT.title - 4, weight: "bold" });
  const frontModels = [...fronts.values()].reduce((total, f) => total + f.length, 0);
  const subtitle =
    options.subtitle ??
    `${n.toLocaleString("en-US")} models · ${frontModels.toLocaleString("en-US")} on ${fronts.size} selected ` +
      `front${fronts.size === 1 ? "" : "s"} · ${frontOne.length.toLocaleString("en-US")} on front 1`;
  drawText(ctx, subtitle, SPACE.margin, 90, {
    size: TEXT.subtitle,
    colour: MUTED_INK,
    maxWidth: width - 2 * SPACE.margin,
  });
  drawLegend(ctx, SPACE.margin, 128, width - 2 * SPACE.margin, colours, fronts.size, options.iterationLabel);

  const x = rangeOf(points.nrmse);
  const y = rangeOf(points.decompRssd);
  const chartHeight = height - HEADER - 12;
  const chart = renderChart(
    {
      type: "scatter",
      data: { datasets: [{ data: [] }] },
      options: {
        scales: {
          x: linearAxis({ ...x, title: "NRMSE", maxTicks: AXIS_TICKS }),
          y: linearAxis({ ...y, title: "DECOMP.RSSD", maxTicks: AXIS_TICKS }),
        },
        plugins: { legend: { display: false } },
      },
      plugins: [afterDraw("pareto-points", (c, context) => drawPoints(c, context, points, colours, fronts))],
    },
    width - 2 * SPACE.margin,
    chartHeight,
    surface.pixelRatio,
  );
  ctx.drawImage(chart, SPACE.margin, HEADER, width - 2 * SPACE.margin, chartHeight);
  return encodePng(surface);
}

interface Colours {
  /** Per point, an index into `palette`. */
  index: Uint16Array;
  palette: string[];
  kind: "iteration" | "cluster" | null;
  min: number;
  max: number;
  clusters: number;
}

function colourIndex(points: ParetoPoints, colourBy: "iteration" | "cluster" | null): Colours {
  const n = points.nrmse.length;
  const index = new Uint16Array(n);
  if (colourBy === "iteration" && points.iteration !== undefined) {
    const { min, max } = extent(points.iteration);
    const span = max - min || 1;
    const palette = Array.from({ length: COLOUR_BUCKETS }, (_, b) => viridis(b / (COLOUR_BUCKETS - 1)));
    for (let i = 0; i < n; i++) {
      const t = (points.iteration[i]! - min) / span;
      index[i] = Math.min(COLOUR_BUCKETS - 1, Math.max(0, Math.round(t * (COLOUR_BUCKETS - 1))));
    }
    return { index, palette, kind: "iteration", min, max, clusters: 0 };
  }
  if (colourBy === "cluster" && points.cluster !== undefined) {
    let k = 0;
    for (let i = 0; i < n; i++) k = Math.max(k, points.cluster[i]! + 1);
    // Index 0 is "no cluster", drawn in light grey.
    const palette = ["#cbd5e0", ...Array.from({ length: k }, (_, c) => channelColour(c))];
    for (let i = 0; i < n; i++) index[i] = points.cluster[i]! < 0 ? 0 : points.cluster[i]! + 1;
    return { index, palette, kind: "cluster", min: 0, max: k - 1, clusters: k };
  }
  return { index, palette: ["#4a5568"], kind: null, min: 0, max: 0, clusters: 0 };
}

/** Models of each selected front, sorted by NRMSE (the order a front line goes through them). */
function frontsOf(points: ParetoPoints, selected: number): Map<number, number[]> {
  const fronts = new Map<number, number[]>();
  points.front.forEach((f, i) => {
    if (f === null || f < 1 || f > selected) return;
    if (!Number.isFinite(points.nrmse[i]!) || !Number.isFinite(points.decompRssd[i]!)) return;
    const list = fronts.get(f) ?? [];
    list.push(i);
    fronts.set(f, list);
  });
  for (const list of fronts.values()) list.sort((a, b) => points.nrmse[a]! - points.nrmse[b]!);
  return new Map([...fronts.entries()].sort((a, b) => a[0] - b[0]));
}

function drawPoints(
  chart: Chart,
  ctx: SKRSContext2D,
  points: ParetoPoints,
  colours: Colours,
  fronts: Map<number, number[]>,
): void {
  const area = chart.chartArea;
  const xScale = chart.scales.x!;
  const yScale = chart.scales.y!;
  const n = points.nrmse.length;
  ctx.beginPath();
  ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
  ctx.clip();

  // All candidates: one path per colour, small squares (far cheaper than arcs at this count).
  const radius = n > 20_000 ? 1.6 : n > 2_000 ? 2.2 : 3.2;
  const size = 2 * radius;
  const px = new Float32Array(n);
  const py = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    px[i] = xScale.getPixelForValue(points.nrmse[i]!);
    py[i] = yScale.getPixelForValue(points.decompRssd[i]!);
  }
  ctx.globalAlpha = n > 20_000 ? 0.55 : 0.75;
  colours.palette.forEach((colour, c) => {
    ctx.fillStyle = colour;
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      if (colours.index[i] !== c || !Number.isFinite(px[i]!) || !Number.isFinite(py[i]!)) continue;
      ctx.rect(px[i]! - radius, py[i]! - radius, size, size);
    }
    ctx.fill();
  });
  ctx.globalAlpha = 1;

  // Front lines, the later fronts first so that front 1 is on top.
  for (const [front, members] of [...fronts.entries()].reverse()) {
    ctx.strokeStyle = front === 1 ? FRONT_LINE : withAlpha(FRONT_LINE, 0.45);
    ctx.lineWidth = front === 1 ? 3 : 1.5;
    ctx.beginPath();
    members.forEach((i, k) => (k === 0 ? ctx.moveTo(px[i]!, py[i]!) : ctx.lineTo(px[i]!, py[i]!)));
    ctx.stroke();
  }
  // Front-1 models: larger dots in their colour with a dark ring (smaller when there are very many).
  const first = fronts.get(1) ?? [];
  const ring = first.length > 200 ? 3.5 : 6;
  for (const i of first) {
    ctx.fillStyle = colours.palette[colours.index[i]!]!;
    ctx.strokeStyle = INK;
    ctx.lineWidth = ring / 3;
    ctx.beginPath();
    ctx.arc(px[i]!, py[i]!, ring, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}

/** The key above the plot (drawn by hand: one row of line, marker and colour-scale items), ~60 lines. */
function drawLegend(
  ctx: SKRSContext2D,
  left: number,
  middle: number,
  maxWidth: number,
  colours: Colours,
  frontCount: number,
  iterationLabel = "Iteration",
): void {
  let x = left;
  const size = TEXT.legend;
  const label = (text: string) => {
    x += drawText(ctx, text, x, middle, { size, colour: INK, baseline: "middle" }) + 24;
  };
  // Front lines and the front-1 marker.
  ctx.strokeStyle = FRONT_LINE;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(x, middle);
  ctx.lineTo(x + 30, middle);
  ctx.stroke();
  ctx.fillStyle = "#ffffff";
  ctx.strokeStyle = INK;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(x + 15, middle, 6, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
  x += 38;
  label("Front 1 (models ringed)");
  if (frontCount > 1) {
    ctx.strokeStyle = withAlpha(FRONT_LINE, 0.45);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x, middle);
    ctx.lineTo(x + 30, middle);
    ctx.stroke();
    x += 38;
    label(frontCount === 2 ? "Front 2" : `Fronts 2–${frontCount}`);
  }

  if (colours.kind === "iteration") {
    x += drawText(ctx, `${iterationLabel}:`, x, middle, { size, colour: MUTED_INK, baseline: "middle" }) + 10;
    x += drawText(ctx, formatCompact(colours.min), x, middle, { size, colour: INK, baseline: "middle" }) + 8;
    const barWidth = Math.min(260, Math.max(80, left + maxWidth - x - 80));
    for (let k = 0; k < barWidth; k++) {
      ctx.fillStyle = viridis(k / (barWidth - 1));
      ctx.fillRect(x + k, middle - 8, 1.5, 16);
    }
    x += barWidth + 8;
    drawText(ctx, formatCompact(colours.max), x, middle, { size, colour: INK, baseline: "middle" });
  } else if (colours.kind === "cluster") {
    x += drawText(ctx, "Cluster:", x, middle, { size, colour: MUTED_INK, baseline: "middle" }) + 10;
    for (let c = 0; c < colours.clusters; c++) {
      const text = String(c + 1);
      if (x + 24 + textWidth(ctx, text, size) > left + maxWidth) break;
      ctx.fillStyle = colours.palette[c + 1]!;
      ctx.fillRect(x, middle - 7, 14, 14);
      x += 20;
      x += drawText(ctx, text, x, middle, { size, colour: INK, baseline: "middle" }) + 14;
    }
  }
}

function extent(values: Float64Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min === Infinity ? { min: 0, max: 1 } : { min, max };
}

/** The axis range of `values`: their extent with 2 % padding, rounded out to ticks, never below 0 (objectives ≥ 0). */
function rangeOf(values: Float64Array): { min: number; max: number } {
  const { min, max } = extent(values);
  const pad = (max - min || Math.abs(max) || 1) * 0.02;
  return niceRange(Math.max(0, min - pad), max + pad, AXIS_TICKS);
}
