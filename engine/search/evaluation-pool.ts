/**
 * Where candidates are evaluated: in this thread, or spread over worker threads. Either way a batch's rows
 * come back in the batch's order, so results never depend on the number of workers.
 */
import { startWorkerThread } from "../workers/worker-thread.ts";
import { CandidateEvaluator, type SearchSetup } from "./candidate-evaluator.ts";
import type { EvaluationRequest } from "./evaluation-worker.ts";

export interface EvaluationPool {
  readonly workers: number;
  /** Evaluates `count` unit vectors (laid out one after another); resolves to their result rows. */
  evaluate(units: Float64Array, count: number): Promise<Float64Array>;
  close(): Promise<void>;
}

export function inProcessPool(setup: SearchSetup): EvaluationPool {
  const evaluator = new CandidateEvaluator(setup);
  return {
    workers: 1,
    evaluate: async (units, count) => {
      const out = new Float64Array(count * evaluator.width);
      evaluator.evaluateBatch(units, count, out);
      return out;
    },
    close: async () => undefined,
  };
}

/** A pool of worker threads, each holding its own evaluator built from the same setup. */
export async function threadPool(setup: SearchSetup, workers: number): Promise<EvaluationPool> {
  const { width, space } = new CandidateEvaluator(setup);
  const dimension = space.dimension;
  const threads = await Promise.all(
    Array.from({ length: workers }, () =>
      startWorkerThread<EvaluationRequest, Float64Array>(import.meta.url, "evaluation-worker", setup),
    ),
  );

  return {
    workers,
    evaluate: async (units, count) => {
      const out = new Float64Array(count * width);
      const perThread = Math.ceil(count / threads.length);
      await Promise.all(
        threads.map(async (thread, t) => {
          const from = t * perThread;
          const to = Math.min(count, from + perThread);
          if (from >= to) return;
          const chunk = units.slice(from * dimension, to * dimension);
          const rows = await thread.request({ units: chunk, count: to - from }, [chunk.buffer]);
          out.set(rows, from * width);
        }),
      );
      return out;
    },
    close: async () => {
      await Promise.all(threads.map((thread) => thread.terminate()));
    },
  };
}
