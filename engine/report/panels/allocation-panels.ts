/**
 * Panels of the budget-allocation picture (`allocation.ts`): run totals, per-channel bars and one response-curve
 * cell per channel. "Initial" is the historical spend per period over the date range, "Bounded" the optimum
 * within the channel bounds, "Widened" the optimum within the bounds widened by the multiplier (Robyn's
 * "unbounded" run, method notes §5.8).
 *
 * The panel functions run past ~60 lines because each is one declarative chart.js configuration with the plugin
 * that draws its labels or bands.
 */
import type { AllocationResult, AllocationRow } from "../../allocator/allocate.ts";
import { responseAt, type ResponseCurve } from "../../allocator/response-curve.ts";
import { drawText, textWidth, type SKRSContext2D } from "../canvas.ts";
import { afterDraw, categoryAxis, legend, linearAxis, niceMax, renderChart } from "../chart-panel.ts";
import { formatCompact, formatPercent, formatSignedPercent } from "../format.ts";
import { BOUNDED, CARRYOVER_AREA, INITIAL, INK, UNBOUNDED, withAlpha } from "../palette.ts";
import type { Panel } from "../panel.ts";
import { TEXT } from "../theme.ts";
import { maxOf } from "../../stats/extent.ts";

const RUN_COLOURS = [INITIAL, BOUNDED, UNBOUNDED] as const;

function runNames(result: AllocationResult): [string, string, string] {
  const multiplier = result.rows[0]?.unconstr_mult ?? Number.NaN;
  return ["Initial", "Bounded", `Widened ×${formatCompact(multiplier)}`];
}

