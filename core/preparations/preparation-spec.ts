/**
 * The RunSpec of a run started from a saved preparation (`data: { preparation: NAME }`): the preparation
 * sets the country (its market) and the whole variable mapping — date, goal and its type, paid spends with
 * the chosen media responses (derived channels included), organic, context and factor variables — and the
 * request sets everything else (iterations, window, hyperparameters, …). A request that also sets a
 * mapping field is refused rather than silently overridden: the run must train on what was prepared.
 */
import { invalidInput } from "../../common/errors.ts";
import type { RunSpecInput } from "../run-spec.ts";
import type { Preparation } from "./preparation.ts";

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
  for (const field of PREPARED_SPEC_FIELDS) {
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
    dep_var: preparation.goal.column,
    dep_var_type: preparation.goal.type,
    paid_media_spends: preparation.paid_media.map((p) => p.spend),
    paid_media_vars: preparation.paid_media.map((p) => p.response),
    organic_vars: [...preparation.organic_vars],
    context_vars: [...preparation.context_vars],
    factor_vars: [...preparation.factor_vars],
  };
}
