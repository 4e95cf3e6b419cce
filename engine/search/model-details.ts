/**
 * What the Pareto step keeps of a selected candidate: its aggregates (no window series), hyperparameters
 * and lift-study readings, from re-evaluating its unit vector. Read by the evaluation pool's threads, since
 * a run selects a hundred or more models on long daily data and the search's threads are idle by then.
 */
import { LiftCalibration, type StudyLift } from "../calibration/lift-objective.ts";
import type { ModelHyperparameters } from "../model/hyperparameters.ts";
import { aggregatesOf, buildModelRecord, type ModelAggregates } from "../model/model-record.ts";
import { CandidateEvaluator, type SearchSetup } from "./candidate-evaluator.ts";

export interface ModelDetails {
  record: ModelAggregates;
  hyperparameters: ModelHyperparameters;
  calibration: StudyLift[];
}

export class ModelDetailsReader {
  readonly #evaluator: CandidateEvaluator;
  readonly #lift: LiftCalibration | undefined;

  constructor(setup: SearchSetup) {
    this.#evaluator = new CandidateEvaluator(setup);
    this.#lift =
      setup.studies.length > 0 ? new LiftCalibration(setup.studies, setup.input.dates.length) : undefined;
  }

  /** The details of the models whose unit vectors sit one after another in `units`. */
  read(units: Float64Array, solIDs: readonly string[]): ModelDetails[] {
    const candidate = this.#evaluator;
    const dimension = candidate.space.dimension;
    return solIDs.map((solID, i) => {
      candidate.evaluateOne(units, i * dimension);
      const { evaluator, hyperparameters, fit } = candidate;
      return {
        record: aggregatesOf(buildModelRecord(evaluator, hyperparameters, fit, solID)),
        hyperparameters: structuredClone(hyperparameters),
        calibration: this.#lift?.studyLifts(evaluator, hyperparameters, fit) ?? [],
      };
    });
  }
}
