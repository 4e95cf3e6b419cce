/**
 * The search: `trials` independent runs of the multi-objective DE, each with `iterations` candidates
 * (Robyn `robyn_train` / `robyn_mmm`; method notes §4.3). Trial t draws from its own random stream forked
 * from the run's seed, so trials are reproducible on their own. All trials advance one generation at a
 * time together, so each batch sent to the workers is large and the search is deterministic for any
 * number of workers.
 */
import { COLUMN, type SearchSetup } from "./candidate-evaluator.ts";
import type { EvaluationPool } from "./evaluation-pool.ts";
import { createRng } from "./rng.ts";
import { SearchSpace } from "./search-space.ts";
import { TwoPointsDE } from "./two-points-de.ts";

export interface SearchOptions {
  iterations: number;
  trials: number;
  seed: number;
  objectiveWeights?: readonly number[];
  populationSize?: number;
  /**
   * The trials to run (1-based), for a shard of a sharded run; default all of 1..trials. A trial's
   * results do not depend on which other trials run with it.
   */
  trialNumbers?: readonly number[];
  /** Called after every generation. */
  onProgress?: (progress: SearchProgress) => void;
  /** Stops the search between generations. */
  signal?: AbortSignal;
}

export interface SearchProgress {
  done: number;
  total: number;
  bestNrmse: number;
  bestDecompRssd: number;
  elapsedSeconds: number;
  etaSeconds: number;
}

/** Every evaluated candidate, trial-major: candidate `t·iterations + j` is trial t's j-th. */
export interface CandidateTable {
  count: number;
  iterations: number;
  trials: number;
  /** Width of a unit vector and of a result row. */
  dimension: number;
  width: number;
  /** 1-based trial, generation (Robyn's iterNG) and position in the generation (iterPar). */
  trial: Int32Array;
  iterNG: Int32Array;
  iterPar: Int32Array;
  /** Unit vectors, `dimension` values per candidate. */
  units: Float64Array;
  /** Result rows (see `COLUMN` in candidate-evaluator.ts), `width` values per candidate. */
  rows: Float64Array;
}

export async function runSearch(
  setup: SearchSetup,
  pool: EvaluationPool,
  options: SearchOptions,
): Promise<CandidateTable> {
  const space = new SearchSpace(setup.input, setup.space);
  const d = space.dimension;
  const { iterations } = options;
  const trialNumbers = options.trialNumbers ?? Array.from({ length: options.trials }, (_, t) => t + 1);
  const trials = trialNumbers.length;
  const width = (await pool.evaluate(new Float64Array(d), 1)).length;
  const count = iterations * trials;
  const table: CandidateTable = {
    count,
    iterations,
    trials,
    dimension: d,
    width,
    trial: new Int32Array(count),
    iterNG: new Int32Array(count),
    iterPar: new Int32Array(count),
    units: new Float64Array(count * d),
    rows: new Float64Array(count * width),
  };
  const calibrated = setup.studies.length > 0;
  const objectives = calibrated ? 3 : 2;
  const optimisers = trialNumbers.map(
    (trial) =>
      // A fresh root per trial: trial t's stream depends on the seed and t only, so shards reproduce it.
      new TwoPointsDE(d, createRng(options.seed).fork(trial), {
        objectives,
        ...(options.populationSize === undefined ? {} : { populationSize: options.populationSize }),
        ...(options.objectiveWeights
          ? { objectiveWeights: options.objectiveWeights.slice(0, objectives) }
          : {}),
      }),
  );
  const population = optimisers[0]!.populationSize;
  const started = performance.now();
  let bestNrmse = Number.POSITIVE_INFINITY;
  let bestDecompRssd = Number.POSITIVE_INFINITY;
  let done = 0;

  for (let generation = 0; generation * population < iterations; generation++) {
    // Let signals and timers run between generations (an in-thread pool never yields on its own), so a
    // cancel request is seen within one generation.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) throw options.signal.reason ?? new Error("search cancelled");
    const first = generation * population;
    const size = Math.min(population, iterations - first);
    const batch = new Float64Array(trials * size * d);
    optimisers.forEach((optimiser, t) =>
      optimiser.ask(size, batch.subarray(t * size * d, (t + 1) * size * d)),
    );
    const rows = await pool.evaluate(batch, trials * size);

    const losses = new Float64Array(size * objectives);
    optimisers.forEach((optimiser, t) => {
      for (let i = 0; i < size; i++) {
        const row = (t * size + i) * width;
        const index = t * iterations + first + i;
        table.trial[index] = trialNumbers[t]!;
        table.iterNG[index] = generation + 1;
        table.iterPar[index] = i + 1;
        table.units.set(batch.subarray((t * size + i) * d, (t * size + i + 1) * d), index * d);
        table.rows.set(rows.subarray(row, row + width), index * width);
        const nrmse = rows[row + COLUMN.nrmse]!;
        const rssd = rows[row + COLUMN.decompRssd]!;
        losses[i * objectives] = lossOf(nrmse);
        losses[i * objectives + 1] = lossOf(rssd);
        if (calibrated) losses[i * objectives + 2] = lossOf(rows[row + COLUMN.mape]!);
        if (nrmse < bestNrmse) bestNrmse = nrmse;
        if (rssd < bestDecompRssd) bestDecompRssd = rssd;
      }
      optimiser.tell(batch.subarray(t * size * d, (t + 1) * size * d), losses, size);
    });
    done += trials * size;
    const elapsedSeconds = (performance.now() - started) / 1000;
    options.onProgress?.({
      done,
      total: count,
      bestNrmse,
      bestDecompRssd,
      elapsedSeconds,
      etaSeconds: (elapsedSeconds / done) * (count - done),
    });
  }
  return table;
}

/** A failed evaluation (NaN) must never look good to the optimiser. */
function lossOf(value: number): number {
  return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
}
