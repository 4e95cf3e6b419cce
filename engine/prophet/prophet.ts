/**
 * Native Prophet-style decomposition of the dependent variable (robyn-method.md §1.5–1.6, Robyn's
 * `prophet_decomp`): trend, yearly `season`, `monthly`, `weekday` and `holiday` series, and factor
 * variables turned into a non-negative "event effect" series, all in y units over all rows, as Robyn
 * writes them into `dt_mod`.
 *
 * Steps (Prophet's defaults with Robyn's choices):
 * 1. Scale: y_s = y / max|y| (1 if y is all zero); t ∈ [0, 1].
 * 2. Design (prophet-features.ts): trend basis with 25 changepoints in the first 80% of rows; yearly
 *    Fourier terms when `season` is asked for, weekly for `weekday`, Robyn's monthly (30.5 days, order 5)
 *    for `monthly`; holiday indicators (folded onto the data's weeks/months, Robyn's `set_holidays`)
 *    when `holiday` is asked for; the factor dummies as extra regressors.
 * 3. Fit: the exact MAP of Prophet's model (prophet-fit.ts).
 * 4. Components: the sum of each group's columns × coefficients × max|y|. The trend is always part of
 *    the fit, as in Prophet, and is returned when asked for. Each factor becomes
 *    e(t) − min_t e(t), where e is the sum of its dummies' contributions.
 */
import { invalidInput } from "../../common/errors.ts";
import { requireDayNumber } from "../data/dates.ts";
import type { Holiday } from "./holidays.ts";
import { fitProphetMap, type MapFit } from "./prophet-fit.ts";
import type { ProphetSeasonality } from "../model-input/model-settings.ts";
import {
  buildProphetDesign,
  checkComponents,
  fittedSeasonalities,
  PROPHET_DEFAULTS,
  type ProphetComponent,
  type ProphetDesign,
} from "./prophet-features.ts";

export type { ProphetComponent } from "./prophet-features.ts";

export interface ProphetOptions {
  /** ISO YYYY-MM-DD, ascending, all data rows. */
  dates: readonly string[];
  /** Dependent variable, same length. */
  y: Float64Array;
  interval: "day" | "week" | "month";
  components: readonly ProphetComponent[];
  /** Daily holiday dates of the country (folded inside). Required when `holiday` is a component. */
  holidays?: readonly Holiday[];
  /** Factor variables, one level per row. */
  factors?: readonly { name: string; values: readonly string[] }[];
  /** Prophet's yearly/weekly switches (Robyn's `yearly.seasonality`, `weekly.seasonality`). */
  seasonality?: ProphetSeasonality | undefined;
}

export interface ProphetDecomposition {
  trend?: Float64Array;
  season?: Float64Array;
  monthly?: Float64Array;
  weekday?: Float64Array;
  holiday?: Float64Array;
  /** Per factor: sum of its dummies' effects minus the minimum (>= 0). */
  factors: Record<string, Float64Array>;
}

/** Everything the fit produced, for diagnostics and tests. */
export interface ProphetFit {
  design: ProphetDesign;
  map: MapFit;
  /** max|y|, Prophet's `y.scale`. */
  yScale: number;
  /** Every component's contribution in y units (all five keys present when fitted). */
  components: Partial<Record<ProphetComponent, Float64Array>>;
  /** Per factor, the raw sum of its dummies' contributions in y units (before subtracting the minimum). */
  factorEffects: Record<string, Float64Array>;
  /** Fitted values in y units: the sum of all components and factor effects. */
  fitted: Float64Array;
}

export function decomposeProphet(options: ProphetOptions): ProphetDecomposition {
  const fit = fitProphet(options);
  const out: ProphetDecomposition = { factors: {} };
  for (const component of options.components) {
    const series = fit.components[component];
    if (series) out[component] = series;
  }
  for (const [name, effect] of Object.entries(fit.factorEffects)) {
    let min = Infinity;
    for (const v of effect) min = Math.min(min, v);
    out.factors[name] = effect.map((v) => v - min);
  }
  return out;
}

