/**
 * A whole training run in memory (Robyn `robyn_run` + `robyn_outputs`): prepare the inputs, search, select
 * the Pareto fronts, build the full record of every selected model, cluster them, bootstrap ROI/CPA
 * intervals per cluster, and report convergence. No file I/O: `trainer.ts` writes the artifacts.
 */
import {
  clusterBootstrapIntervals,
  clusterModels,
  topModelPerCluster,
  type ClusterChannelInterval,
} from "../select/clusters.ts";
import { convergenceReport, type ObjectiveConvergence } from "../select/convergence.ts";
import { kindOf, type ModelHyperparameters } from "../model/hyperparameters.ts";
import { namedHyperparameters, type ModelAggregates } from "../model/model-record.ts";
import { errorScores, selectParetoFronts, type ParetoSelection } from "../select/pareto.ts";
import type { ModelInput } from "../model-input/model-input.ts";
import type { ProphetProvider } from "../model-input/model-settings.ts";
import { COLUMN, type SearchSetup } from "../search/candidate-evaluator.ts";
import { inProcessPool, threadPool, type EvaluationPool } from "../search/evaluation-pool.ts";
import { runSearch, type CandidateTable, type SearchProgress } from "../search/run-search.ts";
import type { Table } from "../../common/table.ts";
import { candidateColumn, solIdOf } from "../search/candidates.ts";
import { SearchSpace } from "../search/search-space.ts";
import type { StudyLift } from "../calibration/lift-objective.ts";
import { prepareTraining } from "./prepare-training.ts";
import type { TrainSettings } from "./train-settings.ts";

export type TrainPhase = "preparing" | "searching" | "selecting" | "clustering";

export interface TrainProgress extends Partial<SearchProgress> {
  phase: TrainPhase;
}

export interface TrainOptions {
  workers: number;
  /**
   * Candidates already searched (the merged shards of a sharded run): the search is skipped and the
   * analysis runs on these. Default: search every trial here.
   */
  candidates?: CandidateTable;
  prophet?: ProphetProvider;
  onProgress?: (progress: TrainProgress) => void;
  signal?: AbortSignal;
}

export interface ParetoModel {
  /** Index in the candidate table. */
  index: number;
  solID: string;
  front: number;
  /** Without the window series: `paretoRecords` rebuilds the full record when it is needed. */
  record: ModelAggregates;
  hyperparameters: ModelHyperparameters;
  /** Error score among the Pareto models (Robyn's clustering `top_sol` criterion). */
  errorScore: number;
  cluster: number;
  topSol: boolean;
  /** Each lift study read against the model (empty when the run has no `calibration_input`). */
  calibration: StudyLift[];
}

export interface TrainingResult {
  input: ModelInput;
  setup: SearchSetup;
  candidates: CandidateTable;
  pareto: ParetoSelection;
  /** Error score of every candidate (Robyn's `error_score` over all models). */
  errorScore: Float64Array;
  paretoModels: ParetoModel[];
  clusters: { k: number; wss: number[]; intervals: ClusterChannelInterval[] };
  convergence: ObjectiveConvergence[];
  /** Seconds per phase. */
  timings: Record<string, number>;
  warnings: string[];
}

export async function trainModels(
  table: Table,
  settings: TrainSettings,
  options: TrainOptions,
): Promise<TrainingResult> {
  const timings: Record<string, number> = {};
  const clock = phaseClock(timings);
  options.onProgress?.({ phase: "preparing" });
  const { setup, warnings } = prepareTraining(table, settings, options.prophet);
  const { input, studies } = setup;
  clock("prepare");

  // One pool for the search and the Pareto step's re-evaluation of the selected models.
  const { candidates, pareto, errorScore, paretoModels, clustering } = await withPool(
    setup,
    options.workers,
    (pool) => searchAndSelect(pool, setup, settings, options, clock),
  );

  const clusters = {
    k: clustering.k,
    wss: clustering.wss,
    intervals: clusterIntervals(paretoModels, clustering.assignment, input),
  };
  const convergence = convergenceReport(
    (
      [
        ["NRMSE", COLUMN.nrmse],
        ["DECOMP.RSSD", COLUMN.decompRssd],
        ...(studies.length > 0 ? ([["MAPE", COLUMN.mape]] as const) : []),
      ] as const
    ).map(([name, column]) => ({
      name,
      valuesByTrial: Array.from({ length: candidates.trials }, (_, t) =>
        candidateColumn(candidates, column).subarray(
          t * candidates.iterations,
          (t + 1) * candidates.iterations,
        ),
      ),
    })),
  );
  clock("clusters");
  return {
    input,
    setup,
    candidates,
    pareto,
    errorScore,
    paretoModels,
    clusters,
    convergence,
    timings,
    warnings,
  };
}

