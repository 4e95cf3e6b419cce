/**
 * One-pager panel "Immediate vs. carryover response percentage" (Robyn p7, method notes §5.3): for every medium
 * the share of its window response that comes from carried-over (adstocked) input, `carryover_pct` =
 * Σ response_carryover / Σ response, and the immediate rest, as 100 % stacked bars.
 *
 * The panel function runs past ~60 lines because it is one declarative chart.js configuration (data, scales and
 * the plugin that draws its labels); split up, one chart would be spread over several functions.
 */
import type { ModelRecord } from "../../model/model-record.ts";
import { drawText, textWidth } from "../canvas.ts";
import { afterDraw, categoryAxis, legend, linearAxis, renderChart } from "../chart-panel.ts";
import { formatPercent } from "../format.ts";
import { CARRYOVER, IMMEDIATE, INK, MUTED_INK } from "../palette.ts";
import type { Panel } from "../panel.ts";
import { mediaVariables } from "../record-views.ts";
import { TEXT } from "../theme.ts";

export function carryoverPanel(record: ModelRecord): Panel {
  const media = mediaVariables(record);
  const carryover = media.map((v) => (v.carryover_pct === null ? null : clamp01(v.carryover_pct)));
  const immediate = carryover.map((c) => (c === null ? null : 1 - c));
  return {
    title: "Immediate vs. carryover response",
    note: "share of each medium's response",
    body: (width, height, pixelRatio) =>
      renderChart(
        {
          type: "bar",
          data: {
            labels: media.map((v) => v.rn),
            datasets: [
              { label: "Immediate", data: immediate, backgroundColor: IMMEDIATE },
              { label: "Carryover", data: carryover, backgroundColor: CARRYOVER },
            ],
          },
          options: {
            indexAxis: "y",
            scales: {
              x: linearAxis({
                min: 0,
                max: 1,
                stacked: true,
                format: (v) => formatPercent(v, 0),
                title: "Share of response",
              }),
              y: categoryAxis({ maxLabelWidth: width * 0.26, stacked: true }),
            },
            datasets: { bar: { categoryPercentage: 0.8, barPercentage: 0.85 } },
            plugins: { legend: legend("top") },
          },
          plugins: [
            afterDraw("carryover-labels", (chart, ctx) => {
              const x = chart.scales.x!;
              const y = chart.scales.y!;
              media.forEach((_, i) => {
                const centre = y.getPixelForValue(i);
                const c = carryover[i];
                if (c === null || c === undefined) {
                  drawText(ctx, "no response", x.getPixelForValue(0) + 6, centre, {
                    size: TEXT.label,
                    colour: MUTED_INK,
                    baseline: "middle",
                  });
                  return;
                }
                const parts = [
                  { from: 0, to: 1 - c, colour: "#ffffff" },
                  { from: 1 - c, to: 1, colour: INK },
                ];
                for (const part of parts) {
                  const text = formatPercent(part.to - part.from);
                  const left = x.getPixelForValue(part.from);
                  const right = x.getPixelForValue(part.to);
                  if (right - left < textWidth(ctx, text, TEXT.label) + 8) continue;
                  drawText(ctx, text, (left + right) / 2, centre, {
                    size: TEXT.label,
                    colour: part.colour,
                    align: "center",
                    baseline: "middle",
                  });
                }
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

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
