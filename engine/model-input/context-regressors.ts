/**
 * Context variables (Robyn's `context_vars`): numeric columns as they are, and factor variables (declared,
 * or text columns) through `factor-regressors.ts`.
 */
import { isTextColumn, requireColumn } from "../data/column-checks.ts";
import { factorRegressors } from "./factor-regressors.ts";
import type { InputColumns } from "./input-columns.ts";
import type { ModelSettings, ProphetResult } from "./model-settings.ts";
import type { Regressor } from "./regressor.ts";

export function contextRegressors(
  columns: InputColumns,
  settings: ModelSettings,
  decomposition: ProphetResult | undefined,
): Regressor[] {
  const factorSet = new Set(settings.factor_vars);
  const regressors: Regressor[] = [];
  for (const [i, name] of settings.context_vars.entries()) {
    const sign = settings.context_signs?.[i] ?? "default";
    const cells = requireColumn(columns.table, name, "context_vars");
    if (factorSet.has(name) || isTextColumn(cells)) {
      if (!factorSet.has(name))
        columns.warnings.push(`Context variable "${name}" holds text and is treated as a factor.`);
      for (const regressor of factorRegressors(columns, name, sign, decomposition))
        regressors.push(regressor);
    } else {
      regressors.push({
        name,
        kind: "context",
        values: columns.numeric(name, "context_vars", false),
        sign,
        mediaIndex: -1,
      });
    }
  }
  return regressors;
}
