/**
 * The Prophet-style components as regressors (Robyn's `prophet_vars`, `prophet_decomp`; method notes §1.6):
 * computed by the native decomposition, once, with every text factor's effect, or read as precomputed
 * columns of the data.
 */
import { invalidInput } from "../../common/errors.ts";
import { isTextColumn, requireColumn } from "../data/column-checks.ts";
import type { Interval } from "../data/interval.ts";
import { factorLevels } from "./factor-regressors.ts";
import type { InputColumns } from "./input-columns.ts";
import type { ModelSettings, ProphetProvider, ProphetResult } from "./model-settings.ts";
import type { Regressor } from "./regressor.ts";

export interface ProphetRegressors {
  readonly regressors: Regressor[];
  /** The native decomposition, when it ran (its factor effects are the factors' regressors). */
  readonly decomposition: ProphetResult | undefined;
}

export function prophetRegressors(
  columns: InputColumns,
  settings: ModelSettings,
  depVar: Float64Array,
  interval: Interval,
  prophet: ProphetProvider | undefined,
): ProphetRegressors {
  const decomposition =
    settings.prophet_vars.length > 0 && settings.prophet === "native"
      ? runProphet(columns, settings, depVar, interval, prophet)
      : undefined;
  const regressors = settings.prophet_vars.map((component, i): Regressor => {
    const values = decomposition
      ? decomposition.components[component]
      : columns.numeric(component, "prophet_vars", false);
    if (!values)
      throw invalidInput("prophet_vars", `Prophet component "${component}" could not be computed.`);
    return {
      name: component,
      kind: "prophet",
      values,
      sign: settings.prophet_signs?.[i] ?? "default",
      mediaIndex: -1,
    };
  });
  return { regressors, decomposition };
}

/** Runs the native Prophet-style decomposition once: every component and every text factor's effect. */
function runProphet(
  columns: InputColumns,
  settings: ModelSettings,
  depVar: Float64Array,
  interval: Interval,
  prophet: ProphetProvider | undefined,
): ProphetResult {
  if (!prophet) {
    throw invalidInput(
      "prophet",
      `prophet_vars (${settings.prophet_vars.join(", ")}) need the Prophet decomposition, which is not available here: ` +
        `set "prophet": "precomputed" and supply the columns, or remove prophet_vars.`,
    );
  }
  const factors = settings.factor_vars
    .filter((name) => isTextColumn(requireColumn(columns.table, name, "factor_vars")))
    .map((name) => ({ name, values: factorLevels(columns, name) }));
  return prophet({
    dates: columns.dates,
    y: depVar,
    interval: interval.type,
    components: settings.prophet_vars,
    country: settings.country,
    holidays: settings.dt_holidays,
    countryHolidays: settings.country_holidays,
    seasonality: settings.prophet_seasonality,
    factors,
  });
}
