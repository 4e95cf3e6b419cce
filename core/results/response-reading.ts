/**
 * A response query's answer in the terms a marketer reads (for Slack and the viewer's model page): the queried
 * spend per period and its response split into the part this spend brings now and the part carried over from
 * earlier spend, next to the historical mean spend and its response; and the response curve to draw them on.
 *
 * The split follows Robyn's own: the carryover part is the curve's value at zero new spend with the carryover
 * input only, R(0) (as `mean_response_carryover` is for history); the immediate part is the rest.
 */
import { responseAt, type ResponseCurve } from "../../engine/allocator/response-curve.ts";
import type { ModelResponseReport } from "./model-response.ts";

export interface ResponsePoint {
  /** Spend (or organic input) per period, without carryover. */
  spend: number;
  /** Adstock carryover input per period from earlier periods. */
  carryoverInput: number;
  /** Mean response per period: total, and the parts from this spend and from carryover. */
  response: number;
  responseImmediate: number;
  responseCarryover: number;
}

export interface ResponseReading {
  metric: string;
  metricType: "paid" | "organic";
  /** The periods the query is about (first and last date, count). */
  periods: { from: string; to: string; count: number };
  /** The total queried over those periods; null when the query asked for history only. */
  total: number | null;
  /** The queried spend's point; null without a value. Its numbers are NaN when the value cannot be split. */
  query: ResponsePoint | null;
  /** The historical mean spend per period over the modelling window and its response (Robyn's grey point). */
  history: ResponsePoint;
  /** mROI (response per extra unit of spend) at the queried spend and at the mean; null for organic media. */
  mroi: { query: number | null; history: number } | null;
  notes: string[];
}

export function responseReading(report: ModelResponseReport, total: number | null): ResponseReading {
  const history = point(report, report.mean_input_immediate, report.mean_input_carryover);
  const query =
    report.sim_mean_spend === null || report.sim_mean_carryover === null
      ? null
      : point(report, report.sim_mean_spend, report.sim_mean_carryover);
  return {
    metric: report.metric_name,
    metricType: report.metric_type,
    periods: { from: report.date[0] ?? "", to: report.date.at(-1) ?? "", count: report.date.length },
    total: query ? total : null,
    query,
    history,
    mroi: report.marginal && {
      query: report.marginal.at_queried_spend?.mroi ?? null,
      history: report.marginal.at_mean_spend.mroi,
    },
    notes: report.notes,
  };
}

/**
 * The historical response curve, R(x) with the window's mean carryover, at `count` evenly spaced spends from 0 to
 * twice the larger of the historical mean and the queried spend (the points to draw).
 */
export function responseCurvePoints(
  report: ModelResponseReport,
  reading: ResponseReading,
  count = 61,
): { spend: number; response: number }[] {
  const curve = curveOf(report, reading.history.carryoverInput);
  const queried = reading.query && Number.isFinite(reading.query.spend) ? reading.query.spend : 0;
  const reach = Math.max(reading.history.spend, queried);
  const upTo = 2 * (reach > 0 ? reach : report.curve.inflexion || 1);
  return Array.from({ length: count }, (_, i) => {
    const spend = (upTo * i) / (count - 1);
    return { spend, response: responseAt(curve, spend) };
  });
}

function point(report: ModelResponseReport, spend: number, carryoverInput: number): ResponsePoint {
  const curve = curveOf(report, carryoverInput);
  const response = responseAt(curve, spend);
  const responseCarryover = responseAt(curve, 0);
  return {
    spend,
    carryoverInput,
    response,
    responseImmediate: response - responseCarryover,
    responseCarryover,
  };
}

function curveOf(report: ModelResponseReport, carryover: number): ResponseCurve {
  const { coef, alpha, inflexion } = report.curve;
  return { coef, alpha, inflexion, carryover };
}
