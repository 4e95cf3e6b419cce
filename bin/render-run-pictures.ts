/** The pictures of a finished run (one-pagers of the cluster-top models, the Pareto front); see engine/report. */
import type { ModelSummary } from "../engine/train/model-summary.ts";
import type { TrainingResult } from "../engine/train/train-models.ts";

export async function renderRunPictures(
  _result: TrainingResult,
  _summary: ModelSummary,
): Promise<Record<string, Buffer>> {
  return {};
}
