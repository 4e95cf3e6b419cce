/** Worker thread: builds an evaluator from the setup it was started with and answers batch requests. */
import { parentPort, workerData } from "node:worker_threads";
import { CandidateEvaluator, type SearchSetup } from "./candidate-evaluator.ts";

const evaluator = new CandidateEvaluator(workerData as SearchSetup);

parentPort!.on("message", ({ units, count }: { units: Float64Array; count: number }) => {
  try {
    const rows = new Float64Array(count * evaluator.width);
    evaluator.evaluateBatch(units, count, rows);
    parentPort!.postMessage({ rows }, [rows.buffer]);
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message });
  }
});
