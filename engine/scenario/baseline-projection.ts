/**
 * Forward scenarios, baseline part (issue "Decisions", item 3): what the model predicts for the plan's periods
 * without any media, so that a scenario's total is the whole predicted outcome and not only the media's share.
 * Every number here rests on an assumption about the future, so the result names its rules and its inputs.
 *
 * The non-media part of Robyn's model is Σ coef_j · x_j,t + intercept (method notes §2.3, `xDecompVec`), with
 * x the Prophet-style components (trend, season, monthly, weekday, holiday; `prophet_decomp`) and the context
 * variables. Their future values are not data, so they are extended:
 *
 *   trend      linearly from its last year: x_{n-1+s} = x_{n-1} + s · (x_{n-1} − x_{n-1-P}) / P, P the periods
 *              of one year (52 weeks, 365 days, 12 months); with less than a year of data, from its first row
 *   season,    repeated by their period: x_{n-1+s} = x_{n-1+s-kP} for the smallest k ≥ 1 that lands in the
 *   holiday,   data, P one year (weekday: one week) — the same week of last year, which for weekly data is
 *   monthly,   364 days back, so the season drifts by about a day a year; holidays that move (Easter) are
 *   weekday    where they fell last year. With less than a period of data the component is held at its mean.
 *   context    held at its mean over the last `recentPeriods` data periods (factor effects, too)
 *   intercept  the model's, every period
 *
 * s is the number of periods from the last data date to the plan's date, so a plan may skip periods.
 */
import { invalidInput } from "../../common/errors.ts";
import { dayNumber } from "../data/dates.ts";
import type { ModelInput } from "../model-input/model-input.ts";
import type { Regressor } from "../model-input/regressor.ts";

export const INTERCEPT = "(Intercept)";

export interface BaselineComponent {
  /** The regressor (`trend`, `season`, a context variable) or `(Intercept)`. */
  name: string;
  rule: "trend_last_year" | "repeat_period" | "period_mean" | "recent_mean" | "intercept";
  coef: number;
  /** The regressor's extended values, per plan period (the intercept: 1). */
  values: number[];
  /** coef · values, per plan period. */
  contribution: number[];
}

export interface BaselineProjection {
  method: string;
  assumptions: string[];
  /** Σ over the components, per plan period. */
  per_period: number[];
  total: number;
  components: BaselineComponent[];
}

export interface BaselineModel {
  input: Pick<ModelInput, "dates" | "interval" | "regressors">;
  /** By variable name, the intercept as `(Intercept)` (Robyn's `xDecompAgg$coef`). */
  coefficients: Readonly<Record<string, number>>;
}

const PERIODS_PER_YEAR = { day: 365, week: 52, month: 12 } as const;
const SEASONAL = new Set(["season", "monthly", "weekday", "holiday"]);

export const BASELINE_METHOD =
  "Intercept, plus trend extended linearly from its last year, seasonal components repeated from the same period one year earlier (weekday: one week), and context variables held at their recent mean";

export function projectBaseline(
  model: BaselineModel,
  dates: readonly string[],
  recentPeriods = 4,
): BaselineProjection {
  const { input } = model;
  const n = input.dates.length;
  const steps = stepsAhead(input.dates[n - 1]!, input.interval, dates);
  const year = PERIODS_PER_YEAR[input.interval.type];
  const assumptions: string[] = [];
  const components: BaselineComponent[] = [];
  const intercept = model.coefficients[INTERCEPT] ?? 0;
  if (intercept !== 0)
    components.push(
      component(
        INTERCEPT,
        "intercept",
        intercept,
        steps.map(() => 1),
      ),
    );
  for (const regressor of input.regressors) {
    if (regressor.kind === "paid" || regressor.kind === "organic") continue;
    const coef = model.coefficients[regressor.name];
    if (coef === undefined)
      throw invalidInput(
        "model",
        `The model has no coefficient for ${regressor.name}: its results do not match the run's data.`,
      );
    const { rule, values, note } = extend(regressor, steps, year, input.interval.type, recentPeriods);
    assumptions.push(note);
    components.push(component(regressor.name, rule, coef, values));
  }
  const per_period = steps.map((_, t) => components.reduce((s, c) => s + c.contribution[t]!, 0));
  return {
    method: BASELINE_METHOD,
    assumptions: [
      "The baseline (the outcome without media) is projected, not known: it assumes the past pattern goes on.",
      ...assumptions,
    ],
    per_period,
    total: per_period.reduce((a, b) => a + b, 0),
    components,
  };
}

function component(
  name: string,
  rule: BaselineComponent["rule"],
  coef: number,
  values: number[],
): BaselineComponent {
  return { name, rule, coef, values, contribution: values.map((v) => coef * v) };
}

function extend(
  regressor: Regressor,
  steps: readonly number[],
  year: number,
  interval: ModelInput["interval"]["type"],
  recentPeriods: number,
): { rule: BaselineComponent["rule"]; values: number[]; note: string } {
  const x = regressor.values;
  const n = x.length;
  const last = x[n - 1]!;
  if (regressor.kind === "prophet" && regressor.name === "trend") {
    const back = Math.min(year, n - 1);
    const slope = back > 0 ? (last - x[n - 1 - back]!) / back : 0;
    return {
      rule: "trend_last_year",
      values: steps.map((s) => last + s * slope),
      note: `trend goes on linearly at its slope over the last ${back} data periods (${slope} per period).`,
    };
  }
  if (regressor.kind === "prophet" && SEASONAL.has(regressor.name)) {
    const period = regressor.name === "weekday" && interval === "day" ? 7 : year;
    const span = regressor.name === "weekday" && interval === "day" ? "one week" : "one year";
    if (n < period) {
      const level = meanOf(x, 0, n);
      return {
        rule: "period_mean",
        values: steps.map(() => level),
        note: `${regressor.name}: the data are shorter than its period (${period} periods), so it is held at its mean, ${level}.`,
      };
    }
    return {
      rule: "repeat_period",
      values: steps.map((s) => x[n - 1 + s - Math.ceil(s / period) * period]!),
      note: `${regressor.name} repeats its values of ${span} earlier (${period} periods).`,
    };
  }
  const count = Math.min(recentPeriods, n);
  const level = meanOf(x, n - count, n);
  return {
    rule: "recent_mean",
    values: steps.map(() => level),
    note: `${regressor.name} (context) is held at its mean of the last ${count} data periods, ${level}.`,
  };
}

/** Periods from the last data date to each plan date (1 for the next period). */
function stepsAhead(last: string, interval: ModelInput["interval"], dates: readonly string[]): number[] {
  return dates.map((date) => {
    const steps =
      interval.type === "month"
        ? monthIndex(date) - monthIndex(last)
        : Math.round((dayNumber(date) - dayNumber(last)) / interval.days);
    if (steps < 1)
      throw invalidInput(
        "dates",
        `Plan date ${date} is not a period after the data's last period (${last}): a forward scenario plans future periods only.`,
      );
    return steps;
  });
}

function monthIndex(iso: string): number {
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
}

function meanOf(values: Float64Array, from: number, to: number): number {
  let total = 0;
  for (let t = from; t < to; t++) total += values[t]!;
  return total / (to - from);
}
