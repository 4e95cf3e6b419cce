/**
 * From a data table and the model settings to `ModelInput`, the engine's equivalent of Robyn's
 * `InputCollect` + `dt_mod` (`robyn_inputs`, `robyn_engineering`; method notes §1.1–1.8): variable roles
 * and the regressor order, the window, spend totals and shares, exposures rescaled to spend, factor
 * variables, precomputed or native Prophet components, and lambda's scale. Every rule that rejects data
 * names the column and the fix.
 */
import { invalidInput } from "../../common/errors.ts";
import type { Table } from "../../common/table.ts";
import {
  absoluteIfAllNonPositive,
  factorError,
  isTextColumn,
  numericColumn,
  requireColumn,
  requireVariation,
  type ColumnRole,
} from "../data/column-checks.ts";
import { readDatedRows } from "../data/date-column.ts";
import type { Interval } from "../data/interval.ts";
import { lambdaMax } from "./lambda-max.ts";
import type { ModelSettings, ProphetProvider, ProphetResult, Sign } from "./model-settings.ts";
import { resolveWindow, type ModelWindow } from "./window.ts";

export type RegressorKind = "prophet" | "context" | "paid" | "organic";

export interface Regressor {
  /** Column name in the model (paid media: the exposure name when one is used, as Robyn). */
  name: string;
  kind: RegressorKind;
  /** All rows, as the model sees them (exposures already re-expressed in spend units). */
  values: Float64Array;
  sign: Sign;
  /** Index into `ModelInput.media`, or −1 for prophet/context regressors. */
  mediaIndex: number;
}

export interface MediaChannel {
  /** Robyn's `paid_media_selected` name, or the organic variable. */
  name: string;
  paid: boolean;
  /** Paid media: the spend column. */
  spendName: string | null;
  /** Paid media with an exposure variable: its name (the model column); else null. */
  exposureName: string | null;
  regressorIndex: number;
  /** Raw spend, all rows (paid media only). */
  spend: Float64Array | null;
  /** Cost per exposure over the window (1 when the spend itself is modelled). */
  cpeWindow: number;
  /** Window totals and means of the raw spend (paid), NaN for organic. */
  totalSpend: number;
  meanSpend: number;
  spendShare: number;
  /** Window mean of the raw exposure or organic variable (Robyn's `mean_exposure`). */
  meanExposure: number;
}

export interface ModelInput {
  dateVar: string;
  depVarName: string;
  depVarType: "revenue" | "conversion";
  /** All data dates, ascending. */
  dates: string[];
  depVar: Float64Array;
  interval: Interval;
  window: ModelWindow;
  /** Regressors in Robyn's `all_ind_vars` order: prophet, context, paid media, organic. */
  regressors: Regressor[];
  /** Robyn's `all_media`: paid media (selected names) then organic, with the regressor each one is. */
  media: MediaChannel[];
  adstock: ModelSettings["adstock"];
  intercept: boolean;
  interceptSign: "non_negative" | "unconstrained";
  rssdZeroPenalty: boolean;
  /** Upper end of the lambda range derived from the data (Robyn's `lambda_max`). */
  lambdaMax: number;
  lambdaMinRatio: number;
  /** Things the user should know that do not stop the run (Robyn's warnings and messages). */
  warnings: string[];
}

export const LAMBDA_MIN_RATIO = 1e-4;

