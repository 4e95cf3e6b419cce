/**
 * Factor variables (Robyn's `factor_vars`; method notes §1.6): text columns whose levels become regressors,
 * through the Prophet fit's effect series or as 0/1 columns.
 */
import { factorError, isTextColumn, numericColumn, requireColumn } from "../data/column-checks.ts";
import type { InputColumns } from "./input-columns.ts";
import type { ProphetResult, Sign } from "./model-settings.ts";
import type { Regressor } from "./regressor.ts";

/** The factor's level in each period (date order); a missing level is an error naming the date. */
export function factorLevels(columns: InputColumns, name: string): string[] {
  const cells = columns.table.data[name]!;
  return columns.order.map((row, i) => {
    const cell = cells[row];
    if (cell === null || cell === undefined) {
      throw factorError(
        name,
        `has a missing value on ${columns.dates[i]}: give every period a level (e.g. "none").`,
      );
    }
    return String(cell);
  });
}

/**
 * A factor variable becomes regressors. With native Prophet: one "event effect" series from the Prophet fit
 * (Robyn §1.6). Otherwise: one 0/1 column per level except the last in sorted order (`lares::ohse`), unless
 * the column is already numeric (an effect series computed elsewhere), which is used as it is.
 */
export function factorRegressors(
  columns: InputColumns,
  name: string,
  sign: Sign,
  decomposition: ProphetResult | undefined,
): Regressor[] {
  const { table, order, dates, window } = columns;
  const cells = requireColumn(table, name, "factor_vars");
  if (!isTextColumn(cells)) {
    const values = numericColumn(table, name, "factor_vars", order, dates, false);
    return [{ name, kind: "context", values, sign, mediaIndex: -1 }];
  }
  const levelsByRow = factorLevels(columns, name);
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
