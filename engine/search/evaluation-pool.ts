/**
 * Where candidates are evaluated: in this thread, or spread over worker threads. Either way a batch's rows
 * come back in the batch's order, so results never depend on the number of workers.
 */
import { Worker } from "node:worker_threads";
import { CandidateEvaluator, type SearchSetup } from "./candidate-evaluator.ts";

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

interface PendingChunk {
  resolve: (rows: Float64Array) => void;
  reject: (error: Error) => void;
}

/** A pool of worker threads, each holding its own evaluator built from the same setup. */
export async function threadPool(setup: SearchSetup, workers: number): Promise<EvaluationPool> {
  const width = new CandidateEvaluator(setup).width;
  const dimension = new CandidateEvaluator(setup).space.dimension;
  // Compiled (dist/), the worker's module runs as it is; from source, a shim registers the TypeScript loader.
  const entry = import.meta.url.endsWith(".js") ? "./evaluation-worker.js" : "./evaluation-worker.mjs";
  const threads = await Promise.all(
    Array.from({ length: workers }, async () => {
      const worker = new Worker(new URL(entry, import.meta.url), { workerData: setup });
      const pending: PendingChunk[] = [];
      worker.on("message", (message: { rows?: Float64Array; error?: string }) => {
        const next = pending.shift();
        if (!next) return;
        if (message.error !== undefined) next.reject(new Error(message.error));
        else next.resolve(message.rows!);
      });
      worker.on("error", (error) => {
        for (const chunk of pending.splice(0)) chunk.reject(error);
      });
      await new Promise<void>((resolve, reject) => {
        worker.once("online", () => resolve());
        worker.once("error", reject);
      });
      return { worker, pending };
    }),
  );

  return {
    workers,
    evaluate: async (units, count) => {
      const out = new Float64Array(count * width);
      const perThread = Math.ceil(count / threads.length);
      await Promise.all(
        threads.map(({ worker, pending }, t) => {
          const from = t * perThread;
          const to = Math.min(count, from + perThread);
          if (from >= to) return Promise.resolve();
          const chunk = units.slice(from * dimension, to * dimension);
          return new Promise<void>((resolve, reject) => {
            pending.push({
              resolve: (rows) => {
                out.set(rows, from * width);
                resolve();
              },
              reject,
            });
            worker.postMessage({ units: chunk, count: to - from }, [chunk.buffer]);
          });
        }),
      );
      return out;
    },
    close: async () => {
      await Promise.all(threads.map(({ worker }) => worker.terminate()));
    },
  };
}
