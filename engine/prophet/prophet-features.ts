/**
 * The design of the Prophet-style regression (robyn-method.md §1.6): Prophet's scaled time, its
 * piecewise-linear trend basis, Fourier seasonalities, holiday indicators and the factor dummies that
 * Robyn adds as extra regressors, each column with its prior.
 *
 * Trend. Prophet writes the trend as (k + a(t)·δ)·t + (m + a(t)·γ) with γ_j = −s_j·δ_j, where a_j(t)
 * is 1 when t ≥ s_j (changepoint j). That equals k·t + m + Σ_j δ_j·max(t − s_j, 0), so the trend is
 * linear in (k, m, δ) with the columns t, 1 and the hinges max(t − s_j, 0).
 * Time: t = (day − first day) / (last day − first day) ∈ [0, 1].
 * Changepoints: the first floor(0.8·n) rows (Prophet's `changepoint.range`) hold 26 evenly spaced
 * indices round(seq(1, h, length.out = 26)) (R rounding, ties to even); the first is dropped and the
 * other 25 rows' dates are the changepoints. With h < 26 rows, h − 1 changepoints; with none,
 * Prophet keeps one dummy changepoint at t = 0.
 * Seasonality: for k = 1..K, sin(2πk·d/P) and cos(2πk·d/P) with d = days since 1970-01-01;
 * yearly (Robyn's `season`) P = 365.25, K = 10; weekly (`weekday`) P = 7, K = 3; Robyn's `monthly`
 * P = 30.5, K = 5. Yearly and weekly are fitted when their component is asked for, or when the
 * seasonality switch says so (Robyn's `yearly.seasonality`/`weekly.seasonality`; see `fittedSeasonalities`).
 * Holidays: one 0/1 column per distinct (folded) holiday name, 1 on the rows whose date carries it.
 * Factor dummies: Robyn one-hot encodes each factor with `lares::ohse` (see `factorDummies`). They are
 * 0/1, which Prophet's `standardize = "auto"` leaves unscaled.
 * Priors: k, m ~ N(0, 5); δ ~ Laplace(0, 0.05); seasonal, holiday and regressor β ~ N(0, 10).
 */
import { MmmError } from "../../common/errors.ts";
import { roundHalfEven } from "../stats/r-numbers.ts";
import { requireDayNumber } from "../data/dates.ts";
import { foldHolidays, type Holiday, type HolidayInterval } from "./holidays.ts";
import type { ColumnPrior } from "./prophet-fit.ts";

import type { ProphetComponent, ProphetSeasonality } from "../model-input/model-settings.ts";

export type { ProphetComponent };

/** Which output series a design column contributes to. */
export type ColumnOwner =
  { kind: "component"; name: ProphetComponent } | { kind: "factor"; name: string; level: string };

export interface DesignColumn {
  /** Prophet's name for the column, e.g. `yearly_sin_3`, `delta_7`, a holiday name, `events_event1`. */
  name: string;
  owner: ColumnOwner;
  prior: ColumnPrior;
  values: Float64Array;
}

export interface ProphetDesign {
  rows: number;
  columns: DesignColumn[];
  /** Scaled time of every row. */
  t: Float64Array;
  /** Scaled times of the trend changepoints. */
  changepoints: Float64Array;
}

export interface DesignInput {
  dates: readonly string[];
  interval: HolidayInterval;
  components: readonly ProphetComponent[];
  holidays?: readonly Holiday[];
  factors?: readonly { name: string; values: readonly string[] }[];
  seasonality?: ProphetSeasonality | undefined;
}

/** Prophet's defaults, as Robyn uses them. */
export const PROPHET_DEFAULTS = {
  changepointCount: 25,
  changepointRange: 0.8,
  changepointPriorScale: 0.05,
  trendPriorScale: 5,
  seasonalityPriorScale: 10,
  holidaysPriorScale: 10,
  sigmaPriorScale: 0.5,
} as const;

const SEASONALITIES: Record<
  "season" | "weekday" | "monthly",
  { prefix: string; period: number; order: number }
> = {
  season: { prefix: "yearly", period: 365.25, order: 10 },
  weekday: { prefix: "weekly", period: 7, order: 3 },
  monthly: { prefix: "monthly", period: 30.5, order: 5 },
};

/** Days since 1970-01-01 of each date (already validated by the caller). */
export function datesToDays(dates: readonly string[]): Float64Array {
  const days = new Float64Array(dates.length);
  dates.forEach((ds, i) => (days[i] = requireDayNumber(ds, "dates")));
  return days;
}

/** Row indices (0-based) of Prophet's default changepoints for `rows` history rows. */
export function changepointRows(rows: number): number[] {
  const history = Math.floor(rows * PROPHET_DEFAULTS.changepointRange);
  const count = Math.min(PROPHET_DEFAULTS.changepointCount, history - 1);
  if (count <= 0) return [];
  const step = (history - 1) / count;
  const indices: number[] = [];
  for (let i = 1; i <= count; i++) {
    const oneBased = i === count ? history : roundHalfEven(1 + i * step);
    indices.push(oneBased - 1);
  }
  return indices;
}

