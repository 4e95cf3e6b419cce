/**
 * One-pager panel "Adstock" (Robyn p3, method notes §2.1–2.2, §5.5).
 *
 * - Geometric: θ per medium as bars ("fixed decay rate over time"): the share of a period's effect carried
 *   into the next period.
 * - Weibull (CDF or PDF): each medium's decay weights d_1, d_2, … against the periods since spending, with the
 *   half-life, the first period where |d − 0.5| is smallest, as Robyn marks it. The weights are those the model
 *   used: the Weibull scale is a share of all `dataRows` rows (Robyn's plot uses the window length instead).
 *   The periods shown stop once every curve has decayed below 1 %.
 *
 * The panel function runs past ~60 lines because it is one declarative chart.js configuration (data, scales and
 * the plugin that draws its labels); split up, one chart would be spread over several functions.
 */
import type { ModelRecord } from "../../model/model-record.ts";
import type { AdstockType } from "../../model-input/model-settings.ts";
import { weibullCdfWeights, weibullPdfWeights } from "../../transform/adstock.ts";
import { drawText, textWidth } from "../canvas.ts";
import {
  afterDraw,
  categoryAxis,
  dashedGuide,
  legend,
  fitLegendLabel,
  linearAxis,
  niceMax,
  renderChart,
} from "../chart-panel.ts";
import { formatCompact, formatPercent } from "../format.ts";
import { channelColour, INK, MUTED_INK } from "../palette.ts";
import type { Panel } from "../panel.ts";
import { mediaVariables } from "../record-views.ts";
import { TEXT } from "../theme.ts";
import { maxOf } from "../../stats/extent.ts";

export function adstockPanel(
  record: ModelRecord,
  adstock: AdstockType,
  dataRows: number,
  intervalType: string,
): Panel {
  const media = mediaVariables(record).map((v) => v.rn);
  return adstock === "geometric"
    ? geometricPanel(record, media)
    : weibullPanel(record, media, adstock, dataRows, intervalType);
}

function geometricPanel(record: ModelRecord, media: string[]): Panel {
  const thetas = media.map((m) => record.hyperparameters[`${m}_thetas`] ?? 0);
  const high = Math.min(1, niceMax(maxOf(0.1, thetas) * 1.25));
  return {
    title: "Geometric adstock",
    note: "fixed decay rate θ per period",
    body: (width, height, pixelRatio) =>
      renderChart(
        {
          type: "bar",
          data: {
            labels: media,
            datasets: [{ label: "θ", data: thetas, backgroundColor: media.map((_, i) => channelColour(i)) }],
          },
          options: {
            indexAxis: "y",
            scales: {
              x: linearAxis({ min: 0, max: high, format: (v) => formatPercent(v, 0), title: "Decay rate θ" }),
              y: categoryAxis({ maxLabelWidth: width * 0.26 }),
            },
            datasets: { bar: { categoryPercentage: 0.8, barPercentage: 0.85 } },
            plugins: { legend: { display: false } },
          },
          plugins: [
            afterDraw("theta-labels", (chart, ctx) => {
              chart.getDatasetMeta(0).data.forEach((bar, i) => {
                drawText(ctx, formatPercent(thetas[i]!), bar.x + 6, bar.y, {
                  size: TEXT.label,
                  colour: INK,
                  baseline: "middle",
                });
              });
            }),
          ],
        },
        width,
        height,
        pixelRatio,
      ),
  };
}

interface DecayCurve {
  medium: string;
  weights: Float64Array;
  /** 1-based period of the half-life, or null without adstock. */
  halfLife: number | null;
}

function decayCurve(record: ModelRecord, medium: string, type: AdstockType, dataRows: number): DecayCurve {
  const shape = record.hyperparameters[`${medium}_shapes`] ?? 0;
  const scale = record.hyperparameters[`${medium}_scales`] ?? 0;
  const weights = new Float64Array(dataRows);
  if (type === "weibull_pdf") weibullPdfWeights(shape, scale, dataRows, weights);
  else weibullCdfWeights(shape, scale, dataRows, weights);
  if (weights.every((w) => w === 0)) return { medium, weights, halfLife: null };
  let best = 0;
  for (let j = 1; j < dataRows; j++) {
    if (Math.abs(weights[j]! - 0.5) < Math.abs(weights[best]! - 0.5)) best = j;
  }
  return { medium, weights, halfLife: best + 1 };
}

function weibullPanel(
  record: ModelRecord,
  media: string[],
  type: AdstockType,
  dataRows: number,
  intervalType: string,
): Panel {
  const curves = media.map((m) => decayCurve(record, m, type, dataRows));
  let last = 0;
  for (const { weights } of curves) {
    for (let j = weights.length - 1; j > last; j--) {
      if (weights[j]! >= 0.01) {
        last = j;
        break;
      }
    }
  }
  const periods = Math.min(dataRows, Math.max(8, Math.ceil((last + 2) * 1.1)));
  const halfLife = (c: DecayCurve) => (c.halfLife === null ? "none" : formatCompact(c.halfLife));
  return {
    title: `Weibull ${type === "weibull_pdf" ? "PDF" : "CDF"} adstock`,
    note: `legend: half-life in ${intervalType}s`,
    body: (width, height, pixelRatio) =>
      renderChart(
        {
          type: "line",
          data: {
            datasets: curves.map((c, i) => ({
              label: fitLegendLabel(c.medium, width * LEGEND_SHARE, ` (${halfLife(c)})`),
              data: Array.from({ length: periods }, (_, j) => ({ x: j + 1, y: c.weights[j]! })),
              borderColor: channelColour(i),
              backgroundColor: channelColour(i),
              borderWidth: 2.5,
              pointRadius: 0,
            })),
          },
          options: {
            scales: {
              x: linearAxis({ min: 1, max: periods, title: `${capitalise(intervalType)}s since spending` }),
              y: linearAxis({ min: 0, max: 1, format: (v) => formatPercent(v, 0), title: "Decay weight" }),
            },
            plugins: { legend: legend("right", true, width * LEGEND_SHARE) },
          },
          plugins: [
            afterDraw("half-life", (chart, ctx) => {
              const area = chart.chartArea;
              const at = chart.scales.y!.getPixelForValue(0.5);
              dashedGuide(ctx, [area.left, at], [area.right, at]);
              const text = "half-life";
              drawText(ctx, text, area.right - textWidth(ctx, text, TEXT.label) - 4, at - 4, {
                size: TEXT.label,
                colour: MUTED_INK,
                halo: true,
              });
              const x = chart.scales.x!;
              const y = chart.scales.y!;
              curves.forEach((c, i) => {
                if (c.halfLife === null || c.halfLife > periods) return;
                ctx.fillStyle = channelColour(i);
                ctx.strokeStyle = "#ffffff";
                ctx.lineWidth = 1.5;
                ctx.beginPath();
                ctx.arc(
                  x.getPixelForValue(c.halfLife),
                  y.getPixelForValue(c.weights[c.halfLife - 1]!),
                  5,
                  0,
                  2 * Math.PI,
                );
                ctx.fill();
                ctx.stroke();
              });
            }),
          ],
        },
        width,
        height,
        pixelRatio,
      ),
  };
}

const LEGEND_SHARE = 0.3;

function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}
