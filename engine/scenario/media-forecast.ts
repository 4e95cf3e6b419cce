/**
 * Forward scenarios, media part (issue "Decisions", item 3): the response of a spend plan for future periods on
 * one model, per medium and period, with the carryover that history brings into the future.
 *
 * For each medium the data series is extended by the plan's periods and adstocked with the model's decay, then
 * saturated with the model's Hill curve and its historical inflexion γ* (Robyn's decomposition, method notes §2.3,
 * §5.3; the same kernels as `robyn_response`):
 *
 *   A = adstock(history ++ plan)                         (Weibull: the decay of the fitted data length, so the
 *                                                          model's decay is kept however long the plan is)
 *   response_t       = coef · A_t^α / (A_t^α + γ*^α)      for each future period t
 *   from_history_t   = the same with a plan of zeros: what earlier spend still brings (its carryover)
 *   from_plan_t      = response_t − from_history_t        what the plan itself adds
 *
 * Assumptions, returned as notes because they are not facts of the data: a planned spend on a channel modelled
 * through an exposure column buys exposure at the modelling window's cost per exposure (Robyn's `cpe`); an
 * organic variable the plan leaves out is held at its mean over the last `recentPeriods` data periods. The
 * baseline (intercept, trend, season, holidays, context) is not part of this module.
 */
import { invalidInput } from "../../common/errors.ts";
import { hillSaturate } from "../transform/saturation.ts";
import {
  convolveDecay,
  geometricAdstock,
  weibullCdfWeights,
  weibullPdfWeights,
} from "../transform/adstock.ts";
import { decomposeChannel, type ResponseCurveParameters } from "../response/channel-decomposition.ts";
import { curveOf, type ResponseModel } from "../response/robyn-response.ts";

export interface SpendPlan {
  /** The future periods, ascending, all after the last data date (ISO dates). */
  dates: readonly string[];
  /**
   * Spend per future period by paid channel (its spend or modelled column), and optionally values of organic
   * variables; one number per date. A paid channel left out spends nothing.
   */
  spend: Readonly<Record<string, readonly number[]>>;
}

export interface MediumForecast {
  /** The modelled column (Robyn's `paid_media_selected`) or organic variable. */
  medium: string;
  paid: boolean;
  /** The plan's values per period as the model sees them (spend units; organic: its own units). */
  input: number[];
  response: number[];
  fromHistory: number[];
  fromPlan: number[];
  /** Sums over the plan's periods. */
  totalInput: number;
  totalResponse: number;
  totalFromHistory: number;
  totalFromPlan: number;
}

export interface MediaForecast {
  dates: string[];
  media: MediumForecast[];
  /** Per period, summed over the media. */
  response: number[];
  fromHistory: number[];
  fromPlan: number[];
  totalResponse: number;
  /** Paid spend over the plan and the response of the paid media per unit of it (the plan's media ROI). */
  totalPaidSpend: number;
  paidResponse: number;
  notes: string[];
}

