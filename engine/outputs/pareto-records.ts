/**
 * The full records (window series included) of selected models, rebuilt one at a time by re-evaluating
 * each model's candidate: the training result keeps only their aggregates, so a reader holds one model's
 * series at a time however many Pareto models and days there are. Evaluation is deterministic, so the
 * rebuilt record equals the one the Pareto step saw.
 */
import { buildModelRecord, type ModelRecord } from "../model/model-record.ts";
import { CandidateEvaluator, type SearchSetup } from "../search/candidate-evaluator.ts";
import type { ParetoModel, TrainingResult } from "../pipeline/train-models.ts";

export function* paretoRecords(
  result: Pick<TrainingResult, "setup" | "candidates">,
  models: readonly ParetoModel[],
): Generator<[ParetoModel, ModelRecord]> {
  const { units, dimension } = result.candidates;
  yield* recordsAt(result.setup, units, models, (model) => model.index * dimension);
}

/** The records of models whose unit vectors sit in `units`, each at `offset(model, i)`. */
export function* recordsAt<Model extends { solID: string }>(
  setup: SearchSetup,
  units: Float64Array,
  models: readonly Model[],
  offset: (model: Model, i: number) => number,
): Generator<[Model, ModelRecord]> {
  if (models.length === 0) return;
  const evaluator = new CandidateEvaluator(setup);
  for (const [i, model] of models.entries()) {
    evaluator.evaluateOne(units, offset(model, i));
    yield [
      model,
      buildModelRecord(evaluator.evaluator, evaluator.hyperparameters, evaluator.fit, model.solID),
    ];
  }
}
