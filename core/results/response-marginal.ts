/**
 * Marginal ROI (mROI) on a response query's answer (issue "Decisions", item 2: mROI at any spend level, by the
 * API and the CLI): the slope of the channel's response curve, response per extra unit of spend per period, at
 * the historical mean spend (Robyn's grey point: `mean_input_immediate` with `mean_input_carryover`) and, with
 * a `metric_value`, at the queried spend (`sim_mean_spend` with `sim_mean_carryover`), on the curve
 * `coef / (1 + (inflexion / (x + carryover))^alpha)` the answer reports. At the mean it is the figure of
 * model_summary.json and the model page (`engine/response/marginal-returns.ts`). An organic variable has no
 * spend, so it has no mROI: the field is null and a note says why.
 */
import { marginalReturnAt, type MarginalReturnAt } from "../../engine/response/index.ts";
import type { ResponseAnswer, RobynResponse } from "../../engine/response/index.ts";

export interface ResponseMarginal {
  /** At the historical mean spend per period over the modelling window. */
  at_mean_spend: MarginalReturnAt;
  /** At the queried spend per period; null without a metric_value (NaN numbers when it could not be split). */
  at_queried_spend: MarginalReturnAt | null;
}

/** The sentence every surface shows for an organic variable instead of an mROI. */
export function organicWithoutMroi(name: string): string {
  return `${name} is an organic variable: it has no spend, so marginal ROI (mROI, response per extra unit of spend) is not defined for it.`;
}

export function responseMarginal(
  response: RobynResponse,
  answer: Pick<ResponseAnswer, "metric_type" | "curve">,
): ResponseMarginal | null {
  if (answer.metric_type === "organic") return null;
  const { coef, alpha, inflexion } = answer.curve;
  const at = (spend: number, carryover: number) =>
    marginalReturnAt({ coef, alpha, inflexion, carryover }, spend);
  return {
    at_mean_spend: at(response.mean_input_immediate, response.mean_input_carryover),
    at_queried_spend:
      response.sim_mean_spend === null || response.sim_mean_carryover === null
        ? null
        : at(response.sim_mean_spend, response.sim_mean_carryover),
  };
}
