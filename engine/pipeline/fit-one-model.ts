/**
 * One model from fixed hyperparameters (Robyn's `robyn_run(dt_hyper_fixed = …)`, our `mmm fit`):
 * prepare the inputs, evaluate once, and return the full model record with the warnings met on the way.
 */
import { LiftCalibration, type StudyLift } from "../calibration/lift-objective.ts";
import { prepareCalibrationStudies, type CalibrationStudyInput } from "../calibration/studies.ts";
import { ModelEvaluator } from "../model/evaluator.ts";
import { fixedHyperparameters, type HyperparameterValues } from "../model/fixed-hyperparameters.ts";
import { createModelFit } from "../model/model-fit.ts";
import { buildModelRecord, type ModelRecord } from "../model/model-record.ts";
import { buildModelInput, type ModelInput } from "../model-input/model-input.ts";
import type { ModelSettings, ProphetProvider } from "../model-input/model-settings.ts";
import type { Table } from "../../common/table.ts";

export interface FitSettings extends ModelSettings {
  hyperparameters: HyperparameterValues;
  ts_validation: boolean;
  calibration_input: readonly CalibrationStudyInput[];
}

export interface FitResult {
  record: ModelRecord;
  /** The prepared data the model was fitted on (for queries on the fitted model, such as its response). */
  input: ModelInput;
  /** Each lift study read against the model (empty without `calibration_input`). */
  calibration: StudyLift[];
  warnings: string[];
}

export function fitOneModel(
  table: Table,
  settings: FitSettings,
  prophet?: ProphetProvider,
  solID = "1_1_1",
): FitResult {
  const input = buildModelInput(table, settings, prophet);
  const warnings = [...input.warnings];
  const studies = prepareCalibrationStudies(settings.calibration_input, input, warnings);
  const calibration = studies.length > 0 ? new LiftCalibration(studies, input.dates.length) : undefined;
  const hyperparameters = fixedHyperparameters(settings.hyperparameters, input, settings.ts_validation);
  const evaluator = new ModelEvaluator(input, calibration);
  const fit = createModelFit(input.regressors.length, input.media.length);
  evaluator.evaluate(hyperparameters, fit);
  return {
    record: buildModelRecord(evaluator, hyperparameters, fit, solID),
    input,
    calibration: calibration?.studyLifts(evaluator, hyperparameters, fit) ?? [],
    warnings,
  };
}
