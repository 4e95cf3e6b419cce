/**
 * The data of a model page's charts, as Robyn's one-pager panels show them (method notes §5.5), shaped
 * for the browser and embedded in the page:
 *
 * - decomposition waterfall: each variable's `xDecompAgg` and `xDecompPerc`, largest share first;
 * - actual vs predicted: `dep_var` and `depVarHat` over the window;
 * - response curves: per paid channel, b·x^α / (x^α + γ*^α) over adstocked spend x (b the coefficient,
 *   α the Hill shape, γ* the inflexion in adstocked units: the curve that maps `adstockedMedia` onto
 *   `decompMedia`), with the point at the mean adstocked spend, all drawn up to 1.3 × the largest mean
 *   adstocked spend, as Robyn's one-pager trims them (so small channels stay visible), and the mROI there
 *   (the slope in adstocked spend equals the slope in spend: carryover only shifts the curve);
 * - spend share vs effect share with ROAS (revenue) or CPA (conversions) per paid channel;
 * - adstock: θ per medium (geometric) or shape and scale (Weibull), and the carryover share of response.
 */
import { marginalResponseAt } from "../../engine/allocator/index.ts";
import type { CsvColumns } from "../../common/csv-columns.ts";
import { round5 } from "./run-charts.ts";
import type { ParetoModel } from "../../core/results/run-outputs.ts";

type Row = Readonly<Record<string, number | string>>;

export interface ModelCharts {
  readonly waterfall: {
    readonly names: string[];
    readonly values: (number | null)[];
    readonly shares: (number | null)[];
  };
  readonly fit: {
    readonly dates: string[];
    readonly actual: (number | null)[];
    readonly predicted: (number | null)[];
  };
  readonly response: {
    readonly channel: string;
    readonly x: (number | null)[];
    readonly y: (number | null)[];
    readonly meanX: number | null;
    readonly meanY: number | null;
    /** mROI at the mean: the curve's slope there, response per extra unit of spend. */
    readonly meanMroi: number | null;
  }[];
  readonly shares: {
    readonly channels: string[];
    readonly spend: (number | null)[];
    readonly effect: (number | null)[];
    readonly efficiency: (number | null)[];
    readonly metric: "ROAS" | "CPA";
  };
  readonly adstock: {
    readonly kind: "geometric" | "weibull";
    readonly channels: string[];
    readonly theta: (number | null)[];
    readonly shape: (number | null)[];
    readonly scale: (number | null)[];
    readonly carryover: (number | null)[];
  };
}

const CURVE_POINTS = 60;

export function modelCharts(
  model: ParetoModel,
  variables: readonly Row[],
  decomposition: CsvColumns | undefined,
  transforms: CsvColumns | undefined,
  depVarType: "revenue" | "conversion",
): ModelCharts {
  const num = (row: Row | undefined, key: string) => {
    const v = row?.[key];
    return typeof v === "number" && Number.isFinite(v) ? v : Number.NaN;
  };
  const byShare = [...variables].sort((a, b) => (num(b, "xDecompPerc") || 0) - (num(a, "xDecompPerc") || 0));
  const paid = variables.filter((v) => Number.isFinite(num(v, "spend_share")));
  const media = mediaOf(model, transforms);
  const trim = 1.3 * Math.max(0, ...paid.map((v) => num(v, "mean_spend_adstocked")).filter(Number.isFinite));
  const adstocked = (channel: string) => {
    if (!transforms?.has(channel) || !transforms.has("type")) return [];
    const types = transforms.text("type");
    const values = transforms.numbers(channel);
    return [...values].filter((_, i) => types[i] === "adstockedMedia");
  };

  return {
    waterfall: {
      names: byShare.map((v) => String(v.rn)),
      values: byShare.map((v) => round5(num(v, "xDecompAgg"))),
      shares: byShare.map((v) => round5(num(v, "xDecompPerc"))),
    },
    fit: {
      dates: decomposition?.has("ds") ? [...decomposition.text("ds")] : [],
      actual: column(decomposition, "dep_var"),
      predicted: column(decomposition, "depVarHat"),
    },
    response: paid.map((v) => {
      const channel = String(v.rn);
      const coef = num(v, "coef");
      const alpha = num(model, `${channel}_alphas`);
      const inflexion = num(model, `${channel}_inflexion`);
      const meanX = num(v, "mean_spend_adstocked");
      const curve = (x: number) => (x <= 0 ? 0 : (coef * x ** alpha) / (x ** alpha + inflexion ** alpha));
      const top = trim > 0 ? trim : Math.max(0, ...adstocked(channel).filter(Number.isFinite));
      const xs = Array.from({ length: CURVE_POINTS + 1 }, (_, i) => (top * i) / CURVE_POINTS);
      return {
        channel,
        x: xs.map(round5),
        y: xs.map((x) => round5(curve(x))),
        meanX: round5(meanX),
        meanY: round5(curve(meanX)),
        meanMroi: round5(marginalResponseAt({ coef, alpha, inflexion, carryover: 0 }, meanX)),
      };
    }),
    shares: {
      channels: paid.map((v) => String(v.rn)),
      spend: paid.map((v) => round5(num(v, "spend_share"))),
      effect: paid.map((v) => round5(num(v, "effect_share"))),
      efficiency: paid.map((v) => round5(num(v, depVarType === "revenue" ? "roi_total" : "cpa_total"))),
      metric: depVarType === "revenue" ? "ROAS" : "CPA",
    },
    adstock: {
      kind: media.some((m) => Number.isFinite(num(model, `${m}_thetas`))) ? "geometric" : "weibull",
      channels: media,
      theta: media.map((m) => round5(num(model, `${m}_thetas`))),
      shape: media.map((m) => round5(num(model, `${m}_shapes`))),
      scale: media.map((m) => round5(num(model, `${m}_scales`))),
      carryover: media.map((m) =>
        round5(
          num(
            variables.find((v) => v.rn === m),
            "carryover_pct",
          ),
        ),
      ),
    },
  };
}

/** Paid and organic media: the columns of the media transform matrix, else the hyperparameter names. */
function mediaOf(model: ParetoModel, transforms: CsvColumns | undefined): string[] {
  const skip = new Set(["ds", "type", "solID", "cluster", "top_sol"]);
  if (transforms) return transforms.header.filter((name) => !skip.has(name));
  return Object.keys(model)
    .filter((key) => key.endsWith("_alphas"))
    .map((key) => key.slice(0, -"_alphas".length));
}

function column(csv: CsvColumns | undefined, name: string): (number | null)[] {
  return csv?.has(name) ? Array.from(csv.numbers(name), round5) : [];
}
