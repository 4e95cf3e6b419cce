/**
 * The RunSpec of a run started from a saved preparation (`data: { preparation: NAME }`): the preparation
 * sets the country (its market) and the whole variable mapping — date, goal and its type, paid spends with
 * the chosen media responses (derived channels included), organic, context and factor variables — and the
 * request sets everything else (iterations, window, hyperparameters, …). A request that also sets a
 * mapping field is refused rather than silently overridden: the run must train on what was prepared. The one
 * choice left is the goal: `dep_var` may name one of the preparation's secondary goals (its type comes with
 * it), so the same prepared data can be modelled against conversions as well as revenue. The main goal is
 * then an unused column of the data, as a secondary goal is otherwise; the regressors stay the same.
 */
import { invalidInput } from "../../common/errors.ts";
import type { RunSpecInput } from "../run-spec.ts";
import type { Preparation, PreparationGoal } from "./preparation.ts";

export const PREPARED_SPEC_FIELDS = [
  "date_var",
  "dep_var",
  "dep_var_type",
  "paid_media_spends",
  "paid_media_vars",
  "organic_vars",
  "context_vars",
  "factor_vars",
] as const;

/** The preparation's name when the spec starts from one. */
export function preparationNameOf(spec: { data?: unknown }): string | undefined {
  const data = spec.data;
  if (typeof data !== "object" || data === null || !("preparation" in data)) return undefined;
  const name = (data as { preparation: unknown }).preparation;
  if (typeof name !== "string" || name.trim() === "")
    throw invalidInput("data.preparation", "Name the saved preparation to start from.");
  return name.trim();
}

export function specFromPreparation<S extends Partial<RunSpecInput>>(
  spec: S,
  preparation: Preparation,
): S & Pick<RunSpecInput, (typeof PREPARED_SPEC_FIELDS)[number] | "country" | "data"> {
  const goal = goalOf(spec.dep_var, preparation);
  for (const field of PREPARED_SPEC_FIELDS) {
    if (field === "dep_var") continue;
    if (spec[field] !== undefined)
      throw invalidInput(
        field,
        `Preparation ${preparation.name} sets ${field}: leave it out, or save a preparation with the mapping you want.`,
      );
  }
  if (spec.country !== undefined && String(spec.country).toUpperCase() !== preparation.market)
    throw invalidInput(
      "country",
      `Preparation ${preparation.name} is for market ${preparation.market}, not ${String(spec.country).toUpperCase()}.`,
    );
  return {
    ...spec,
    country: preparation.market,
    data: { preparation: preparation.name },
    date_var: preparation.date_column,
    dep_var: goal.column,
    dep_var_type: goal.type,
    paid_media_spends: preparation.paid_media.map((p) => p.spend),
    paid_media_vars: preparation.paid_media.map((p) => p.response),
    organic_vars: [...preparation.organic_vars],
    context_vars: [...preparation.context_vars],
    factor_vars: [...preparation.factor_vars],
  };
}

/** The goal a run from the preparation explains: the main one, or the secondary goal `dep_var` names. */
export function goalOf(depVar: unknown, preparation: Preparation): PreparationGoal {
  if (depVar === undefined || depVar === preparation.goal.column) return preparation.goal;
  const secondary = preparation.secondary_goals.find((g) => g.column === depVar);
  if (secondary !== undefined) return secondary;
  const goals = [preparation.goal, ...preparation.secondary_goals].map((g) => g.column).join(", ");
  throw invalidInput(
    "dep_var",
    preparation.secondary_goals.length === 0
      ? `Preparation ${preparation.name} has one goal, ${preparation.goal.column}: leave dep_var out, or save a preparation with ${String(depVar)} as a secondary goal.`
      : `Preparation ${preparation.name} can explain ${goals}, not ${String(depVar)}: choose one of them, or save a preparation with it as a secondary goal.`,
  );
}