export function buildModelInput(
  table: Table,
  settings: ModelSettings,
  prophet?: ProphetProvider,
): ModelInput {
  const rows = readDatedRows(table, settings.date_var);
  const { dates, order, interval } = rows;
  const warnings: string[] = [];
  if (rows.sorted) warnings.push(`Rows were put in date order by "${rows.dateVar}".`);
  const window = resolveWindow(dates, interval, settings.window_start, settings.window_end);
  // Robyn clamps silently; a start before the data usually means the wrong file or a typo in the year.
  if (settings.window_start !== undefined && settings.window_start < dates[0]!)
    warnings.push(
      `window_start ${settings.window_start} is before the first date in the data (${dates[0]}): the window starts at ${dates[0]}.`,
    );
  const windowScope = `of the modelling window (${window.startDate} to ${window.endDate})`;

  const readNumeric = (name: string, role: ColumnRole, nonNegative: boolean): Float64Array => {
    const values = numericColumn(table, name, role, order, dates, nonNegative);
    if (absoluteIfAllNonPositive(values) && values.some((v) => v !== 0)) {
      warnings.push(`Column "${name}" had only negative values and is used as its absolute value.`);
    }
    requireVariation(values, name, role, 0, values.length, "of the data");
    return values;
  };

  const depVar = readNumeric(settings.dep_var, "dep_var", false);
  requireVariation(depVar, settings.dep_var, "dep_var", window.start, window.end + 1, windowScope);

  const regressors: Regressor[] = [];
  const media: MediaChannel[] = [];

  const decomposition =
    settings.prophet_vars.length > 0 && settings.prophet === "native"
      ? runProphet(prophet, settings, table, order, dates, depVar, interval)
      : undefined;
  for (const [i, component] of settings.prophet_vars.entries()) {
    const values = decomposition
      ? decomposition.components[component]
      : readNumeric(component, "prophet_vars", false);
    if (!values)
      throw invalidInput("prophet_vars", `Prophet component "${component}" could not be computed.`);
    regressors.push({
      name: component,
      kind: "prophet",
      values,
      sign: settings.prophet_signs?.[i] ?? "default",
      mediaIndex: -1,
    });
  }

  const factorSet = new Set(settings.factor_vars);
  for (const [i, name] of settings.context_vars.entries()) {
    const sign = settings.context_signs?.[i] ?? "default";
    const cells = requireColumn(table, name, "context_vars");
    if (factorSet.has(name) || isTextColumn(cells)) {
      if (!factorSet.has(name))
        warnings.push(`Context variable "${name}" holds text and is treated as a factor.`);
      for (const regressor of factorRegressors(table, name, sign, order, dates, window, decomposition)) {
        regressors.push(regressor);
      }
    } else {
      regressors.push({
        name,
        kind: "context",
        values: readNumeric(name, "context_vars", false),
        sign,
        mediaIndex: -1,
      });
    }
  }

  const spends = settings.paid_media_spends;
  const vars = settings.paid_media_vars ?? spends;
  let totalPaidSpend = 0;
  for (const [i, spendName] of spends.entries()) {
    const spend = readNumeric(spendName, "paid_media_spends", true);
    const varName = vars[i]!;
    const usesExposure = varName !== spendName;
    const raw = usesExposure ? readNumeric(varName, "paid_media_vars", true) : spend;
    const totalSpend = windowSum(spend, window);
    requireActiveInWindow(totalSpend, spendName, "paid_media_spends", windowScope);
    let cpeWindow = 1;
    let values = raw;
    if (usesExposure) {
      const totalExposure = windowSum(raw, window);
      requireActiveInWindow(totalExposure, varName, "paid_media_vars", windowScope);
      // Robyn 3.12 models exposures in spend units: exposure × (window spend / window exposure).
      cpeWindow = totalSpend / totalExposure;
      values = raw.map((v) => v * cpeWindow);
    }
    totalPaidSpend += totalSpend;
    media.push({
      name: varName,
      paid: true,
      spendName,
      exposureName: usesExposure ? varName : null,
      regressorIndex: -1,
      spend,
      cpeWindow,
      totalSpend,
      meanSpend: totalSpend / window.length,
      spendShare: 0,
      meanExposure: windowSum(raw, window) / window.length,
    });
    regressors.push({
      name: varName,
      kind: "paid",
      values,
      sign: settings.paid_media_signs?.[i] ?? "positive",
      mediaIndex: media.length - 1,
    });
  }
  for (const channel of media) channel.spendShare = channel.totalSpend / totalPaidSpend;

  for (const [i, name] of settings.organic_vars.entries()) {
    const values = readNumeric(name, "organic_vars", false);
    requireActiveInWindow(windowSum(values, window), name, "organic_vars", windowScope);
    media.push({
      name,
      paid: false,
      spendName: null,
      exposureName: null,
      regressorIndex: -1,
      spend: null,
      cpeWindow: 1,
      totalSpend: Number.NaN,
      meanSpend: Number.NaN,
      spendShare: Number.NaN,
      meanExposure: windowSum(values, window) / window.length,
    });
    regressors.push({
      name,
      kind: "organic",
      values,
      sign: settings.organic_signs?.[i] ?? "positive",
      mediaIndex: media.length - 1,
    });
  }
  regressors.forEach((regressor, index) => {
    if (regressor.mediaIndex >= 0) media[regressor.mediaIndex]!.regressorIndex = index;
  });

  // Robyn checks variation again on the model's columns inside the window (after feature engineering).
  for (const regressor of regressors) {
    const role: ColumnRole = ROLE_OF_KIND[regressor.kind];
    requireVariation(regressor.values, regressor.name, role, window.start, window.end + 1, windowScope);
  }
  if (window.length < 10 * regressors.length) {
    warnings.push(
      `The window has ${window.length} rows for ${regressors.length} variables; Robyn recommends at least 10 rows ` +
        `per variable (${10 * regressors.length}). Consider a longer window or fewer variables.`,
    );
  }

  return {
    dateVar: rows.dateVar,
    depVarName: settings.dep_var,
    depVarType: settings.dep_var_type,
    dates,
    depVar,
    interval,
    window,
    regressors,
    media,
    adstock: settings.adstock,
    intercept: settings.intercept,
    interceptSign: settings.intercept_sign,
    rssdZeroPenalty: settings.rssd_zero_penalty,
    lambdaMax: lambdaMax(
      depVar,
      regressors.map((r) => r.values),
    ),
    lambdaMinRatio: LAMBDA_MIN_RATIO,
    warnings,
  };
}

