/** Worker thread: the per-model matrices' text for the slices of Pareto models it is sent. */
import { workerData } from "node:worker_threads";
import type { SearchSetup } from "../search/candidate-evaluator.ts";
import { answerRequests } from "../workers/worker-thread.ts";
import { matrixText, type MatrixSlice, type MatrixText } from "./matrix-text.ts";

const setup = workerData as SearchSetup;

answerRequests<MatrixSlice, MatrixText>((slice) => {
  const text = matrixText(setup, slice);
  return { value: text, transfer: [text.mediaTransform.buffer, text.allDecomp.buffer] };
});
