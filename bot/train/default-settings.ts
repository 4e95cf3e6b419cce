/** The settings a new train modal starts with, or those of the run being re-run. */
import { presetOf, type SettingsValues } from "../blocks/settings-modal.ts";
import type { TrainDraft } from "./train-draft.ts";

export const DEFAULT_PROPHET_VARS = ["trend", "season", "holiday"] as const;

export function initialSettings(draft: TrainDraft): SettingsValues {
  const base = draft.base ?? {};
  const { mapping: _mapping, ...settings } = base;
  const values: SettingsValues = {
    ...settings,
    prophet_vars: settings.prophet_vars ?? [...DEFAULT_PROPHET_VARS],
  };
  const preset = presetOf(values);
  return {
    ...values,
    preset,
    ...(preset === "benchmark" && values.iterations === undefined ? { iterations: 2000, trials: 5 } : {}),
  };
}
