/**
 * A response query on one model (Robyn 3.12.1 `robyn_response`; method notes §5.3, golden README B6): the
 * historical input and response of one medium split into immediate and carryover parts, and — given a
 * `metric_value` — the mean response when that total is spent over `date_range` instead.
 *
 * The simulated part (B6 rules 3, 4, 6): the value is split over the selected periods in proportion to their
 * historical values, the whole series is adstocked again, `sim_mean_spend` and `sim_mean_carryover` are the means
 * of the new immediate and carryover input over those periods (carryover from earlier simulated periods
 * included), and `sim_mean_response = R(sim_mean_spend)` on the **historical** curve. When every historical value
 * of the periods is 0 the split is 0/0 and Robyn answers NaN; so does this (written null in JSON), with a note.
 *
 * Where Robyn 3.12.1 refuses a query this refuses it too, with an error naming the argument: a vector of values
 * (Robyn changed that in 3.12.0.9000), and a value without a date range.
 */
import { invalidInput } from "../../common/errors.ts";
import type { ModelInput } from "../model-input/model-input.ts";
import { responseAt } from "../allocator/response-curve.ts";
import {
  adstockInput,
  decomposeChannel,
  meanAt,
  type ResponseCurveParameters,
} from "./channel-decomposition.ts";
import { resolveResponseDates, type ResponseDateRange } from "./response-dates.ts";
import { resolveResponseMetric } from "./response-metric.ts";

export interface ResponseQuery {
  /** A paid channel (spend or modelled column) or an organic variable. */
  metric_name: string;
  /** One total for the date range, in the modelled column's units; null = history. */
  metric_value?: number | readonly number[] | null;
  date_range?: ResponseDateRange | null;
}

/** The model a query runs on: its data and, by Robyn's names, its hyperparameters and coefficients. */
export interface ResponseModel {
  input: Pick<ModelInput, "dates" | "window" | "media" | "regressors" | "adstock">;
  /** `<medium>_thetas`, `_shapes`, `_scales`, `_alphas`, `_gammas` (Robyn's `resultHypParam` row). */
  hyperparameters: Readonly<Record<string, number>>;
  /** By variable name (Robyn's `xDecompAgg$coef`). */
  coefficients: Readonly<Record<string, number>>;
}

export type ResponseUsecase =
  "all_historical_vec" | "selected_historical_vec" | "total_metric_selected_range";

/** Robyn's result, field for field and in its order (without the ggplot). */
export interface RobynResponse {
  metric_name: string;
  date: string[];
  /** All data rows. */
  input_total: number[];
  input_carryover: number[];
  input_immediate: number[];
  /** Modelling-window rows. */
  response_total: number[];
  response_carryover: number[];
  response_immediate: number[];
  inflexion: number;
  mean_input_immediate: number;
  mean_input_carryover: number;
  mean_response_total: number;
  mean_response_carryover: number;
  mean_response: number;
  /** null without a metric_value; NaN when the value cannot be split (zero history). */
  sim_mean_spend: number | null;
  sim_mean_carryover: number | null;
  sim_mean_response: number | null;
  usecase: ResponseUsecase;
}

export interface ResponseAnswer {
  response: RobynResponse;
  metric_type: "paid" | "organic";
  /** The curve used: adstock and Hill parameters, the historical inflexion and the coefficient. */
  curve: ResponseCurveParameters & { inflexion: number };
  /** Things the person asking should know (a date moved to the nearest period, a value that could not be split). */
  notes: string[];
}

