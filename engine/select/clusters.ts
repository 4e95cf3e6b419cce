/**
 * Clustering of the Pareto models and in-cluster bootstrap intervals (Robyn's method notes §5.4; Robyn
 * `robyn_clusters`, `lares::clusterKmeans`, `confidence_calcs`, `.bootci`).
 *
 * Where this differs from R and why:
 * - R's `kmeans` is Hartigan–Wong from one random start; here the generic kernel `engine/stats/kmeans.ts`
 *   (k-means++ starts, restarts, Lloyd then Hartigan transfers; see there). Expect the same k and similar
 *   groups as R on well-separated data, not identical cluster numbers.
 * - The fit runs on the distinct rows sorted into a fixed order, so the clusters do not depend on the order of
 *   the models; clusters are numbered 0..k−1 in the order of their first row in that sorted order (Robyn
 *   numbers them 1..k).
 * - The final clustering reuses the fit of the WSS scan for the chosen k (R fits again with another start).
 */
import { MmmError } from "../../common/errors.ts";
import { createRng, type Rng } from "../search/rng.ts";
import { clusterSizes, kMeans, type KMeansOptions, type KMeansResult } from "../stats/kmeans.ts";
import { studentTQuantile } from "../stats/student-t.ts";

export interface ClusterCountOptions {
  /** Smallest share of the total sum of squares that one more cluster must remove. Default 0.06. */
  wssVar?: number;
  /** Default 3. */
  kMin?: number;
  /** Robyn's `max_clusters`, default 10. */
  kMax?: number;
}

/**
 * Robyn's automatic k (§5.4): with wss[k−1] = WSS(k) for k = 1..K,
 * `k = max{k ≥ 2 : WSS(k−1)/WSS(1) − WSS(k)/WSS(1) > wssVar}`, clamped to [kMin, kMax]
 * (kMin when no k qualifies, as R's `max()` of nothing is −Inf).
 */
export function chooseClusterCount(wss: readonly number[], options: ClusterCountOptions = {}): number {
  const { wssVar = 0.06, kMin = 3, kMax = 10 } = options;
  let chosen = -Infinity;
  for (let k = 2; k <= wss.length; k++) {
    if (wss[k - 2]! / wss[0]! - wss[k - 1]! / wss[0]! > wssVar) chosen = k;
  }
  return Math.min(Math.max(chosen, kMin), kMax);
}

export interface ClusterModelsOptions extends ClusterCountOptions, KMeansOptions {
  /** `"auto"` (Robyn's default) or a fixed number of clusters. */
  k?: "auto" | number;
  /** Seed of the k-means starts (Robyn's `seed`, default 123). */
  seed?: number;
  /** Names of the feature columns, for error messages. */
  featureNames?: readonly string[];
}

export interface ClusterModelsResult {
  k: number;
  /** Cluster of every model, 0..k−1. */
  assignment: Int32Array;
  /** wss[j] = WSS(j + 1) for j + 1 = 1..min(distinct rows − 1, 30): the elbow plot. */
  wss: number[];
  /** Cluster centres in the normalised feature space. */
  centers: Float64Array[];
  /** Number of distinct normalised rows the clusters were fitted on. */
  distinctRows: number;
}

/**
 * Robyn's `robyn_clusters` grouping (§5.4) of the Pareto models by their hyperparameters (or any numeric
 * features, one row per model): min–max normalise each column to [0, 1] (a constant or all-NaN column → 1),
 * drop duplicate rows, compute WSS(k) for k = 1..min(distinct − 1, 30), choose k (`chooseClusterCount`, or the
 * given k, capped at the number of distinct rows) and give every model the cluster of its row. Deterministic
 * for a seed and independent of the order of the models.
 */