export interface ForecastOptions {
  /** Organic variables the plan leaves out are held at their mean over this many last data periods. */
  recentPeriods?: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function forecastMedia(
  model: ResponseModel,
  plan: SpendPlan,
  options: ForecastOptions = {},
): MediaForecast {
  const { input } = model;
  const recent = options.recentPeriods ?? 4;
  checkDates(plan.dates, input.dates);
  const horizon = plan.dates.length;
  const used = new Set<string>();
  const notes: string[] = [];
  const media = input.media.map((medium): MediumForecast => {
    const names = medium.paid ? [medium.name, medium.spendName, medium.exposureName] : [medium.name];
    const key = Object.keys(plan.spend).find((k) => names.includes(k));
    if (key !== undefined) used.add(key);
    const history = input.regressors[medium.regressorIndex]!.values;
    let future: number[];
    if (key !== undefined) {
      future = planValues(plan.spend[key]!, horizon, key);
      if (medium.exposureName)
        notes.push(
          `${key}: planned spend buys ${medium.exposureName} at the modelling window's cost per exposure (${medium.cpeWindow}).`,
        );
    } else if (medium.paid) {
      future = new Array<number>(horizon).fill(0);
    } else {
      const level = meanOfLast(history, recent);
      future = new Array<number>(horizon).fill(level);
      notes.push(
        `${medium.name} (organic) is held at its mean of the last ${recent} data periods, ${level}.`,
      );
    }
    return forecastMedium(
      medium.name,
      medium.paid,
      history,
      future,
      curveOf(model, medium.name, input.adstock),
      input.window,
    );
  });
  const unknown = Object.keys(plan.spend).filter((k) => !used.has(k));
  if (unknown.length > 0) {
    const known = input.media.map((m) => (m.paid ? (m.spendName ?? m.name) : m.name));
    throw invalidInput(
      `spend.${unknown[0]}`,
      `The plan names ${unknown.join(", ")}, which ${unknown.length === 1 ? "is" : "are"} not a medium of this model: use ${known.join(", ")}.`,
    );
  }
  const perPeriod = (pick: (m: MediumForecast) => number[]) =>
    Array.from({ length: horizon }, (_, t) => media.reduce((sum, m) => sum + pick(m)[t]!, 0));
  const response = perPeriod((m) => m.response);
  const paid = media.filter((m) => m.paid);
  return {
    dates: [...plan.dates],
    media,
    response,
    fromHistory: perPeriod((m) => m.fromHistory),
    fromPlan: perPeriod((m) => m.fromPlan),
    totalResponse: sum(response),
    totalPaidSpend: paid.reduce((s, m) => s + m.totalInput, 0),
    paidResponse: paid.reduce((s, m) => s + m.totalResponse, 0),
    notes,
  };
}

function forecastMedium(
  medium: string,
  paid: boolean,
  history: Float64Array,
  future: number[],
  curve: ResponseCurveParameters,
  window: ResponseModel["input"]["window"],
): MediumForecast {
  // γ* comes from the fitted window, as in the model's own decomposition.
  const { inflexion } = decomposeChannel(history, curve, window);
  const withPlan = saturatedTail(history, future, curve, inflexion);
  const withoutPlan = saturatedTail(
    history,
    future.map(() => 0),
    curve,
    inflexion,
  );
  const fromPlan = withPlan.map((r, t) => r - withoutPlan[t]!);
  return {
    medium,
    paid,
    input: future,
    response: withPlan,
    fromHistory: withoutPlan,
    fromPlan,
    totalInput: sum(future),
    totalResponse: sum(withPlan),
    totalFromHistory: sum(withoutPlan),
    totalFromPlan: sum(fromPlan),
  };
}

/** coef · hill(adstock(history ++ future)) on the future rows. */
function saturatedTail(
  history: Float64Array,
  future: readonly number[],
  curve: ResponseCurveParameters,
  inflexion: number,
): number[] {
  const n = history.length;
  const length = n + future.length;
  const series = new Float64Array(length);
  series.set(history);
  series.set(future, n);
  const adstocked = new Float64Array(length);
  if (curve.adstock === "geometric") {
    geometricAdstock(series, curve.theta ?? 0, adstocked, length);
  } else {
    // The fitted decay: weights of the data's length (Weibull's scale is a share of it), none beyond.
    const weights = new Float64Array(length);
    (curve.adstock === "weibull_cdf" ? weibullCdfWeights : weibullPdfWeights)(
      curve.shape ?? 0,
      curve.scale ?? 0,
      n,
      weights,
    );
    convolveDecay(series, weights, adstocked, length);
  }
  const saturated = new Float64Array(future.length);
  hillSaturate(adstocked, curve.alpha, inflexion, saturated, n, length);
  return Array.from(saturated, (s) => curve.coef * s);
}

function checkDates(dates: readonly string[], dataDates: readonly string[]): void {
  if (dates.length === 0)
    throw invalidInput("dates", "The plan has no periods: give at least one future date.");
  const last = dataDates[dataDates.length - 1]!;
  dates.forEach((date, i) => {
    if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(date)))
      throw invalidInput("dates", `Plan date ${i + 1}, "${date}", is not a date like 2019-01-07.`);
    if (date <= last)
      throw invalidInput(
        "dates",
        `Plan date ${date} is not after the data's last period (${last}): a forward scenario plans future periods only.`,
      );
    if (i > 0 && date <= dates[i - 1]!)
      throw invalidInput("dates", `Plan dates must ascend: ${date} follows ${dates[i - 1]}.`);
  });
}

function planValues(values: readonly number[], horizon: number, key: string): number[] {
  if (values.length !== horizon)
    throw invalidInput(
      `spend.${key}`,
      `The plan has ${values.length} values for ${key} but ${horizon} periods: give one value per period.`,
    );
  values.forEach((v, t) => {
    if (!Number.isFinite(v) || v < 0)
      throw invalidInput(
        `spend.${key}`,
        `${key} in period ${t + 1} is ${v}: a plan's values must be 0 or more.`,
      );
  });
  return [...values];
}

function meanOfLast(values: Float64Array, count: number): number {
  const from = Math.max(0, values.length - count);
  let total = 0;
  for (let t = from; t < values.length; t++) total += values[t]!;
  return total / (values.length - from);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
