/**
 * One-pager panel "Response curves and mean spends by channel" (Robyn p4, method notes §5.3, §5.5): for every
 * paid channel the response b·sat(x) to an adstocked input x per period (Hill with the window inflexion γ*),
 * on a shared axis trimmed at 1.3 × the largest mean adstocked input (rounded up to the next axis tick); a grey area under each curve up to the
 * channel's mean carryover (the response that carried-over input alone buys), and a dot at the mean
 * adstocked input, placed on the curve (the closed form R(mean immediate; mean carryover) of §5.3). The legend
 * gives each channel's mROI at mean spend (`marginalReturnsOf`, the figures of model_summary.json).
 *
 * The panel function runs past ~60 lines because it is one declarative chart.js configuration (data, scales and
 * the plugin that draws its labels); split up, one chart would be spread over several functions.
 */
import type { ModelRecord } from "../../model/model-record.ts";
import { fitLegendLabel, legend, linearAxis, niceMax, renderChart } from "../chart-panel.ts";
import { CARRYOVER_AREA, channelColour } from "../palette.ts";
import type { Panel } from "../panel.ts";
import { mediaVariables, mediumCurve, paidVariables, responseOfAdstocked } from "../record-views.ts";
import { marginalReturnsOf } from "../../response/marginal-returns.ts";
import { maxOf } from "../../stats/extent.ts";
import { formatRatio } from "../format.ts";

const CURVE_POINTS = 120;
const LEGEND_SHARE = 0.28;

export function responseCurvesPanel(
  record: ModelRecord,
  depVarName: string | undefined,
  currency?: string,
): Panel {
  const paid = paidVariables(record);
  const xMax = niceMax(
    1.3 *
      maxOf(
        1e-9,
        paid.map((v) => v.mean_spend_adstocked ?? 0),
      ),
  );
  const marginal = marginalReturnsOf(record);
  const channels = paid.map((v, i) => {
    const curve = mediumCurve(record, v.rn);
    const at = (x: number) => ({ x, y: responseOfAdstocked(curve, x) });
    const carry = Math.min(xMax, Math.max(0, v.mean_carryover ?? 0));
    const meanInput = v.mean_spend_adstocked ?? 0;
    return {
      name: v.rn,
      mroi: marginal.find((m) => m.channel === v.rn)?.mroi ?? Number.NaN,
      colour: channelColour(i),
      line: Array.from({ length: CURVE_POINTS + 1 }, (_, k) => at((xMax * k) / CURVE_POINTS)),
      area: carry > 0 ? Array.from({ length: 41 }, (_, k) => at((carry * k) / 40)) : [],
      mean: at(meanInput),
    };
  });

  return {
    title: "Response curves and mean spends",
    note: responseCurvesNote(record),
    body: (width, height, pixelRatio) =>
      renderChart(
        {
          type: "line",
          data: {
            datasets: [
              ...channels.map((c) => ({
                label: `${c.name} carryover`,
                data: c.area,
                borderWidth: 0,
                pointRadius: 0,
                backgroundColor: CARRYOVER_AREA,
                fill: "origin" as const,
              })),
              ...channels.map((c) => ({
                label: fitLegendLabel(c.name, width * LEGEND_SHARE, ` · mROI ${formatRatio(c.mroi)}`),
                data: c.line,
                borderColor: c.colour,
                backgroundColor: c.colour,
                borderWidth: 2.5,
                pointRadius: 0,
              })),
              ...channels.map((c) => ({
                label: `${c.name} mean`,
                data: [c.mean],
                showLine: false,
                pointRadius: 7,
                pointBackgroundColor: c.colour,
                pointBorderColor: "#ffffff",
                pointBorderWidth: 2,
              })),
            ],
          },
          options: {
            scales: {
              x: linearAxis({
                min: 0,
                max: xMax,
                title: `Adstocked input per period (spend${currency ? ` in ${currency}` : ""} or exposure)`,
              }),
              y: linearAxis({ min: 0, title: `${depVarName ?? "Response"} per period` }),
            },
            plugins: {
              legend: {
                ...legend("right", true, width * LEGEND_SHARE),
                labels: {
                  ...legend("right").labels,
                  // Only the curves: the carryover areas and mean dots come first and last.
                  filter: (item: { datasetIndex?: number }) =>
                    item.datasetIndex !== undefined &&
                    item.datasetIndex >= channels.length &&
                    item.datasetIndex < 2 * channels.length,
                },
              },
            },
          },
        },
        width,
        height,
        pixelRatio,
      ),
  };
}

/** The panel's note; organic media are named as having no mROI, since they have no spend to be marginal in. */
export function responseCurvesNote(record: ModelRecord): string {
  const organic = mediaVariables(record)
    .filter((v) => v.spend_share === null)
    .map((v) => v.rn);
  const base = "by channel; grey: carryover response";
  return organic.length === 0 ? base : `${base}; organic ${organic.join(", ")}: no spend, so no mROI`;
}