export function fitProphet(options: ProphetOptions): ProphetFit {
  validate(options);
  const n = options.dates.length;
  const design = buildProphetDesign(options);
  let yScale = 0;
  for (const v of options.y) yScale = Math.max(yScale, Math.abs(v));
  if (yScale === 0) yScale = 1;
  const yScaled = options.y.map((v) => v / yScale);
  const map = fitProphetMap({
    rows: n,
    columns: design.columns.map((c) => c.values),
    priors: design.columns.map((c) => c.prior),
    y: yScaled,
    sigmaPriorScale: PROPHET_DEFAULTS.sigmaPriorScale,
  });

  const components: Partial<Record<ProphetComponent, Float64Array>> = {};
  const factorEffects: Record<string, Float64Array> = {};
  for (const factor of options.factors ?? []) factorEffects[factor.name] = new Float64Array(n);
  const fittedParts = ["trend", ...options.components, ...fittedSeasonalities(options)] as const;
  for (const component of new Set<ProphetComponent>(fittedParts)) {
    components[component] = new Float64Array(n);
  }
  design.columns.forEach((column, j) => {
    const target =
      column.owner.kind === "component" ? components[column.owner.name] : factorEffects[column.owner.name];
    const beta = map.coefficients[j]! * yScale;
    if (!target || beta === 0) return;
    for (let i = 0; i < n; i++) target[i] += column.values[i]! * beta;
  });
  const fitted = map.fitted.map((v) => v * yScale);
  return { design, map, yScale, components, factorEffects, fitted };
}

function validate(options: ProphetOptions): void {
  const { dates, y } = options;
  const rows = Array.isArray(dates) ? dates.length : 0;
  if (rows < 2) {
    throw invalidInput(
      "dates",
      `the Prophet decomposition needs at least 2 dated rows (got ${rows}): add more history`,
      { rows },
    );
  }
  if (!(y instanceof Float64Array) || y.length !== rows) {
    throw invalidInput(
      "y",
      `the dependent variable has ${y?.length ?? 0} values but there are ${rows} dates: give one value per row`,
    );
  }
  if (!["day", "week", "month"].includes(options.interval)) {
    throw invalidInput("interval", `interval \`${String(options.interval)}\` is not one of day, week, month`);
  }
  checkComponents(options.components);
  validateRows(dates, y, options.interval);
  validateSeasonality(options);
  if (options.components.includes("holiday") && options.holidays === undefined) {
    throw invalidInput(
      "holidays",
      "the `holiday` component needs the country's holidays: pass `holidays` (e.g. from countryHolidays)",
    );
  }
  const names = new Set<string>();
  for (const factor of options.factors ?? []) {
    const field = `factors.${factor.name}`;
    if (names.has(factor.name)) throw invalidInput(field, `factor \`${factor.name}\` is given twice`);
    names.add(factor.name);
    if (factor.values.length !== rows) {
      throw invalidInput(
        field,
        `factor \`${factor.name}\` has ${factor.values.length} values but there are ${rows} rows`,
      );
    }
  }
}

/**
 * A switch that contradicts the components is refused rather than followed: Robyn would fit no yearly
 * terms yet read a `season` column (and fail), and it silently ignores `weekly.seasonality` on monthly data.
 */
function validateSeasonality(options: ProphetOptions): void {
  const { components, seasonality } = options;
  const switches = [
    ["yearly", "season"],
    ["weekly", "weekday"],
  ] as const;
  for (const [name, component] of switches) {
    if (seasonality?.[name] === false && components.includes(component))
      throw invalidInput(
        `prophet_seasonality.${name}`,
        `prophet_seasonality.${name} is false but prophet_vars asks for ${component}, which is that seasonality: remove ${component} from prophet_vars or turn ${name} seasonality on`,
      );
  }
  if (options.interval === "month" && seasonality?.weekly !== undefined)
    throw invalidInput(
      "prophet_seasonality.weekly",
      "prophet_seasonality.weekly has no meaning for monthly data (a month has no weekly pattern): remove it",
    );
}

/** Dates real, strictly ascending (and on the 1st for monthly data); y finite. */
function validateRows(dates: readonly string[], y: Float64Array, interval: ProphetOptions["interval"]): void {
  let previous = -Infinity;
  dates.forEach((ds, i) => {
    const day = requireDayNumber(ds, "dates");
    if (day <= previous) {
      throw invalidInput(
        "dates",
        `dates must be strictly ascending: row ${i + 1} (${ds}) does not come after ${dates[i - 1]}; ` +
          "sort the data by date and remove duplicate dates",
        { row: i + 1, value: ds },
      );
    }
    previous = day;
    if (interval === "month" && !ds.endsWith("-01")) {
      throw invalidInput(
        "dates",
        `monthly data must be dated on the first day of each month, e.g. 2020-01-01 (found ${ds})`,
        { row: i + 1, value: ds },
      );
    }
    if (!Number.isFinite(y[i]!)) {
      throw invalidInput(
        "y",
        `the dependent variable is missing or not finite on ${ds}: fill or remove that row`,
        {
          row: i + 1,
          date: ds,
        },
      );
    }
  });
}