const ROLE_OF_KIND: Record<RegressorKind, ColumnRole> = {
  prophet: "prophet_vars",
  context: "context_vars",
  paid: "paid_media_vars",
  organic: "organic_vars",
};

function windowSum(values: Float64Array, window: ModelWindow): number {
  let sum = 0;
  for (let t = window.start; t <= window.end; t++) sum += values[t]!;
  return sum;
}

function requireActiveInWindow(total: number, name: string, role: ColumnRole, scope: string): void {
  if (total !== 0) return;
  throw invalidInput(
    role,
    `Media column "${name}" is zero in every period ${scope}, so its effect cannot be measured. Remove it from ` +
      `${role}, or move the window to a period where it was active.`,
    { column: name },
  );
}

/** Runs the native Prophet-style decomposition once: every component and every text factor's effect. */
function runProphet(
  prophet: ProphetProvider | undefined,
  settings: ModelSettings,
  table: Table,
  order: readonly number[],
  dates: string[],
  depVar: Float64Array,
  interval: Interval,
): ProphetResult {
  if (!prophet) {
    throw invalidInput(
      "prophet",
      `prophet_vars (${settings.prophet_vars.join(", ")}) need the Prophet decomposition, which is not available here: ` +
        `set "prophet": "precomputed" and supply the columns, or remove prophet_vars.`,
    );
  }
  const factors = settings.factor_vars
    .filter((name) => isTextColumn(requireColumn(table, name, "factor_vars")))
    .map((name) => ({ name, values: factorLevels(table, name, order, dates) }));
  return prophet({
    dates,
    y: depVar,
    interval: interval.type,
    components: settings.prophet_vars,
    country: settings.country,
    factors,
  });
}

function factorLevels(
  table: Table,
  name: string,
  order: readonly number[],
  dates: readonly string[],
): string[] {
  const cells = table.data[name]!;
  return order.map((row, i) => {
    const cell = cells[row];
    if (cell === null || cell === undefined) {
      throw factorError(name, `has a missing value on ${dates[i]}: give every period a level (e.g. "none").`);
    }
    return String(cell);
  });
}

/**
 * A factor variable becomes regressors. With native Prophet: one "event effect" series from the Prophet fit
 * (Robyn §1.6). Otherwise: one 0/1 column per level except the last in sorted order (`lares::ohse`), unless
 * the column is already numeric (an effect series computed elsewhere), which is used as it is.
 */
function factorRegressors(
  table: Table,
  name: string,
  sign: Sign,
  order: readonly number[],
  dates: readonly string[],
  window: ModelWindow,
  decomposition: ProphetResult | undefined,
): Regressor[] {
  const cells = requireColumn(table, name, "factor_vars");
  if (!isTextColumn(cells)) {
    const values = numericColumn(table, name, "factor_vars", order, dates, false);
    return [{ name, kind: "context", values, sign, mediaIndex: -1 }];
  }
  const levelsByRow = factorLevels(table, name, order, dates);
  const levels = [...new Set(levelsByRow)].sort();
  if (levels.length < 2) {
    throw factorError(name, `has only one level ("${levels[0]}"), so it cannot explain anything: remove it.`);
  }
  if (decomposition) {
    const effect = decomposition.factors[name];
    if (!effect)
      throw factorError(name, "could not be turned into an effect series by the Prophet decomposition.");
    return [{ name, kind: "context", values: effect, sign, mediaIndex: -1 }];
  }
  // Like `lares::ohse` on the window rows: dummies without variation inside the window are dropped.
  const dummies = levels.slice(0, -1).map((level) => ({
    name: `${name}_${level}`,
    kind: "context" as const,
    values: Float64Array.from(levelsByRow, (value) => (value === level ? 1 : 0)),
    sign,
    mediaIndex: -1,
  }));
  const varying = dummies.filter(({ values }) =>
    values.subarray(window.start, window.end + 1).some((v) => v !== values[window.start]),
  );
  if (varying.length === 0) {
    throw factorError(
      name,
      `takes a single level throughout the modelling window, so it cannot explain anything: remove it.`,
    );
  }
  return varying;
}
