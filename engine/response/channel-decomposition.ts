/**
 * One medium's input and response split into immediate and carryover parts (Robyn 3.12.1 `transform_decomp`,
 * method notes §5.3, golden README B6 rule 5):
 *
 *   A = adstock(x) over all data rows (Weibull: the full data length is the window length of the decay)
 *   immediate = x (geometric, Weibull CDF) or x·d₁ (Weibull PDF); carryover C = A − immediate
 *   inflexion γ* = γ · max_window(A)
 *   response_total = coef·A^α/(A^α + γ*^α), response_carryover = coef·C^α/(C^α + γ*^α) on the window rows,
 *   response_immediate = their difference
 *   mean_response_total = R(mean_W immediate), mean_response_carryover = R(0), with
 *   R(x) = coef / (1 + (γ* / (x + mean_W C))^α) (Robyn's `fx_objective`)
 */
import { responseAt } from "../allocator/response-curve.ts";
import type { AdstockType } from "../model-input/model-settings.ts";
import type { ModelWindow } from "../model-input/window.ts";
import {
  convolveDecay,
  geometricAdstock,
  weibullCdfWeights,
  weibullPdfWeights,
} from "../transform/adstock.ts";
import { hillInflexion, hillSaturate } from "../transform/saturation.ts";

/** The curve of one medium in one model, with Robyn's names (B6 `hill_inputs`). */
export interface ResponseCurveParameters {
  readonly adstock: AdstockType;
  /** Geometric adstock only. */
  readonly theta?: number;
  /** Weibull adstock only. */
  readonly shape?: number;
  readonly scale?: number;
  readonly alpha: number;
  readonly gamma: number;
  readonly coef: number;
}

export interface AdstockedInput {
  /** All data rows. */
  readonly total: Float64Array;
  readonly immediate: Float64Array;
  readonly carryover: Float64Array;
}

export interface ChannelDecomposition {
  readonly input: AdstockedInput;
  /** Window rows. */
  readonly responseTotal: Float64Array;
  readonly responseCarryover: Float64Array;
  readonly responseImmediate: Float64Array;
  readonly inflexion: number;
  readonly meanInputImmediate: number;
  readonly meanInputCarryover: number;
  readonly meanResponseTotal: number;
  readonly meanResponseCarryover: number;
  readonly meanResponse: number;
}

/** Adstocks the whole series and splits it into its immediate and carryover parts. */
export function adstockInput(values: ArrayLike<number>, curve: ResponseCurveParameters): AdstockedInput {
  const n = values.length;
  const total = new Float64Array(n);
  let immediate = Float64Array.from(values);
  if (curve.adstock === "geometric") {
    geometricAdstock(values, curve.theta ?? 0, total, n);
  } else {
    const weights = new Float64Array(n);
    const weibullWeights = curve.adstock === "weibull_cdf" ? weibullCdfWeights : weibullPdfWeights;
    weibullWeights(curve.shape ?? 0, curve.scale ?? 0, n, weights);
    convolveDecay(values, weights, total, n);
    // Weibull PDF: the immediate part is the diagonal term x·d₁ (no adstock, all weights 0: x itself).
    if (curve.adstock === "weibull_pdf" && weights.some((d) => d !== 0)) {
      immediate = immediate.map((x) => x * weights[0]!);
    }
  }
  const carryover = total.map((a, t) => a - immediate[t]!);
  return { total, immediate, carryover };
}

export function decomposeChannel(
  values: ArrayLike<number>,
  curve: ResponseCurveParameters,
  window: Pick<ModelWindow, "start" | "end">,
): ChannelDecomposition {
  const input = adstockInput(values, curve);
  const from = window.start;
  const to = window.end + 1;
  const inflexion = hillInflexion(input.total, curve.gamma, from, to);
  const responseTotal = new Float64Array(to - from);
  const responseCarryover = new Float64Array(to - from);
  hillSaturate(input.total, curve.alpha, inflexion, responseTotal, from, to);
  hillSaturate(input.carryover, curve.alpha, inflexion, responseCarryover, from, to);
  for (let t = 0; t < responseTotal.length; t++) {
    responseTotal[t] = curve.coef * responseTotal[t]!;
    responseCarryover[t] = curve.coef * responseCarryover[t]!;
  }
  const responseImmediate = responseTotal.map((total, t) => total - responseCarryover[t]!);
  const meanInputImmediate = meanOf(input.immediate, from, to);
  const meanInputCarryover = meanOf(input.carryover, from, to);
  const atMean = { coef: curve.coef, alpha: curve.alpha, inflexion, carryover: meanInputCarryover };
  return {
    input,
    responseTotal,
    responseCarryover,
    responseImmediate,
    inflexion,
    meanInputImmediate,
    meanInputCarryover,
    meanResponseTotal: responseAt(atMean, meanInputImmediate),
    meanResponseCarryover: responseAt(atMean, 0),
    meanResponse: meanOf(responseTotal, 0, responseTotal.length),
  };
}

/** The mean of `values[rows]`. */
export function meanAt(values: ArrayLike<number>, rows: readonly number[]): number {
  let sum = 0;
  for (const row of rows) sum += values[row]!;
  return sum / rows.length;
}

function meanOf(values: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let t = from; t < to; t++) sum += values[t]!;
  return sum / (to - from);
}
