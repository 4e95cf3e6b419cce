/**
 * One-pager panel "In-cluster bootstrapped ROAS (CPA) [95% CI & mean]" (Robyn p8, method notes §5.4–5.5): per
 * paid channel the bootstrap mean as a dot and the 95 % interval as a bar, with a dashed line at ROAS 1 (break
 * even) for revenue models. The intervals come from `bootstrapMeanInterval` via the context; without them the
 * panel says "No bootstrap results", as Robyn's does.
 *
 * The panel function runs past ~60 lines because it is one declarative chart.js configuration (data, scales and
 * the plugin that draws its labels); split up, one chart would be spread over several functions.
 */
import type { ModelRecord } from "../../model/model-record.ts";
import { drawText, textWidth } from "../canvas.ts";
import { afterDraw, dashedGuide, categoryAxis, linearAxis, niceMax, renderChart } from "../chart-panel.ts";
import { formatRatio } from "../format.ts";
import { EFFECT, INK, withAlpha } from "../palette.ts";
import type { ChannelInterval } from "../onepager-context.ts";
import type { Panel } from "../panel.ts";
import { paidVariables } from "../record-views.ts";
import { TEXT } from "../theme.ts";
import { maxOf } from "../../stats/extent.ts";

export function bootstrapPanel(
  record: ModelRecord,
  depVarType: "revenue" | "conversion",
  bootstrap: Record<string, ChannelInterval> | undefined,
  clusterLabel: string | undefined,
): Panel {
  const metric = depVarType === "revenue" ? "ROAS" : "CPA";
  const rows = paidVariables(record)
    .map((v) => ({ name: v.rn, interval: bootstrap?.[v.rn] }))
    .filter((r): r is { name: string; interval: ChannelInterval } => {
      const i = r.interval;
      return i !== undefined && Number.isFinite(i.boot_mean);
    });
  const title = `Bootstrapped ${metric} [95% CI & mean]`;
  const note = clusterLabel === undefined ? "in cluster" : `in ${clusterLabel}`;
  if (rows.length === 0) return { title, note, body: () => ({ message: "No bootstrap results" }) };

  const finite = (v: number, fallback: number) => (Number.isFinite(v) ? v : fallback);
  const ranges = rows.map((r) => [
    finite(r.interval.ci_low, r.interval.boot_mean),
    finite(r.interval.ci_up, r.interval.boot_mean),
  ]);
  const means = rows.map((r) => r.interval.boot_mean);
  const high = maxOf(
    depVarType === "revenue" ? 1 : 0,
    ranges.map((r) => r[1]!),
    means,
  );
  const texts = rows.map(
    (_, i) => `${formatRatio(means[i]!)} [${formatRatio(ranges[i]![0]!)}, ${formatRatio(ranges[i]![1]!)}]`,
  );

  return {
    title,
    note,
    body: (width, height, pixelRatio) =>
      renderChart(
        {
          type: "bar",
          data: {
            labels: rows.map((r) => r.name),
            datasets: [
              {
                type: "bar",
                label: "95% CI",
                data: ranges as [number, number][],
                backgroundColor: withAlpha(EFFECT, 0.35),
                borderColor: EFFECT,
                borderWidth: 1,
                barThickness: 10,
              },
              {
                type: "line",
                label: "Mean",
                data: means,
                showLine: false,
                pointRadius: 7,
                pointBackgroundColor: EFFECT,
                pointBorderColor: "#ffffff",
                pointBorderWidth: 2,
              },
            ],
          },
          options: {
            indexAxis: "y",
            layout: { padding: { right: 10 } },
            scales: {
              x: linearAxis({ min: 0, max: niceMax(high * 1.45), title: metric }),
              y: categoryAxis({ maxLabelWidth: width * 0.24 }),
            },
            plugins: { legend: { display: false } },
          },
          plugins: [
            afterDraw("interval-labels", (chart, ctx) => {
              const x = chart.scales.x!;
              const y = chart.scales.y!;
              const area = chart.chartArea;
              if (depVarType === "revenue") {
                const at = x.getPixelForValue(1);
                dashedGuide(ctx, [at, area.top], [at, area.bottom]);
              }
              rows.forEach((_, i) => {
                const text = texts[i]!;
                const right = x.getPixelForValue(Math.max(ranges[i]![1]!, means[i]!)) + 10;
                const fits = right + textWidth(ctx, text, TEXT.label) <= area.right;
                const left = x.getPixelForValue(ranges[i]![0]!) - 10;
                drawText(ctx, text, fits ? right : left, y.getPixelForValue(i), {
                  size: TEXT.label,
                  colour: INK,
                  align: fits ? "left" : "right",
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
