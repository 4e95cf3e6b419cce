/**
 * One-pager panel "Actual vs. predicted response" (Robyn p5, method notes §5.5): the dependent variable and the
 * model's fit over the modelling window, with dashed lines where training ends and validation ends when the
 * model was trained with time-series validation (§3.2).
 *
 * The panel function runs past ~60 lines because it is one declarative chart.js configuration (data, scales and
 * the plugin that draws its labels); split up, one chart would be spread over several functions.
 */
import type { ModelRecord } from "../../model/model-record.ts";
import { drawText } from "../canvas.ts";
import { afterDraw, axisTitle, chartFont, legend, linearAxis, renderChart } from "../chart-panel.ts";
import { formatPercent } from "../format.ts";
import { ACTUAL, AXIS, MUTED_INK, PREDICTED } from "../palette.ts";
import type { Panel } from "../panel.ts";
import { TEXT } from "../theme.ts";

export interface WindowSplit {
  train: number;
  validation: number;
  test: number;
}

export function actualVsPredictedPanel(
  record: ModelRecord,
  split: WindowSplit | null,
  depVarName: string | undefined,
): Panel {
  const { ds, dep_var: actual, depVarHat } = record.series;
  const n = ds.length;
  const cuts =
    split === null || split.validation + split.test === 0
      ? []
      : [
          { at: split.train, label: `Train ${formatPercent(split.train / n, 0)}` },
          {
            at: split.train + split.validation,
            label: `Validation ${formatPercent(split.validation / n, 0)}`,
          },
          { at: n, label: `Test ${formatPercent(split.test / n, 0)}` },
        ];
  const tickEvery = Math.max(1, Math.ceil(n / 7));

  return {
    title: "Actual vs. predicted response",
    ...(depVarName === undefined ? {} : { note: depVarName }),
    body: (width, height, pixelRatio) =>
      renderChart(
        {
          type: "line",
          data: {
            labels: ds,
            datasets: [
              {
                label: "Actual",
                data: actual,
                borderColor: ACTUAL,
                borderWidth: 2,
                pointRadius: 0,
                pointStyle: "line",
              },
              {
                label: "Predicted",
                data: depVarHat,
                borderColor: PREDICTED,
                borderWidth: 2,
                pointRadius: 0,
                pointStyle: "line",
              },
            ],
          },
          options: {
            scales: {
              x: {
                type: "category",
                grid: { display: false },
                border: { color: AXIS },
                ticks: {
                  font: chartFont(),
                  color: MUTED_INK,
                  autoSkip: false,
                  maxRotation: 0,
                  callback: (value: number | string) => {
                    const i = Number(value);
                    return i % tickEvery === 0 ? ds[i]!.slice(0, 7) : null;
                  },
                },
                title: axisTitle("Date"),
              },
              y: linearAxis({ title: depVarName ?? "Response" }),
            },
            plugins: { legend: legend("top", true, undefined, true) },
          },
          plugins: [
            afterDraw("split-lines", (chart, ctx) => {
              const area = chart.chartArea;
              const x = chart.scales.x!;
              let previous = area.left;
              for (const cut of cuts) {
                const at =
                  cut.at >= n
                    ? area.right
                    : (x.getPixelForValue(cut.at - 1) + x.getPixelForValue(cut.at)) / 2;
                if (cut.at < n) {
                  ctx.strokeStyle = MUTED_INK;
                  ctx.lineWidth = 1.5;
                  ctx.setLineDash([6, 5]);
                  ctx.beginPath();
                  ctx.moveTo(at, area.top);
                  ctx.lineTo(at, area.bottom);
                  ctx.stroke();
                  ctx.setLineDash([]);
                }
                drawText(ctx, cut.label, (previous + at) / 2, area.top + 4, {
                  size: TEXT.label,
                  colour: MUTED_INK,
                  align: "center",
                  baseline: "top",
                  maxWidth: at - previous - 4,
                  halo: true,
                });
                previous = at;
              }
            }),
          ],
        },
        width,
        height,
        pixelRatio,
      ),
  };
}