/** The search (unless the candidates are given), then the Pareto fronts and their models' details. */
async function searchAndSelect(
  pool: EvaluationPool,
  setup: SearchSetup,
  settings: TrainSettings,
  options: TrainOptions,
  clock: (phase: string) => void,
): Promise<
  Pick<TrainingResult, "candidates" | "pareto" | "errorScore" | "paretoModels"> & {
    clustering: ParetoClustering;
  }
> {
  const candidates = options.candidates ?? (await searchWith(pool, setup, settings, options));
  clock("search");

  options.onProgress?.({ phase: "selecting" });
  const objectives = {
    nrmse: candidateColumn(candidates, COLUMN.nrmse),
    decompRssd: candidateColumn(candidates, COLUMN.decompRssd),
    mape: candidateColumn(candidates, COLUMN.mape),
  };
  const pareto = selectParetoFronts(objectives, {
    paretoFronts: settings.pareto_fronts,
    minCandidates: settings.min_candidates,
    calibrationConstraint: settings.calibration_constraint,
    calibrated: setup.studies.length > 0,
  });
  const errorNrmse = candidateColumn(
    candidates,
    settings.ts_validation ? COLUMN.nrmseTest : COLUMN.nrmseTrain,
  );
  const errorScore = errorScores({
    nrmse: errorNrmse,
    decompRssd: objectives.decompRssd,
    mape: objectives.mape,
  });
  const { paretoModels, clustering } = await buildParetoModels(
    pool,
    setup,
    candidates,
    pareto,
    errorNrmse,
    settings,
    () => options.onProgress?.({ phase: "clustering" }),
  );
  clock("pareto");
  return { candidates, pareto, errorScore, paretoModels, clustering };
}

/**
 * The search alone: every trial, or the given trials (one shard of a sharded run). Results of a trial do
 * not depend on the other trials searched with it, so merged shards equal an unsharded search.
 */
export async function searchCandidates(
  setup: SearchSetup,
  settings: TrainSettings,
  options: TrainOptions & { trialNumbers?: readonly number[] },
): Promise<CandidateTable> {
  return withPool(setup, options.workers, (pool) => searchWith(pool, setup, settings, options));
}

/** Runs `use` with an evaluation pool (worker threads when there are several workers), closed after. */
async function withPool<T>(
  setup: SearchSetup,
  workers: number,
  use: (pool: EvaluationPool) => Promise<T>,
): Promise<T> {
  const pool = workers > 1 ? await threadPool(setup, workers) : inProcessPool(setup);
  try {
    return await use(pool);
  } finally {
    await pool.close();
  }
}