/** Three bars (initial, bounded, widened) of one total, labelled with the value and the change from initial. */
export function totalsPanel(
  title: string,
  values: [number, number, number],
  result: AllocationResult,
  format: (value: number) => string,
): Panel {
  const names = runNames(result);
  const finite = values.map((v) => (Number.isFinite(v) ? v : null));
  const high = niceMax(
    maxOf(
      1e-9,
      finite.map((v) => v ?? 0),
    ) * 1.25,
    5,
  );
  return {
    title,
    body: (width, height, pixelRatio) =>
      renderChart(
        {
          type: "bar",
          data: {
            labels: names,
            datasets: [
              {
                data: finite,
                backgroundColor: [...RUN_COLOURS],
                categoryPercentage: 0.8,
                barPercentage: 0.8,
              },
            ],
          },
          options: {
            scales: {
              x: categoryAxis({ maxLabelWidth: width / 3 }),
              y: linearAxis({ min: 0, max: high, maxTicks: 5 }),
            },
            plugins: { legend: { display: false } },
          },
          plugins: [
            afterDraw("total-labels", (chart, ctx) => {
              chart.getDatasetMeta(0).data.forEach((bar, i) => {
                const value = finite[i];
                const text =
                  value === null || value === undefined
                    ? "n/a"
                    : i === 0
                      ? format(value)
                      : `${format(value)} (${formatSignedPercent(value / values[0] - 1)})`;
                drawText(ctx, text, bar.x, value === null ? chart.chartArea.bottom - 6 : bar.y - 6, {
                  size: TEXT.label + 1,
                  weight: "bold",
                  colour: INK,
                  align: "center",
                  halo: true,
                  within: [chart.chartArea.left + 2, chart.chartArea.right - 2],
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

/** Per channel: spend per period (label: value and share) or response per period (label: value and lift). */
export function channelBarsPanel(result: AllocationResult, what: "spend" | "response", per: string): Panel {
  const rows = result.rows;
  const names = runNames(result);
  const series: number[][] =
    what === "spend"
      ? [
          rows.map((r) => r.initSpendUnit),
          rows.map((r) => r.optmSpendUnit),
          rows.map((r) => r.optmSpendUnitUnbound),
        ]
      : [
          rows.map((r) => r.initResponseUnit),
          rows.map((r) => r.optmResponseUnit),
          rows.map((r) => r.optmResponseUnitUnbound),
        ];
  const label = (row: AllocationRow, run: number): string => {
    const value = series[run]![rows.indexOf(row)]!;
    if (!Number.isFinite(value)) return "n/a";
    if (what === "spend") {
      const share = [row.initSpendShare, row.optmSpendShareUnit, row.optmSpendShareUnitUnbound][run]!;
      return `${formatCompact(value)} · ${formatPercent(share, 0)}`;
    }
    if (run === 0) return formatCompact(value);
    const lift = [0, row.optmResponseUnitLift, row.optmResponseUnitLiftUnbound][run]!;
    return `${formatCompact(value)} · ${formatSignedPercent(lift)}`;
  };
  const high = niceMax(maxOf(1e-9, series.flat().filter(Number.isFinite)) * 1.4);
  return {
    title: what === "spend" ? `Spend per ${per} by channel` : `Response per ${per} by channel`,
    note: what === "spend" ? "value · share of budget" : "value · change from initial",
    body: (width, height, pixelRatio) =>
      renderChart(
        {
          type: "bar",
          data: {
            labels: rows.map((r) => r.channels),
            datasets: series.map((values, run) => ({
              label: names[run],
              data: values.map((v) => (Number.isFinite(v) ? v : null)),
              backgroundColor: RUN_COLOURS[run],
            })),
          },
          options: {
            indexAxis: "y",
            scales: {
              x: linearAxis({
                min: 0,
                max: high,
                title: what === "spend" ? `Spend per ${per}` : `Response per ${per}`,
              }),
              y: categoryAxis({ maxLabelWidth: width * 0.24 }),
            },
            datasets: { bar: { categoryPercentage: 0.84, barPercentage: 0.92 } },
            plugins: { legend: legend("top") },
          },
          plugins: [
            afterDraw("channel-labels", (chart, ctx) => {
              series.forEach((_, run) => {
                chart.getDatasetMeta(run).data.forEach((bar, i) => {
                  drawText(ctx, label(rows[i]!, run), bar.x + 5, bar.y, {
                    size: TEXT.label - 1,
                    colour: INK,
                    baseline: "middle",
                  });
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

/** One channel's response curve with the bounds, the carryover response and the three spends marked. */
export function curveCellPanel(
  row: AllocationRow,
  curve: ResponseCurve | undefined,
  result: AllocationResult,
  per: string,
): Panel {
  const title = row.channels;
  if (row.excluded !== null) {
    const why = row.excluded === "zero_coef" ? "zero coefficient" : "bounds of zero spend";
    return { title, body: () => ({ message: `Left out of the optimisation: ${why}` }) };
  }
  if (curve === undefined) return { title, body: () => ({ message: "No response curve given" }) };
  const spends = [row.initSpendUnit, row.optmSpendUnit, row.optmSpendUnitUnbound];
  const reach = maxOf(row.constr_up_abs, spends.filter(Number.isFinite));
  const xMax = niceMax(Math.max(1e-9, reach * 1.15), 6);
  const points = 100;
  const line = Array.from({ length: points + 1 }, (_, k) => {
    const x = (xMax * k) / points;
    return { x, y: responseAt(curve, x) };
  });
  const carry = responseAt(curve, 0);
  const yMax = niceMax(Math.max(1e-9, line[points]!.y) * 1.1, 5);
  const names = runNames(result);
  const spendChange = row.optmSpendUnitDelta;
  return {
    title,
    note: `spend ${formatSignedPercent(spendChange)} → response ${formatSignedPercent(row.optmResponseUnitLift)}`,
    body: (width, height, pixelRatio) =>
      renderChart(
        {
          type: "line",
          data: {
            datasets: [
              {
                label: "Carryover response",
                data: [
                  { x: 0, y: carry },
                  { x: xMax, y: carry },
                ],
                borderWidth: 0,
                pointRadius: 0,
                backgroundColor: CARRYOVER_AREA,
                fill: "origin",
              },
              { label: "Response", data: line, borderColor: INK, borderWidth: 2.5, pointRadius: 0 },
              ...spends.map((x, run) => ({
                label: names[run]!,
                data: Number.isFinite(x) ? [{ x, y: responseAt(curve, x) }] : [],
                showLine: false,
                pointStyle: (["circle", "rectRot", "triangle"] as const)[run],
                pointRadius: [8, 9, 11][run],
                pointBackgroundColor: RUN_COLOURS[run],
                pointBorderColor: "#ffffff",
                pointBorderWidth: 2,
              })),
            ],
          },
          options: {
            scales: {
              x: linearAxis({ min: 0, max: xMax, title: `Spend per ${per}`, maxTicks: 6 }),
              y: linearAxis({ min: 0, max: yMax, maxTicks: 5 }),
            },
            plugins: { legend: { display: false } },
          },
          plugins: [
            {
              id: "bound-bands",
              beforeDatasetsDraw(chart) {
                const ctx = chart.ctx as unknown as SKRSContext2D;
                const area = chart.chartArea;
                const x = chart.scales.x!;
                const band = (from: number, to: number, colour: string) => {
                  const left = Math.max(area.left, x.getPixelForValue(from));
                  const right = Math.min(area.right, x.getPixelForValue(to));
                  ctx.fillStyle = colour;
                  ctx.fillRect(left, area.top, Math.max(0, right - left), area.bottom - area.top);
                };
                // The widened band around the bounded one, not under it (the two tints would mix to grey).
                band(row.constr_low_unb_abs, row.constr_low_abs, withAlpha(UNBOUNDED, 0.14));
                band(row.constr_up_abs, row.constr_up_unb_abs, withAlpha(UNBOUNDED, 0.14));
                band(row.constr_low_abs, row.constr_up_abs, withAlpha(BOUNDED, 0.14));
              },
            },
          ],
        },
        width,
        height,
        pixelRatio,
      ),
  };
}

/** The key of the curve cells, drawn once above them: markers, bound bands and the carryover area. */
export function curveLegend(
  ctx: SKRSContext2D,
  left: number,
  middle: number,
  maxWidth: number,
  result: AllocationResult,
) {
  const names = runNames(result);
  let x = left;
  const end = left + maxWidth;
  const item = (draw: () => void, text: string) => {
    const width = 26 + textWidth(ctx, text, TEXT.legend);
    if (x + width > end) return;
    draw();
    drawText(ctx, text, x + 22, middle, { size: TEXT.legend, colour: INK, baseline: "middle" });
    x += width + 22;
  };
  const marker = (run: number) => () => {
    ctx.fillStyle = RUN_COLOURS[run]!;
    ctx.beginPath();
    if (run === 0) ctx.arc(x + 8, middle, 7, 0, 2 * Math.PI);
    else if (run === 1) {
      ctx.moveTo(x + 8, middle - 8);
      ctx.lineTo(x + 16, middle);
      ctx.lineTo(x + 8, middle + 8);
      ctx.lineTo(x, middle);
    } else {
      ctx.moveTo(x + 8, middle - 8);
      ctx.lineTo(x + 16, middle + 6);
      ctx.lineTo(x, middle + 6);
    }
    ctx.closePath();
    ctx.fill();
  };
  const swatch = (colour: string) => () => {
    ctx.fillStyle = colour;
    ctx.fillRect(x, middle - 8, 16, 16);
  };
  names.forEach((name, run) => item(marker(run), name));
  item(swatch(withAlpha(BOUNDED, 0.3)), "bounds");
  item(swatch(withAlpha(UNBOUNDED, 0.3)), "widened bounds");
  item(swatch(CARRYOVER_AREA), "carryover response");
}