export function clusterModels(
  features: readonly Float64Array[],
  options: ClusterModelsOptions = {},
): ClusterModelsResult {
  const requested = options.k ?? "auto";
  if (requested !== "auto" && !(Number.isInteger(requested) && requested >= 1)) {
    throw new MmmError(
      "invalid_input",
      `The number of clusters must be "auto" or a whole number, not ${requested}.`,
      {
        context: { field: "k", value: requested },
      },
    );
  }
  const normalised = normaliseFeatures(features, options.featureNames);
  if (features.length === 0)
    return { k: 0, assignment: new Int32Array(0), wss: [], centers: [], distinctRows: 0 };
  const { distinct, rowOf } = distinctSortedRows(normalised);
  const rng = createRng(options.seed ?? 123);
  const limit = Math.min(distinct.length - 1, 30);

  const fits = new Map<number, KMeansResult>();
  const wss: number[] = [totalSumOfSquares(distinct)];
  for (let k = 2; k <= limit; k++) {
    const fit = kMeans(distinct, k, rng.fork(k), options);
    fits.set(k, fit);
    wss.push(fit.totalWithinSs);
  }
  const wanted = requested === "auto" ? chooseClusterCount(wss, options) : requested;
  const k = Math.max(1, Math.min(wanted, distinct.length));
  const fit = fits.get(k) ?? kMeans(distinct, k, rng.fork(k), options);
  const assignment = new Int32Array(features.length);
  for (let i = 0; i < features.length; i++) assignment[i] = fit.assignment[rowOf[i]!]!;
  return { k, assignment, wss, centers: fit.centers, distinctRows: distinct.length };
}