export function robynResponse(model: ResponseModel, query: ResponseQuery): ResponseAnswer {
  const { input } = model;
  const metric = resolveResponseMetric(input.media, query.metric_name);
  const value = singleValue(query.metric_value);
  const hasRange = query.date_range !== null && query.date_range !== undefined;
  if (value !== null && !hasRange)
    throw invalidInput(
      "date_range",
      "date_range is required with metric_value (Robyn: “Must specify date_range when using metric_value”): give all, last, last_N or dates.",
    );
  const periods = resolveResponseDates(query.date_range, input.dates, input.window.end);
  const curve = curveOf(model, metric.name, input.adstock);
  const values = input.regressors[input.media[metric.mediaIndex]!.regressorIndex]!.values;
  const history = decomposeChannel(values, curve, input.window);
  const notes = [...periods.notes];

  let sim: { spend: number; carryover: number; response: number } | null = null;
  if (value !== null) {
    const simulated = Float64Array.from(values);
    const historical = periods.rows.map((row) => values[row]!);
    const sum = historical.reduce((a, b) => a + b, 0);
    // One period takes the value as is; several share it in proportion to history (0/0 = NaN when all are 0).
    periods.rows.forEach((row, i) => {
      simulated[row] = periods.rows.length === 1 ? value : value * (historical[i]! / sum);
    });
    if (periods.rows.length > 1 && sum === 0)
      notes.push(
        `${metric.name} was 0 in every selected period, so Robyn's proportional split of metric_value is undefined (NaN): choose periods with some historical ${metric.name}.`,
      );
    const adstocked = adstockInput(simulated, curve);
    const spend = meanAt(adstocked.immediate, periods.rows);
    const carryover = meanAt(adstocked.carryover, periods.rows);
    const onHistoricalCurve = {
      coef: curve.coef,
      alpha: curve.alpha,
      inflexion: history.inflexion,
      carryover,
    };
    sim = { spend, carryover, response: responseAt(onHistoricalCurve, spend) };
  }

  const response: RobynResponse = {
    metric_name: metric.name,
    date: periods.dates,
    input_total: Array.from(history.input.total),
    input_carryover: Array.from(history.input.carryover),
    input_immediate: Array.from(history.input.immediate),
    response_total: Array.from(history.responseTotal),
    response_carryover: Array.from(history.responseCarryover),
    response_immediate: Array.from(history.responseImmediate),
    inflexion: history.inflexion,
    mean_input_immediate: history.meanInputImmediate,
    mean_input_carryover: history.meanInputCarryover,
    mean_response_total: history.meanResponseTotal,
    mean_response_carryover: history.meanResponseCarryover,
    mean_response: history.meanResponse,
    sim_mean_spend: sim?.spend ?? null,
    sim_mean_carryover: sim?.carryover ?? null,
    sim_mean_response: sim?.response ?? null,
    usecase: usecaseOf(value, query.date_range),
  };
  // The curve in the order people read it: adstock, its decay, Hill's alpha and gamma, inflexion, coefficient.
  const { coef, ...decayAndHill } = curve;
  return {
    response,
    metric_type: metric.type,
    curve: { ...decayAndHill, inflexion: history.inflexion, coef },
    notes,
  };
}

/** Robyn 3.12.1 takes one value (a total for the range) or none; it refuses a vector of several. */
function singleValue(metricValue: ResponseQuery["metric_value"]): number | null {
  if (metricValue === null || metricValue === undefined) return null;
  const values = [metricValue].flat();
  if (values.length !== 1)
    throw invalidInput(
      "metric_value",
      `metric_value has ${values.length} values; Robyn 3.12.1 takes one total for the whole date_range and splits it over the periods in proportion to their history (it refuses a value per period: “metric_value & date_range must have same length”). Give one total, or query each period on its own.`,
    );
  const value = values[0]!;
  if (!Number.isFinite(value) || value < 0)
    throw invalidInput("metric_value", `metric_value must be a number zero or above, not ${value}.`);
  return value;
}

function usecaseOf(value: number | null, dateRange: ResponseQuery["date_range"]): ResponseUsecase {
  const range = dateRange === null || dateRange === undefined ? null : [dateRange].flat();
  if (range === null || (range.length === 1 && range[0] === "all")) return "all_historical_vec";
  return value === null ? "selected_historical_vec" : "total_metric_selected_range";
}

/** Medium `name`'s curve in a model: its adstock and Hill parameters (Robyn's names) and its coefficient. */
export function curveOf(
  model: ResponseModel,
  name: string,
  adstock: ResponseCurveParameters["adstock"],
): ResponseCurveParameters {
  const hyper = (suffix: string): number => {
    const value = model.hyperparameters[`${name}_${suffix}`];
    if (value === undefined || !Number.isFinite(value))
      throw invalidInput("model", `The model has no hyperparameter ${name}_${suffix}.`);
    return value;
  };
  const coef = model.coefficients[name];
  if (coef === undefined || !Number.isFinite(coef))
    throw invalidInput("model", `The model has no coefficient for ${name}.`);
  const decay =
    adstock === "geometric" ? { theta: hyper("thetas") } : { shape: hyper("shapes"), scale: hyper("scales") };
  return { adstock, ...decay, alpha: hyper("alphas"), gamma: hyper("gammas"), coef };
}
