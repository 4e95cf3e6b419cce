/** Worker thread: builds an evaluator from the setup it was started with and answers batch requests. */
import { workerData } from "node:worker_threads";
import { answerRequests } from "../workers/worker-thread.ts";
import { CandidateEvaluator, type SearchSetup } from "./candidate-evaluator.ts";

export interface EvaluationRequest {
  units: Float64Array;
  count: number;
}

const evaluator = new CandidateEvaluator(workerData as SearchSetup);

answerRequests<EvaluationRequest, Float64Array>(({ units, count }) => {
  const rows = new Float64Array(count * evaluator.width);
  evaluator.evaluateBatch(units, count, rows);
  return { value: rows, transfer: [rows.buffer] };
});
