/**
 * Where candidates are evaluated: in this thread, or spread over worker threads. Either way a batch's rows
 * (and selected models' details) come back in the batch's order, so results never depend on the number of
 * workers.
 */
import { startWorkerThread, type WorkerThread } from "../workers/worker-thread.ts";
import { CandidateEvaluator, type SearchSetup } from "./candidate-evaluator.ts";
import type { EvaluationRequest } from "./evaluation-worker.ts";
import { ModelDetailsReader, type ModelDetails } from "./model-details.ts";

export interface EvaluationPool {
  readonly workers: number;
  /** Evaluates `count` unit vectors (laid out one after another); resolves to their result rows. */
  evaluate(units: Float64Array, count: number): Promise<Float64Array>;
  /** The details of the models whose unit vectors are laid out one after another, one per solID. */
  details(units: Float64Array, solIDs: readonly string[]): Promise<ModelDetails[]>;
  close(): Promise<void>;
}

export function inProcessPool(setup: SearchSetup): EvaluationPool {
  const evaluator = new CandidateEvaluator(setup);
  let details: ModelDetailsReader | undefined;
  return {
    workers: 1,
    evaluate: async (units, count) => {
      const out = new Float64Array(count * evaluator.width);
      evaluator.evaluateBatch(units, count, out);
      return out;
    },
    details: async (units, solIDs) => {
      details ??= new ModelDetailsReader(setup);
      return details.read(units, solIDs);
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
      startWorkerThread<EvaluationRequest, Float64Array | ModelDetails[]>(
        import.meta.url,
        "evaluation-worker",
        setup,
      ),
    ),
  );
  // Splits `count` items into one contiguous share per thread and asks each thread for its share.
  const spread = (
    count: number,
    ask: (thread: WorkerThread<EvaluationRequest, unknown>, from: number, to: number) => Promise<void>,
  ) => {
    const perThread = Math.ceil(count / threads.length);
    return Promise.all(
      threads.map(async (thread, t) => {
        const from = t * perThread;
        const to = Math.min(count, from + perThread);
        if (from < to) await ask(thread, from, to);
      }),
    );
  };

  return {
    workers,
    evaluate: async (units, count) => {
      const out = new Float64Array(count * width);
      await spread(count, async (thread, from, to) => {
        const chunk = units.slice(from * dimension, to * dimension);
        const rows = (await thread.request({ kind: "rows", units: chunk, count: to - from }, [
          chunk.buffer,
        ])) as Float64Array;
        out.set(rows, from * width);
      });
      return out;
    },
    details: async (units, solIDs) => {
      const out = new Array<ModelDetails>(solIDs.length);
      await spread(solIDs.length, async (thread, from, to) => {
        const chunk = units.slice(from * dimension, to * dimension);
        const details = (await thread.request(
          { kind: "details", units: chunk, solIDs: solIDs.slice(from, to) },
          [chunk.buffer],
        )) as ModelDetails[];
        details.forEach((model, i) => (out[from + i] = model));
      });
      return out;
    },
    close: async () => {
      await Promise.all(threads.map((thread) => thread.terminate()));
    },
  };
}
