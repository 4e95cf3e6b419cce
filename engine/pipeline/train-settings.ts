/**
 * What a training run is asked to do: the model settings plus the search, selection and data
 * preparation settings (a RunSpec as the engine sees it).
 */
import type { CalibrationStudyInput } from "../calibration/studies.ts";
import type { PreparationSettings } from "../data/preparation-options.ts";
import type { ModelSettings } from "../model-input/model-settings.ts";
import type { RefreshSettings } from "../refresh/refresh-settings.ts";
import type { HyperparameterPreset } from "../search/default-ranges.ts";

export interface TrainSettings extends ModelSettings {
  hyperparameters: Readonly<Record<string, number | readonly [number, number]>>;
  hyperparameter_preset: HyperparameterPreset;
  /** Robyn's `add_penalty_factor`: search a penalty factor per model column (default false). */
  add_penalty_factor?: boolean;
  iterations: number;
  trials: number;
  seed: number;
  ts_validation: boolean;
  objective_weights?: readonly number[] | undefined;
  calibration_input: readonly CalibrationStudyInput[];
  pareto_fronts: "auto" | number;
  min_candidates: number;
  calibration_constraint: number;
  /** Plausible ROI per paid channel for the health checks, [low, high] (absent: `DEFAULT_ROI_BAND`). */
  roi_band?: readonly [number, number] | undefined;
  /** Data preparation before the model (`prepareData`; the trainer applies it): absent = none. */
  resample?: PreparationSettings["resample"];
  week_start?: PreparationSettings["week_start"];
  aggregations?: PreparationSettings["aggregations"];
  data?: PreparationSettings["data"];
  /** ISO 4217 code of the money columns (the spec's `currency`), for the pictures' labels. */
  currency?: string | undefined;
  /** A refresh of another run's model (`refresh/refresh-spec.ts`): absent for an initial model. */
  refresh?: RefreshSettings | undefined;
}
