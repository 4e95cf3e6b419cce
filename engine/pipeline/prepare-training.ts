/**
 * Everything a training run checks and prepares before the search: the model input (every data rule),
 * the calibration studies, the search space (hyperparameter names and limits) and whether the budget can
 * yield enough Pareto candidates. The app runs the same function before it launches anything, so bad
 * input is refused in Slack or the API instead of failing in the trainer.
 */
import { invalidInput } from "../../common/errors.ts";
import { prepareCalibrationStudies } from "../calibration/studies.ts";
import { buildModelInput } from "../model-input/model-input.ts";
import type { ProphetProvider } from "../model-input/model-settings.ts";
import type { SearchSetup } from "../search/candidate-evaluator.ts";
import { SearchSpace } from "../search/search-space.ts";
import type { Table } from "../../common/table.ts";
import type { TrainSettings } from "./train-settings.ts";

export const ONE_MODEL_NOTE =
  "Every hyperparameter is fixed, so one model is fitted (as Robyn does): iterations and trials do not apply.";

/** Robyn's quantile filter keeps about 90% of the candidates for the Pareto fronts. */
const FILTER_KEEPS = 0.9;

export interface PreparedTraining {
  setup: SearchSetup;
  warnings: string[];
}

export function prepareTraining(
  table: Table,
  settings: TrainSettings,
  prophet?: ProphetProvider,
): PreparedTraining {
  const input = buildModelInput(table, settings, prophet);
  const warnings = [...input.warnings];
  const studies = prepareCalibrationStudies(settings.calibration_input, input, warnings);
  const space = {
    hyperparameters: settings.hyperparameters,
    preset: settings.hyperparameter_preset,
    tsValidation: settings.ts_validation,
    addPenaltyFactor: settings.add_penalty_factor ?? false,
  };
  const searchSpace = new SearchSpace(input, space);
  if (searchSpace.allFixed) warnings.push(ONE_MODEL_NOTE);
  const candidates = settings.iterations * settings.trials;
  if (
    searchSpace.dimension > 0 &&
    settings.pareto_fronts === "auto" &&
    studies.length === 0 &&
    Math.floor(candidates * FILTER_KEEPS) <= settings.min_candidates
  ) {
    throw invalidInput(
      "iterations",
      `${settings.iterations} iterations x ${settings.trials} trials give ${candidates} candidate models, of which about ` +
        `${Math.floor(candidates * FILTER_KEEPS)} pass Robyn's quality filter: not more than min_candidates (${settings.min_candidates}). ` +
        `Raise iterations or trials, or lower min_candidates.`,
    );
  }
  // A refresh measures DECOMP.RSSD against the parent's decomposition, over the refresh window.
  const refresh = settings.refresh && {
    decomposition: settings.refresh.parent.decomposition,
    steps: settings.refresh.steps,
    windowLength: input.window.length,
  };
  return { setup: { input, studies, space, ...(refresh ? { refresh } : {}) }, warnings };
}
