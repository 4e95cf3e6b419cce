/**
 * The per-model matrices' text, slice by slice in the Pareto models' order, made by worker threads when
 * there are several: formatting is the largest cost after the search (see `matrix-text.ts`), and the
 * search's cores are free again by then. At most two slices per thread are in flight, so memory holds a
 * few slices' text, never the whole matrices.
 */
import type { TrainingResult } from "../pipeline/train-models.ts";
import { startWorkerThread, type WorkerThread } from "../workers/worker-thread.ts";
import { matrixText, type MatrixSlice, type MatrixText } from "./matrix-text.ts";

/** Slices per thread: small enough to balance the threads' work, large enough to pay for a message. */
const SLICES_PER_THREAD = 8;
const IN_FLIGHT_PER_THREAD = 2;

export async function* paretoMatrixText(
  result: Pick<TrainingResult, "setup" | "candidates" | "paretoModels">,
  workers: number,
): AsyncGenerator<MatrixText> {
  const slices = sliceModels(result, Math.max(1, workers) * SLICES_PER_THREAD);
  if (workers <= 1 || slices.length <= 1) {
    for (const slice of slices) yield matrixText(result.setup, slice);
    return;
  }
  const threads = await Promise.all(
    Array.from({ length: Math.min(workers, slices.length) }, () =>
      startWorkerThread<MatrixSlice, MatrixText>(import.meta.url, "matrix-text-worker", result.setup),
    ),
  );
  try {
    yield* inOrder(threads, slices);
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}

async function* inOrder(
  threads: WorkerThread<MatrixSlice, MatrixText>[],
  slices: MatrixSlice[],
): AsyncGenerator<MatrixText> {
  const inFlight: Promise<MatrixText>[] = [];
  let sent = 0;
  const send = () => {
    const slice = slices[sent]!;
    const answer = threads[sent % threads.length]!.request(slice, [slice.units.buffer]);
    // Awaited in order below; a later slice's failure must not surface first as an unhandled rejection.
    answer.catch(() => undefined);
    inFlight.push(answer);
    sent += 1;
  };
  while (sent < slices.length && inFlight.length < threads.length * IN_FLIGHT_PER_THREAD) send();
  while (inFlight.length > 0) {
    const text = await inFlight.shift()!;
    if (sent < slices.length) send();
    yield text;
  }
}

function sliceModels(
  result: Pick<TrainingResult, "candidates" | "paretoModels">,
  count: number,
): MatrixSlice[] {
  const { units, dimension } = result.candidates;
  const models = result.paretoModels;
  const size = Math.max(1, Math.ceil(models.length / count));
  const slices: MatrixSlice[] = [];
  for (let from = 0; from < models.length; from += size) {
    const slice = models.slice(from, from + size);
    const sliceUnits = new Float64Array(slice.length * dimension);
    for (const [i, model] of slice.entries())
      sliceUnits.set(units.subarray(model.index * dimension, (model.index + 1) * dimension), i * dimension);
    slices.push({
      units: sliceUnits,
      dimension,
      models: slice.map(({ solID, cluster, topSol }) => ({ solID, cluster, topSol })),
    });
  }
  return slices;
}
