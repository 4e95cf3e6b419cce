/**
 * Marginal ROI (mROI) and the "next euro" view of a model's paid channels (method notes §5.3 and §5.8): on each
 * channel's response curve R(x) = coef / (1 + (inflexion / (x + carryover))^alpha), the allocator's curve,
 *
 *   mroi(x)              = R'(x), the response per extra unit of spend at spend x per period
 *   marginal_response(x) = R(x + 1) − R(x), Robyn's allocator column (`initResponseMargUnit`)
 *   next step gain(x)    = R(x·(1 + step)) − R(x), the response from spending `step` (10 %) more
 *
 * "Current" spend is the channel's mean spend per period over the modelling window (Robyn's `mean_spend`). The
 * curve's derivative and value come from the allocator's response-curve kernel, so the allocator, the response
 * queries and this view agree on one curve.
 */
import { invalidInput } from "../../common/errors.ts";
import type { ModelAggregates } from "../model/model-record.ts";
import {
  marginalResponseAt,
  responseAt,
  responseOfOneMoreUnit,
  type ResponseCurve,
} from "../allocator/response-curve.ts";

/** One paid channel: its curve and the spend per period it is read at. */
export interface ChannelCurve {
  readonly channel: string;
  readonly curve: ResponseCurve;
  /** Spend per period (current: the window mean). */
  readonly spend: number;
}

/** The curve read at one spend level. */
export interface MarginalReturnAt {
  /** Spend per period. */
  spend: number;
  /** R(spend): mean response per period. */
  response: number;
  /** R'(spend): response per extra unit of spend. */
  mroi: number;
  /** R(spend + 1) − R(spend), as Robyn's allocator reports it. */
  marginal_response: number;
}

export interface ChannelMarginalReturn extends MarginalReturnAt {
  channel: string;
  /** The extra spend per period of the step (step × spend). */
  next_step_spend: number;
  /** R(spend + next_step_spend) − R(spend). */
  next_step_response: number;
  /** next_step_response / next_step_spend (NaN when the channel has no spend). */
  next_step_roi: number;
}

/** The default step of the "next budget" view: 10 % more spend on one channel. */
export const NEXT_BUDGET_STEP = 0.1;

/**
 * A model's paid channels on their curves at current spend, from its rows by Robyn's names: `variables` are its
 * `xDecompAgg` rows (`rn`, `coef`, `mean_spend`, `mean_carryover`; paid channels are those with a mean spend),
 * `parameters` its `resultHypParam` row with `<channel>_alphas` and `<channel>_inflexion`. Works on the records
 * of a training and on the rows read back from a run's CSV files alike.
 */
export function paidChannelCurves(
  variables: readonly Readonly<Partial<Record<"rn" | "coef" | "mean_spend" | "mean_carryover", unknown>>>[],
  parameters: Readonly<Record<string, unknown>>,
): ChannelCurve[] {
  return variables
    .filter((row) => isFiniteNumber(row.mean_spend))
    .map((row) => {
      const channel = String(row.rn);
      const number = (value: unknown, name: string): number => {
        if (!isFiniteNumber(value))
          throw invalidInput("model", `The model has no number ${name} for ${channel}; train it again.`);
        return value;
      };
      return {
        channel,
        curve: {
          coef: number(row.coef, "coef"),
          alpha: number(parameters[`${channel}_alphas`], `${channel}_alphas`),
          inflexion: number(parameters[`${channel}_inflexion`], `${channel}_inflexion`),
          carryover: number(row.mean_carryover, "mean_carryover"),
        },
        spend: number(row.mean_spend, "mean_spend"),
      };
    });
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** A trained model's paid channels read at mean spend, with the gain from 10 % more (summary, one-pager). */
export function marginalReturnsOf(record: ModelAggregates): ChannelMarginalReturn[] {
  const parameters: Record<string, number> = { ...record.hyperparameters };
  for (const [medium, value] of Object.entries(record.inflexion)) parameters[`${medium}_inflexion`] = value;
  return marginalReturns(paidChannelCurves(record.variables, parameters));
}

/** The curve's value and slope at any spend per period (x >= 0). */
export function marginalReturnAt(curve: ResponseCurve, spend: number): MarginalReturnAt {
  return {
    spend,
    response: responseAt(curve, spend),
    mroi: marginalResponseAt(curve, spend),
    marginal_response: responseOfOneMoreUnit(curve, spend),
  };
}

/** Each channel read at its spend, with the gain from `step` × that spend more. */
export function marginalReturns(
  channels: readonly ChannelCurve[],
  step = NEXT_BUDGET_STEP,
): ChannelMarginalReturn[] {
  return channels.map(({ channel, curve, spend }) => {
    const at = marginalReturnAt(curve, spend);
    const extra = spend * step;
    const gain = responseAt(curve, spend + extra) - at.response;
    return {
      channel,
      ...at,
      next_step_spend: extra,
      next_step_response: gain,
      next_step_roi: extra === 0 ? Number.NaN : gain / extra,
    };
  });
}

/**
 * "Where the next 10 % of budget earns most": channels by the response gained from `step` more of their own
 * spend, largest first (ties by name, so the order is stable).
 */
export function rankNextBudget(returns: readonly ChannelMarginalReturn[]): ChannelMarginalReturn[] {
  return [...returns].sort(
    (a, b) => b.next_step_response - a.next_step_response || a.channel.localeCompare(b.channel),
  );
}
