/** The settings a new train modal starts with, or those of the run being re-run. */
import { presetOf, type SettingsValues } from "../blocks/settings-modal.ts";
import { keptHyperparameters } from "./run-request.ts";
import type { TrainDraft } from "./train-draft.ts";

export const DEFAULT_PROPHET_VARS = ["trend", "season", "holiday"] as const;

export function initialSettings(draft: TrainDraft): SettingsValues {
  const base = draft.base ?? {};
  const { mapping: _mapping, ...settings } = base;
  const mapping = draft.mapping;
  const hyperparameters =
    settings.hyperparameters && mapping
      ? keptHyperparameters(settings.hyperparameters, [...mapping.paid_media_vars, ...mapping.organic_vars])
      : settings.hyperparameters;
  const values: SettingsValues = {
    ...settings,
    ...(hyperparameters ? { hyperparameters } : {}),
    prophet_vars: settings.prophet_vars ?? [...DEFAULT_PROPHET_VARS],
  };
  const preset = presetOf(values);
  return {
    ...values,
    preset,
    ...(preset === "benchmark" && values.iterations === undefined ? { iterations: 2000, trials: 5 } : {}),
  };
}
