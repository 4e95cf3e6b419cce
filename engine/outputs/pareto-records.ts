/**
 * The full records (window series included) of selected models, rebuilt one at a time by re-evaluating
 * each model's candidate: the training result keeps only their aggregates, so a reader holds one model's
 * series at a time however many Pareto models and days there are. Evaluation is deterministic, so the
 * rebuilt record equals the one the Pareto step saw.
 */
import { buildModelRecord, type ModelRecord } from "../model/model-record.ts";
import { CandidateEvaluator } from "../search/candidate-evaluator.ts";
import type { ParetoModel, TrainingResult } from "../pipeline/train-models.ts";

export function* paretoRecords(
  result: Pick<TrainingResult, "setup" | "candidates">,
  models: readonly ParetoModel[],
): Generator<[ParetoModel, ModelRecord]> {
  if (models.length === 0) return;
  const { candidates } = result;
  const evaluator = new CandidateEvaluator(result.setup);
  for (const model of models) {
    evaluator.evaluateOne(candidates.units, model.index * candidates.dimension);
    yield [
      model,
      buildModelRecord(evaluator.evaluator, evaluator.hyperparameters, evaluator.fit, model.solID),
    ];
  }
}
