/** The train modal's draft and settings as a `RunRequest` for the lifecycle (one run per country). */
import type { RunRequest } from "../../core/lifecycle/run-lifecycle.ts";
import type { Actor } from "../../core/run.ts";
import { TRAINING_PRESETS } from "../../core/run-spec.ts";
import type { SettingsValues } from "../blocks/settings-modal.ts";
import type { SpecSigns } from "./advanced-settings.ts";
import type { TrainDraft } from "./train-draft.ts";

/** `signs`: the sign lists built against the mapping (`specSigns`). */
export function runRequestOf(
  draft: TrainDraft,
  values: SettingsValues,
  actor: Actor,
  idempotencyKey?: string,
  signs: SpecSigns = {},
): RunRequest {
  const mapping = draft.mapping!;
  const source = draft.source!;
  const { iterations, trials } = values.iterations && values.trials ? values : TRAINING_PRESETS.benchmark;
  const variables = [...mapping.paid_media_vars, ...mapping.organic_vars];
  // What the form's hyperparameter lines say; without them (no form), a re-run keeps the explicit
  // hyperparameters of variables that are still modelled (and train_size, lambda).
  const hyperparameters =
    values.hyperparameters ?? keptHyperparameters(draft.base?.hyperparameters ?? {}, variables);
  const tag = values.tag ?? draft.base?.tag;
  return {
    countries: draft.countries,
    actor,
    ...(tag ? { tag } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
    spec: {
      engine: values.engine ?? "native",
      // A preparation reads its own market's rows: its mapping is the one the draft carries.
      data:
        "preparation" in source
          ? { preparation: source.preparation }
          : {
              ...("table" in source
                ? { table: source.table }
                : "dataset" in source
                  ? { dataset: source.dataset }
                  : { sql: source.sql }),
              ...(mapping.country_column ? { country_column: mapping.country_column } : {}),
            },
      date_var: mapping.date_var,
      dep_var: mapping.dep_var,
      dep_var_type: mapping.dep_var_type,
      paid_media_spends: mapping.paid_media_spends,
      paid_media_vars: mapping.paid_media_vars,
      organic_vars: mapping.organic_vars,
      context_vars: mapping.context_vars,
      factor_vars: mapping.factor_vars,
      prophet_vars: values.prophet_vars ?? [],
      ...(values.window_start ? { window_start: values.window_start } : {}),
      ...(values.window_end ? { window_end: values.window_end } : {}),
      adstock: values.adstock ?? "geometric",
      hyperparameters,
      hyperparameter_preset: values.hyperparameter_preset ?? "robyn_recommended",
      iterations,
      trials,
      ...((values.seed ?? draft.base?.seed) !== undefined ? { seed: values.seed ?? draft.base!.seed! } : {}),
      ...(values.min_candidates !== undefined ? { min_candidates: values.min_candidates } : {}),
      ...signs,
      ts_validation: values.ts_validation ?? false,
      calibration_input: values.calibration_input ?? [],
    },
  };
}

/** The hyperparameters of a re-run whose variables are still modelled (and train_size, lambda). */
export function keptHyperparameters<T>(
  hyperparameters: Readonly<Record<string, T>>,
  variables: readonly string[],
): Record<string, T> {
  return Object.fromEntries(
    Object.entries(hyperparameters).filter(
      ([name]) =>
        name === "train_size" || name === "lambda" || variables.some((v) => name.startsWith(`${v}_`)),
    ),
  );
}
