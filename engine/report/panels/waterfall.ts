/**
 * One-pager panel "Response decomposition waterfall by predictor" (Robyn p2, method notes §5.5): each
 * variable's share of the fitted response (xDecompPerc) as a floating bar, largest at the top starting at 0,
 * each next bar starting where the previous ended, so the bottom bar ends at 100 %. Labels give the total
 * contribution (xDecompAgg) and its share.
 *
 * The panel function runs past ~60 lines because it is one declarative chart.js configuration (data, scales and
 * the plugin that draws its labels); split up, one chart would be spread over several functions.
 */
import type { ModelRecord } from "../../model/model-record.ts";
import { drawText, textWidth } from "../canvas.ts";
import { afterDraw, categoryAxis, legend, linearAxis, niceRange, renderChart } from "../chart-panel.ts";
import { formatCompact, formatPercent } from "../format.ts";
import { INK, NEGATIVE, POSITIVE } from "../palette.ts";
import type { Panel } from "../panel.ts";
import { TEXT } from "../theme.ts";
import { maxOf, minOf } from "../../stats/extent.ts";

export function waterfallPanel(record: ModelRecord): Panel {
  const rows = [...record.variables].sort((a, b) => b.xDecompPerc - a.xDecompPerc);
  const labels = rows.map((v) => v.rn);
  const ranges: [number, number][] = [];
  let end = 0;
  for (const v of rows) {
    ranges.push([end, end + v.xDecompPerc]);
    end += v.xDecompPerc;
  }
  const texts = rows.map((v) => `${formatCompact(v.xDecompAgg)} · ${formatPercent(v.xDecompPerc)}`);
  const { min: low, max: high } = niceRange(minOf(0, ranges.flat()), maxOf(1, ranges.flat()));
  const bySign = (positive: boolean) =>
    ranges.map((r, i) => (rows[i]!.xDecompPerc >= 0 === positive ? r : null));

  return {
    title: "Response decomposition waterfall",
    note: "by predictor",
    body: (width, height, pixelRatio) =>
      renderChart(
        {
          type: "bar",
          data: {
            labels,
            datasets: [
              { label: "Positive", data: bySign(true), backgroundColor: POSITIVE, grouped: false },
              { label: "Negative", data: bySign(false), backgroundColor: NEGATIVE, grouped: false },
            ],
          },
          options: {
            indexAxis: "y",
            layout: { padding: { right: 8 } },
            scales: {
              x: linearAxis({
                min: low,
                max: high,
                format: (v) => formatPercent(v, 0),
                title: "Share of response",
              }),
              y: categoryAxis({ maxLabelWidth: width * 0.26 }),
            },
            datasets: { bar: { categoryPercentage: 0.86, barPercentage: 0.92 } },
            plugins: { legend: legend("top") },
          },
          plugins: [
            afterDraw("waterfall-labels", (chart, ctx) => {
              const area = chart.chartArea;
              const x = chart.scales.x!;
              const y = chart.scales.y!;
              rows.forEach((_, i) => {
                const [from, to] = ranges[i]!;
                const left = x.getPixelForValue(Math.min(from, to));
                const right = x.getPixelForValue(Math.max(from, to));
                const centre = y.getPixelForValue(i);
                const text = texts[i]!;
                const wide = textWidth(ctx, text, TEXT.label) + 6;
                const toRight = right + wide <= area.right;
                drawText(ctx, text, toRight ? right + 6 : left - 6, centre, {
                  size: TEXT.label,
                  colour: INK,
                  align: toRight ? "left" : "right",
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
