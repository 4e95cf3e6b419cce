/**
 * From a data table and the model settings to `ModelInput`, the engine's equivalent of Robyn's
 * `InputCollect` + `dt_mod` (`robyn_inputs`, `robyn_engineering`; method notes §1.1–1.8): the dates and
 * the window, the dependent variable, then the regressors of each variable role in Robyn's order (Prophet
 * components `prophet-regressors.ts`, context and factor variables `context-regressors.ts`, paid media
 * `paid-media.ts`, organic media `organic-media.ts`), the checks across them, and lambda's scale. Every
 * rule that rejects data names the column and the fix.
 */
import type { Table } from "../../common/table.ts";
import { requireVariation, type ColumnRole } from "../data/column-checks.ts";
import { readDatedRows } from "../data/date-column.ts";
import type { Interval } from "../data/interval.ts";
import { contextRegressors } from "./context-regressors.ts";
import { inputColumns } from "./input-columns.ts";
import { lambdaMax } from "./lambda-max.ts";
import type { ModelSettings, ProphetProvider } from "./model-settings.ts";
import { organicMedia } from "./organic-media.ts";
import { paidMedia } from "./paid-media.ts";
import { prophetRegressors } from "./prophet-regressors.ts";
import { ROLE_OF_KIND, type MediaChannel, type Regressor } from "./regressor.ts";
import { resolveWindow, windowScope, type ModelWindow } from "./window.ts";

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
  const scope = windowScope(window);
  const columns = inputColumns(table, order, dates, window, warnings);

  const depVar = columns.numeric(settings.dep_var, "dep_var", false);
  requireVariation(depVar, settings.dep_var, "dep_var", window.start, window.end + 1, scope);

  // Robyn's `all_ind_vars` order: prophet, context, paid media, organic (in this order of checks, too).
  const prophetPart = prophetRegressors(columns, settings, depVar, interval, prophet);
  const context = contextRegressors(columns, settings, prophetPart.decomposition);
  const mediaEntries = [...paidMedia(columns, settings), ...organicMedia(columns, settings)];
  const media: MediaChannel[] = mediaEntries.map(({ channel }) => channel);
  mediaEntries.forEach(({ regressor }, index) => (regressor.mediaIndex = index));
  const regressors: Regressor[] = [
    ...prophetPart.regressors,
    ...context,
    ...mediaEntries.map(({ regressor }) => regressor),
  ];
  regressors.forEach((regressor, index) => {
    if (regressor.mediaIndex >= 0) media[regressor.mediaIndex]!.regressorIndex = index;
  });

  // Robyn checks variation again on the model's columns inside the window (after feature engineering).
  for (const regressor of regressors) {
    const role: ColumnRole = ROLE_OF_KIND[regressor.kind];
    requireVariation(regressor.values, regressor.name, role, window.start, window.end + 1, scope);
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
