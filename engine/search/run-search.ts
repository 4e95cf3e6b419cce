/**
 * The search: `trials` independent runs of the multi-objective DE, each with `iterations` candidates
 * (Robyn `robyn_train` / `robyn_mmm`; method notes §4.3). Trial t draws from its own random stream forked
 * from the run's seed, so trials are reproducible on their own. The trials advance side by side, each at
 * its own pace: while the workers evaluate one trial's generation, this thread reads another's results and
 * asks its optimiser for the next, so the workers never wait for a generation of every trial to finish.
 * A trial's candidates depend only on its own results, so the search is deterministic for any number of
 * workers and any order in which the evaluations come back.
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
  /** Called when every trial has finished another generation. */
  onProgress?: (progress: SearchProgress) => void;
  /** Stops the search between a trial's generations. */
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
  const generations = Math.ceil(iterations / population);
  const started = performance.now();
  let bestNrmse = Number.POSITIVE_INFINITY;
  let bestDecompRssd = Number.POSITIVE_INFINITY;
  let done = 0;
  // Trials that have finished each generation: progress is reported when the last of them has.
  const finished = new Int32Array(generations);

  const searchTrial = async (optimiser: TwoPointsDE, t: number) => {
    const losses = new Float64Array(population * objectives);
    for (let generation = 0; generation < generations; generation++) {
      // Let signals and timers run between generations (an in-thread pool never yields on its own), so a
      // cancel request is seen within one generation.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) throw options.signal.reason ?? new Error("search cancelled");
      const first = generation * population;
      const size = Math.min(population, iterations - first);
      const batch = new Float64Array(size * d);
      optimiser.ask(size, batch);
      const rows = await pool.evaluate(batch, size);
      for (let i = 0; i < size; i++) {
        const row = i * width;
        const index = t * iterations + first + i;
        table.trial[index] = trialNumbers[t]!;
        table.iterNG[index] = generation + 1;
        table.iterPar[index] = i + 1;
        table.units.set(batch.subarray(i * d, (i + 1) * d), index * d);
        table.rows.set(rows.subarray(row, row + width), index * width);
        const nrmse = rows[row + COLUMN.nrmse]!;
        const rssd = rows[row + COLUMN.decompRssd]!;
        losses[i * objectives] = lossOf(nrmse);
        losses[i * objectives + 1] = lossOf(rssd);
        if (calibrated) losses[i * objectives + 2] = lossOf(rows[row + COLUMN.mape]!);
        if (nrmse < bestNrmse) bestNrmse = nrmse;
        if (rssd < bestDecompRssd) bestDecompRssd = rssd;
      }
      optimiser.tell(batch, losses, size);
      done += size;
      finished[generation] = finished[generation]! + 1;
      if (finished[generation] === trials) {
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
    }
  };
  await Promise.all(optimisers.map(searchTrial));
  return table;
}

/** A failed evaluation (NaN) must never look good to the optimiser. */
function lossOf(value: number): number {
  return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
}
