/**
 * Worker thread: builds an evaluator from the setup it was started with and answers requests: result rows
 * for a batch of candidates (the search), or the details of selected models (the Pareto step).
 */
import { workerData } from "node:worker_threads";
import { answerRequests } from "../workers/worker-thread.ts";
import { CandidateEvaluator, type SearchSetup } from "./candidate-evaluator.ts";
import { ModelDetailsReader, type ModelDetails } from "./model-details.ts";

export type EvaluationRequest =
  | { kind: "rows"; units: Float64Array; count: number }
  | { kind: "details"; units: Float64Array; solIDs: string[] };

const setup = workerData as SearchSetup;
const evaluator = new CandidateEvaluator(setup);
let details: ModelDetailsReader | undefined;

answerRequests<EvaluationRequest, Float64Array | ModelDetails[]>((request) => {
  if (request.kind === "details") {
    details ??= new ModelDetailsReader(setup);
    return { value: details.read(request.units, request.solIDs) };
  }
  const rows = new Float64Array(request.count * evaluator.width);
  evaluator.evaluateBatch(request.units, request.count, rows);
  return { value: rows, transfer: [rows.buffer] };
});
