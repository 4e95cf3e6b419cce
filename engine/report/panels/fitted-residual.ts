/**
 * One-pager panel "Fitted vs. residual" (Robyn p6, method notes §5.5): residual (actual − fitted) against the
 * fitted value for every window period, a zero line, and a LOWESS smooth that should stay flat near zero for a
 * well-specified model.
 */
import type { ModelRecord } from "../../model/model-record.ts";
import { afterDraw, dashedGuide, legend, linearAxis, niceMax, renderChart } from "../chart-panel.ts";
import { lowess } from "../lowess.ts";
import { ACTUAL, SMOOTH, withAlpha } from "../palette.ts";
import type { Panel } from "../panel.ts";
import { maxOf } from "../../stats/extent.ts";

export function fittedResidualPanel(record: ModelRecord): Panel {
  const fitted = record.series.depVarHat;
  const residual = fitted.map((f, i) => record.series.dep_var[i]! - f);
  const smooth = lowess(fitted, residual);
  const limit = niceMax(maxOf(1e-9, residual.map(Math.abs)) * 1.05, 4);
  return {
    title: "Fitted vs. residual",
    note: "residual = actual − fitted",
    body: (width, height, pixelRatio) =>
      renderChart(
        {
          type: "scatter",
          data: {
            datasets: [
              {
                label: "Period",
                data: fitted.map((f, i) => ({ x: f, y: residual[i]! })),
                pointRadius: 4,
                pointBackgroundColor: withAlpha(ACTUAL, 0.45),
                pointBorderColor: withAlpha(ACTUAL, 0.8),
                pointBorderWidth: 1,
              },
              {
                type: "line",
                label: "LOWESS smooth",
                data: Array.from(smooth.x, (x, i) => ({ x, y: smooth.y[i]! })),
                borderColor: SMOOTH,
                borderWidth: 2.5,
                pointRadius: 0,
                pointStyle: "line",
              },
            ],
          },
          options: {
            scales: {
              x: linearAxis({ title: "Fitted" }),
              y: linearAxis({ min: -limit, max: limit, title: "Residual" }),
            },
            plugins: { legend: legend("top", true, undefined, true) },
          },
          plugins: [
            afterDraw("zero-line", (chart, ctx) => {
              const area = chart.chartArea;
              const at = chart.scales.y!.getPixelForValue(0);
              dashedGuide(ctx, [area.left, at], [area.right, at]);
            }),
          ],
        },
        width,
        height,
        pixelRatio,
      ),
  };
}