function searchWith(
  pool: EvaluationPool,
  setup: SearchSetup,
  settings: TrainSettings,
  options: TrainOptions & { trialNumbers?: readonly number[] },
): Promise<CandidateTable> {
  return runSearch(setup, pool, {
    iterations: settings.iterations,
    trials: settings.trials,
    seed: settings.seed,
    ...(options.trialNumbers ? { trialNumbers: options.trialNumbers } : {}),
    ...(settings.objective_weights ? { objectiveWeights: settings.objective_weights } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (progress) => options.onProgress?.({ phase: "searching", ...progress }),
  });
}

/**
 * Re-evaluates every selected model for its aggregates (cheap next to the search) on the pool's threads,
 * and meanwhile clusters them on this thread: the clusters need only the models' hyperparameters, which
 * their unit vectors give without an evaluation. The window series are dropped: kept for every Pareto model
 * they would dominate the run's memory on long daily data.
 */
async function buildParetoModels(
  pool: EvaluationPool,
  setup: SearchSetup,
  candidates: CandidateTable,
  pareto: ParetoSelection,
  errorNrmse: Float64Array,
  settings: TrainSettings,
  onClustering: () => void,
): Promise<{ paretoModels: ParetoModel[]; clustering: ParetoClustering }> {
  const selected = Array.from(pareto.selectedModels);
  const scores = errorScores({
    nrmse: Float64Array.from(selected, (i) => errorNrmse[i]!),
    decompRssd: Float64Array.from(
      selected,
      (i) => candidates.rows[i * candidates.width + COLUMN.decompRssd]!,
    ),
    mape: Float64Array.from(selected, (i) => candidates.rows[i * candidates.width + COLUMN.mape]!),
  });
  const { dimension } = candidates;
  const units = new Float64Array(selected.length * dimension);
  selected.forEach((index, k) =>
    units.set(candidates.units.subarray(index * dimension, (index + 1) * dimension), k * dimension),
  );
  const solIDs = selected.map((index) => solIdOf(candidates, index));
  const detailsRead = pool.details(units, solIDs);
  onClustering();
  const clustering = clusterSelectedModels(setup, units, scores, settings.seed);
  const details = await detailsRead;
  return {
    paretoModels: selected.map((index, k) => ({
      index,
      solID: solIDs[k]!,
      front: pareto.robynPareto[index]!,
      ...details[k]!,
      errorScore: scores[k]!,
      cluster: clustering.assignment[k]! + 1,
      topSol: clustering.tops.includes(k),
    })),
    clustering,
  };
}

/** Robyn's clusters of the Pareto models: k, the elbow curve, each model's cluster (0-based) and the tops. */
interface ParetoClustering {
  k: number;
  wss: number[];
  assignment: Int32Array;
  /** Per cluster, the model with the lowest error score (Robyn's `top_sol`). */
  tops: Int32Array;
}

/**
 * Robyn's `robyn_clusters` grouping of the selected models (`units`, one unit vector after another): k-means
 * on their media hyperparameters and, with add_penalty_factor, the penalty factors; the best model (lowest
 * error score) per cluster.
 */
function clusterSelectedModels(
  setup: SearchSetup,
  units: Float64Array,
  scores: Float64Array,
  seed: number,
): ParetoClustering {
  const count = scores.length;
  if (count === 0) return { k: 0, wss: [], assignment: new Int32Array(0), tops: new Int32Array(0) };
  const space = new SearchSpace(setup.input, setup.space);
  const hyperparameters = space.createHyperparameters();
  const named = Array.from({ length: count }, (_, k) => {
    space.toHyperparameters(units, k * space.dimension, hyperparameters);
    return namedHyperparameters(setup.input, hyperparameters);
  });
  const names = Object.keys(named[0]!).filter(
    (name) => kindOf(name) !== undefined || name.endsWith("_penalty"),
  );
  const features = named.map((values) => Float64Array.from(names, (name) => values[name]!));
  const { k, assignment, wss } = clusterModels(features, { seed, featureNames: names });
  return { k, wss, assignment, tops: topModelPerCluster(assignment, scores) };
}

/** Bootstrapped ROAS (revenue) or CPA (conversion) intervals per cluster and paid channel. */
function clusterIntervals(
  models: ParetoModel[],
  assignment: Int32Array,
  input: ModelInput,
): ClusterChannelInterval[] {
  if (models.length === 0) return [];
  const metric = input.depVarType === "revenue" ? "roi_total" : "cpa_total";
  const channels = input.media
    .filter((channel) => channel.paid)
    .map((channel) => ({
      name: channel.name,
      values: Float64Array.from(
        models,
        (m) => m.record.variables.find((v) => v.rn === channel.name)?.[metric] ?? Number.NaN,
      ),
    }));
  return clusterBootstrapIntervals(assignment, channels, { seed: 1 }).map((interval) => ({
    ...interval,
    cluster: interval.cluster + 1,
  }));
}

function phaseClock(timings: Record<string, number>): (phase: string) => void {
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    timings[phase] = (now - last) / 1000;
    last = now;
  };
}
