/**
 * One-pager panel "Share of total spend, effect & ROAS (CPA) in modelling window" (Robyn p1, method notes §5.5):
 * per paid channel, its share of spend and its share of the media effect as bars, and its total ROAS
 * (xDecompAgg / total spend) or CPA (total spend / xDecompAgg) as markers joined by a line on the top axis.
 *
 * The panel function runs past ~60 lines because it is one declarative chart.js configuration (data, scales and
 * the plugin that draws its labels); split up, one chart would be spread over several functions.
 */
import type { ModelRecord } from "../../model/model-record.ts";
import { drawText, textWidth } from "../canvas.ts";
import { afterDraw, categoryAxis, legend, linearAxis, niceMax, renderChart } from "../chart-panel.ts";
import { formatPercent, formatRatio } from "../format.ts";
import { EFFECT, GRID, INK, ROAS_LINE, SPEND } from "../palette.ts";
import type { Panel } from "../panel.ts";
import { paidVariables } from "../record-views.ts";
import { TEXT } from "../theme.ts";
import { maxOf } from "../../stats/extent.ts";

export function spendEffectPanel(record: ModelRecord, depVarType: "revenue" | "conversion"): Panel {
  const paid = paidVariables(record);
  const metric = depVarType === "revenue" ? "ROAS" : "CPA";
  const labels = paid.map((v) => v.rn);
  const spend = paid.map((v) => v.spend_share ?? 0);
  const effect = paid.map((v) => v.effect_share ?? 0);
  const ratio = paid.map((v) => {
    const value = depVarType === "revenue" ? v.roi_total : v.cpa_total;
    return value !== null && Number.isFinite(value) ? value : null;
  });
  const shareMax = maxOf(0.05, spend, effect);
  const ratioMax = maxOf(
    1e-9,
    ratio.map((r) => r ?? 0),
  );

  return {
    title: `Share of spend, effect & ${metric}`,
    note: "in modelling window",
    body: (width, height, pixelRatio) =>
      renderChart(
        {
          type: "bar",
          data: {
            labels,
            datasets: [
              { type: "bar", label: "Spend share", data: spend, backgroundColor: SPEND, xAxisID: "x" },
              { type: "bar", label: "Effect share", data: effect, backgroundColor: EFFECT, xAxisID: "x" },
              {
                type: "line",
                label: `${metric} (total)`,
                data: ratio,
                xAxisID: "x2",
                borderColor: ROAS_LINE,
                backgroundColor: ROAS_LINE,
                borderWidth: 2,
                pointRadius: 5,
                pointBorderColor: "#ffffff",
                pointBorderWidth: 1.5,
                spanGaps: true,
              },
            ],
          },
          options: {
            indexAxis: "y",
            layout: { padding: { right: 10 } },
            scales: {
              // Two side-by-side plots sharing the channel axis: shares (wider) and the ratio, so that the
              // ratio's markers and labels never sit on the bars.
              x: {
                ...linearAxis({
                  min: 0,
                  max: Math.min(1, niceMax(shareMax * 1.2)),
                  format: (v) => formatPercent(v, 0),
                  title: "Share of total",
                  innerLabels: true,
                }),
                stack: "columns",
                stackWeight: 2,
              },
              x2: {
                ...linearAxis({
                  min: 0,
                  max: niceMax(ratioMax * 1.45, 3),
                  title: metric,
                  maxTicks: 3,
                  innerLabels: true,
                }),
                stack: "columns",
                stackWeight: 1,
                offset: true,
              },
              y: categoryAxis({ maxLabelWidth: width * 0.24 }),
            },
            datasets: { bar: { categoryPercentage: 0.8, barPercentage: 0.9 } },
            plugins: { legend: legend("bottom") },
          },
          plugins: [
            afterDraw("share-labels", (chart, ctx) => {
              const x = chart.scales.x!;
              const x2 = chart.scales.x2!;
              for (const datasetIndex of [0, 1]) {
                const meta = chart.getDatasetMeta(datasetIndex);
                const values = datasetIndex === 0 ? spend : effect;
                meta.data.forEach((bar, i) => {
                  drawText(ctx, formatPercent(values[i]!), x.getPixelForValue(values[i]!) + 4, bar.y, {
                    size: TEXT.label - 1,
                    colour: INK,
                    baseline: "middle",
                  });
                });
              }
              ctx.strokeStyle = GRID;
              ctx.lineWidth = 1;
              ctx.beginPath();
              ctx.moveTo(x2.left, chart.chartArea.top);
              ctx.lineTo(x2.left, chart.chartArea.bottom);
              ctx.stroke();
              ratio.forEach((value, i) => {
                if (value === null) return;
                const text = formatRatio(value);
                const px = x2.getPixelForValue(value);
                const py = chart.scales.y!.getPixelForValue(i);
                const fitsRight = px + 10 + textWidth(ctx, text, TEXT.label, "bold") <= x2.right;
                drawText(ctx, text, fitsRight ? px + 10 : px - 10, py, {
                  size: TEXT.label,
                  weight: "bold",
                  colour: ROAS_LINE,
                  align: fitsRight ? "left" : "right",
                  baseline: "middle",
                  halo: true,
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