export function buildProphetDesign(input: DesignInput): ProphetDesign {
  const n = input.dates.length;
  const days = datesToDays(input.dates);
  const first = days[0]!;
  const span = days[n - 1]! - first;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = (days[i]! - first) / span;

  const columns: DesignColumn[] = [];
  const trend = { kind: "component", name: "trend" } as const;
  const trendPrior: ColumnPrior = { kind: "normal", scale: PROPHET_DEFAULTS.trendPriorScale };
  columns.push({ name: "k", owner: trend, prior: trendPrior, values: Float64Array.from(t) });
  columns.push({ name: "m", owner: trend, prior: trendPrior, values: new Float64Array(n).fill(1) });

  const cpRows = changepointRows(n);
  const changepoints = cpRows.length > 0 ? Float64Array.from(cpRows, (r) => t[r]!) : new Float64Array([0]);
  changepoints.forEach((s, j) => {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = t[i]! >= s ? t[i]! - s : 0;
    columns.push({
      name: `delta_${j + 1}`,
      owner: trend,
      prior: { kind: "laplace", scale: PROPHET_DEFAULTS.changepointPriorScale },
      values,
    });
  });

  const seasonal = fittedSeasonalities(input);
  for (const component of ["season", "weekday", "monthly"] as const) {
    if (!seasonal.includes(component)) continue;
    const { prefix, period, order } = SEASONALITIES[component];
    for (let k = 1; k <= order; k++) {
      const sin = new Float64Array(n);
      const cos = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const angle = (2 * Math.PI * k * days[i]!) / period;
        sin[i] = Math.sin(angle);
        cos[i] = Math.cos(angle);
      }
      const owner = { kind: "component", name: component } as const;
      const prior: ColumnPrior = { kind: "normal", scale: PROPHET_DEFAULTS.seasonalityPriorScale };
      columns.push({ name: `${prefix}_sin_${k}`, owner, prior, values: sin });
      columns.push({ name: `${prefix}_cos_${k}`, owner, prior, values: cos });
    }
  }

  if (input.components.includes("holiday")) {
    for (const column of holidayColumns(input.dates, input.interval, input.holidays ?? []))
      columns.push(column);
  }
  for (const factor of input.factors ?? []) {
    for (const column of factorDummies(factor.name, factor.values)) columns.push(column);
  }
  return { rows: n, columns, t, changepoints };
}

/**
 * The seasonalities the fit holds, as Robyn's `prophet_decomp` sets Prophet's switches: yearly is
 * `yearly.seasonality` when given, else whether `season` is asked for; weekly likewise for daily and
 * weekly data (Robyn ignores `weekly.seasonality` on monthly data, where `prophet.ts` refuses it);
 * Robyn's monthly seasonality only with `monthly`. A seasonality fitted but not asked for shapes the
 * trend and holidays without becoming a regressor.
 */
export function fittedSeasonalities(
  input: Pick<DesignInput, "components" | "interval" | "seasonality">,
): ("season" | "weekday" | "monthly")[] {
  const { components, seasonality } = input;
  const yearly = seasonality?.yearly ?? components.includes("season");
  const weekly =
    input.interval === "month"
      ? components.includes("weekday")
      : (seasonality?.weekly ?? components.includes("weekday"));
  return [
    ...(yearly ? (["season"] as const) : []),
    ...(weekly ? (["weekday"] as const) : []),
    ...(components.includes("monthly") ? (["monthly"] as const) : []),
  ];
}

/**
 * One indicator column per distinct folded holiday name that falls on at least one data row. Names
 * that never meet a data row would get an all-zero column, whose coefficient is 0 at the MAP under
 * its Gaussian prior; they are left out.
 */
function holidayColumns(
  dates: readonly string[],
  interval: HolidayInterval,
  holidays: readonly Holiday[],
): DesignColumn[] {
  const rowOfDate = new Map<string, number>();
  dates.forEach((ds, i) => rowOfDate.set(ds, i));
  const byName = new Map<string, Float64Array>();
  for (const folded of foldHolidays(holidays, interval, dates[0]!)) {
    const row = rowOfDate.get(folded.ds);
    if (row === undefined) continue;
    let values = byName.get(folded.holiday);
    if (!values) {
      values = new Float64Array(dates.length);
      byName.set(folded.holiday, values);
    }
    values[row] = 1;
  }
  const owner = { kind: "component", name: "holiday" } as const;
  const prior: ColumnPrior = { kind: "normal", scale: PROPHET_DEFAULTS.holidaysPriorScale };
  return [...byName].map(([name, values]) => ({ name, owner, prior, values }));
}

const levelOrder = new Intl.Collator("en-US");

/**
 * Robyn's one-hot encoding of a factor (`lares::ohse` with its defaults), levels sorted as R sorts
 * them in an English locale:
 * - one level: no column (ohse drops columns without variance);
 * - two levels: one column for the second level, `name_<level2>` (the first level is the baseline);
 * - three or more: one column per level except the last sorted one, `name_<level>`.
 * (ohse also lumps all but the 10 most frequent levels into "OTHER"; not reproduced here.)
 */
export function factorDummies(name: string, values: readonly string[]): DesignColumn[] {
  const levels = [...new Set(values)].sort(levelOrder.compare);
  if (levels.length < 2) return [];
  const kept = levels.length === 2 ? [levels[1]!] : levels.slice(0, -1);
  const prior: ColumnPrior = { kind: "normal", scale: PROPHET_DEFAULTS.holidaysPriorScale };
  return kept.map((level) => {
    const column = new Float64Array(values.length);
    values.forEach((v, i) => (column[i] = v === level ? 1 : 0));
    return { name: `${name}_${level}`, owner: { kind: "factor", name, level }, prior, values: column };
  });
}

/** Throws unless `components` are known Prophet components. */
export function checkComponents(components: readonly string[]): asserts components is ProphetComponent[] {
  const known = ["trend", "season", "monthly", "weekday", "holiday"];
  const unknown = components.filter((c) => !known.includes(c));
  if (unknown.length > 0) {
    throw new MmmError(
      "invalid_input",
      `prophet component(s) ${unknown.map((c) => `\`${c}\``).join(", ")} unknown: use ${known.join(", ")}`,
      { context: { field: "components", unknown } },
    );
  }
}