/** Min–max normalisation per column, (x − min)/(max − min); a constant or all-NaN column becomes 1. */
export function normaliseFeatures(
  features: readonly Float64Array[],
  featureNames?: readonly string[],
): Float64Array[] {
  const n = features.length;
  const d = n === 0 ? 0 : features[0]!.length;
  const out = features.map((row) => {
    if (row.length !== d)
      throw new RangeError(`normaliseFeatures: rows have ${d} and ${row.length} features`);
    return new Float64Array(d);
  });
  for (let j = 0; j < d; j++) {
    let min = Infinity;
    let max = -Infinity;
    let missing = 0;
    for (let i = 0; i < n; i++) {
      const v = features[i]![j]!;
      if (!Number.isFinite(v)) missing++;
      else {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (missing > 0 && missing < n) {
      const name = featureNames?.[j] ?? `feature ${j + 1}`;
      throw new MmmError(
        "internal",
        `Cannot cluster the models: ${name} is missing or infinite for ${missing} of ${n} models.`,
        {
          context: { field: name, missing, models: n },
        },
      );
    }
    for (let i = 0; i < n; i++) out[i]![j] = max > min ? (features[i]![j]! - min) / (max - min) : 1;
  }
  return out;
}

/** The distinct rows in lexicographic order, and for every input row the index of its distinct row. */
function distinctSortedRows(rows: readonly Float64Array[]): { distinct: Float64Array[]; rowOf: Int32Array } {
  const compare = (a: Float64Array, b: Float64Array): number => {
    for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return a[j]! - b[j]!;
    return 0;
  };
  const order = rows.map((_, i) => i).sort((a, b) => compare(rows[a]!, rows[b]!) || a - b);
  const distinct: Float64Array[] = [];
  const rowOf = new Int32Array(rows.length);
  for (const i of order) {
    const last = distinct[distinct.length - 1];
    if (last === undefined || compare(last, rows[i]!) !== 0) distinct.push(rows[i]!);
    rowOf[i] = distinct.length - 1;
  }
  return { distinct, rowOf };
}

/** WSS(1): the sum of squared distances to the overall mean (R: Σ_j var(x_j)·(n − 1)). */
function totalSumOfSquares(rows: readonly Float64Array[]): number {
  const n = rows.length;
  if (n === 0) return 0;
  const d = rows[0]!.length;
  let total = 0;
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += rows[i]![j]!;
    mean /= n;
    for (let i = 0; i < n; i++) total += (rows[i]![j]! - mean) ** 2;
  }
  return total;
}

/**
 * Robyn's `top_sol` with `limit = 1`: per cluster, the model with the lowest error score (ties: the lower
 * index), −1 for an empty cluster. Robyn computes that score with `errors_scores` over the clustered (Pareto)
 * models only, so pass `errorScores` of those models, not of all models. NaN scores count as 0, as Robyn's
 * NA → 0 replacement does.
 */
export function topModelPerCluster(assignment: Int32Array, errorScore: Float64Array): Int32Array {
  let k = 0;
  for (let i = 0; i < assignment.length; i++) k = Math.max(k, assignment[i]! + 1);
  const top = new Int32Array(k).fill(-1);
  const bestScore = new Float64Array(k).fill(Infinity);
  for (let i = 0; i < assignment.length; i++) {
    const c = assignment[i]!;
    const score = Number.isNaN(errorScore[i]!) ? 0 : errorScore[i]!;
    if (top[c] === -1 || score < bestScore[c]!) {
      top[c] = i;
      bestScore[c] = score;
    }
  }
  return top;
}

export interface BootstrapInterval {
  /** Mean of the bootstrap means. */
  boot_mean: number;
  /** Standard deviation of the bootstrap means. */
  boot_se: number;
  /** sample mean − t(0.975, n−1)·boot_se·√n, floored at 0. */
  ci_low: number;
  /** sample mean + t(0.975, n−1)·boot_se·√n. */
  ci_up: number;
}

/**
 * Robyn's `.bootci` (§5.4): `samples` means of resamples (size n, with replacement), se = their sample
 * standard deviation, CI = sample mean ± t_{0.975, n−1}·se·√n with the lower end floored at 0. With fewer than
 * two values: the value itself as boot_mean and NaN for the rest (R gives NA). O(samples · n), no allocation
 * per resample. The resamples come from our generator, not R's, so boot_mean, boot_se and the interval agree
 * with Robyn's in distribution (within bootstrap noise, about 1/√samples relative for boot_se), not digit for
 * digit.
 */
export function bootstrapMeanInterval(values: Float64Array, rng: Rng, samples = 1000): BootstrapInterval {
  const n = values.length;
  if (n < 2) {
    return {
      boot_mean: n === 1 ? values[0]! : Number.NaN,
      boot_se: Number.NaN,
      ci_low: Number.NaN,
      ci_up: Number.NaN,
    };
  }
  let sampleMean = 0;
  for (let i = 0; i < n; i++) sampleMean += values[i]!;
  sampleMean /= n;
  // Welford's running mean and variance of the bootstrap means.
  let mean = 0;
  let m2 = 0;
  for (let b = 0; b < samples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[rng.int(n)]!;
    const bootMean = sum / n;
    const delta = bootMean - mean;
    mean += delta / (b + 1);
    m2 += delta * (bootMean - mean);
  }
  const se = Math.sqrt(m2 / (samples - 1));
  const margin = studentTQuantile(0.975, n - 1) * se * Math.sqrt(n);
  const low = sampleMean - margin;
  return { boot_mean: mean, boot_se: se, ci_low: low < 0 ? 0 : low, ci_up: sampleMean + margin };
}

export interface ClusterChannelInterval extends BootstrapInterval {
  /** Cluster, 0..k−1. */
  cluster: number;
  channel: string;
  /** Number of values the interval was computed from. */
  n: number;
}

/**
 * Robyn's `confidence_calcs` (§5.4): for every cluster with at least 3 models and every paid channel, the
 * bootstrap interval of the channel's `roi_total` (or `cpa_total` for conversions) over the cluster's models.
 * Non-finite values are left out (Robyn drops infinite CPAs; an ROI is finite whenever there is spend).
 * As Robyn resets its seed (1) before each interval, every interval draws from a fresh generator `seed`.
 */
export function clusterBootstrapIntervals(
  assignment: Int32Array,
  channels: readonly { name: string; values: Float64Array }[],
  options: { seed?: number; samples?: number; minModels?: number } = {},
): ClusterChannelInterval[] {
  const { seed = 1, samples = 1000, minModels = 3 } = options;
  let k = 0;
  for (let i = 0; i < assignment.length; i++) k = Math.max(k, assignment[i]! + 1);
  const sizes = clusterSizes(assignment, k);
  const intervals: ClusterChannelInterval[] = [];
  for (let cluster = 0; cluster < k; cluster++) {
    if (sizes[cluster]! < minModels) continue;
    for (const channel of channels) {
      const values: number[] = [];
      for (let i = 0; i < assignment.length; i++) {
        if (assignment[i] === cluster && Number.isFinite(channel.values[i]!)) values.push(channel.values[i]!);
      }
      const interval = bootstrapMeanInterval(Float64Array.from(values), createRng(seed), samples);
      intervals.push({ cluster, channel: channel.name, n: values.length, ...interval });
    }
  }
  return intervals;
}
