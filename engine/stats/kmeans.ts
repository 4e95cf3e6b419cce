/**
 * k-means with restarts, the generic kernel behind Robyn's `lares::clusterKmeans` (used by
 * `engine/select/clusters.ts`).
 *
 * R's `kmeans` is Hartigan–Wong from one random start drawn from R's generator, so its clusters cannot be
 * reproduced number for number. Here: k-means++ starts (Arthur & Vassilvitskii 2007) from our seeded
 * generator, several restarts, Lloyd iterations and then Hartigan's single-point transfers until no move
 * lowers the within-cluster sum of squares. That is the kind of local optimum Hartigan–Wong's transfers
 * aim for (no single row can move and lower the WSS), and it is the same for the same seed on every machine.
 */
import type { Rng } from "../search/rng.ts";

export interface KMeansOptions {
  /** Independent k-means++ starts; the lowest WSS wins. Default 5. */
  restarts?: number;
  /** Upper limit on Lloyd iterations and on Hartigan transfer passes, each. Default 100. */
  maxIterations?: number;
}

export interface KMeansResult {
  /** Cluster of each row, 0..k−1, numbered in order of first appearance. */
  assignment: Int32Array;
  /** Cluster means, one per cluster. */
  centers: Float64Array[];
  /** Within-cluster sum of squared distances to the centre, per cluster. */
  withinSs: Float64Array;
  /** Σ withinSs: Robyn's `tot.withinss`. */
  totalWithinSs: number;
}

/**
 * k-means: minimise Σ_i ‖x_i − c_{a(i)}‖² over assignments a and centres c (the means of their clusters).
 * Each restart seeds with k-means++ (the first centre uniformly, then each next row with probability ∝ its
 * squared distance to the nearest centre), runs Lloyd's iterations (assign to the nearest centre, ties to the
 * lower index; recompute the means), then Hartigan's transfer step: move row i from cluster a to b when
 * n_b/(n_b+1)·‖x_i − c_b‖² < n_a/(n_a−1)·‖x_i − c_a‖², the exact change in WSS. O(restarts · iterations · n·k·d).
 * Requires 1 ≤ k ≤ number of distinct rows.
 */
export function kMeans(
  rows: readonly Float64Array[],
  k: number,
  rng: Rng,
  options: KMeansOptions = {},
): KMeansResult {
  const n = rows.length;
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new RangeError(`kMeans: k = ${k} with ${n} rows`);
  const d = n === 0 ? 0 : rows[0]!.length;
  const data = new Float64Array(n * d);
  rows.forEach((row, i) => data.set(row, i * d));
  const restarts = options.restarts ?? 5;
  const maxIterations = options.maxIterations ?? 100;

  let best: { assignment: Int32Array; total: number } | undefined;
  for (let restart = 0; restart < restarts; restart++) {
    const centers = seedCenters(data, n, d, k, rng.fork(restart));
    const assignment = lloyd(data, n, d, k, centers, maxIterations);
    hartiganTransfers(data, n, d, k, assignment, maxIterations);
    const total = withinSs(data, n, d, k, assignment, clusterMeans(data, n, d, k, assignment)).total;
    if (best === undefined || total < best.total) best = { assignment, total };
  }
  const assignment = relabelByFirstAppearance(best!.assignment, k);
  const means = clusterMeans(data, n, d, k, assignment);
  const { perCluster, total } = withinSs(data, n, d, k, assignment, means);
  const centers = Array.from({ length: k }, (_, c) => means.slice(c * d, (c + 1) * d));
  return { assignment, centers, withinSs: perCluster, totalWithinSs: total };
}

function squaredDistance(data: Float64Array, i: number, centers: Float64Array, c: number, d: number): number {
  const rowOffset = i * d;
  const centerOffset = c * d;
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const diff = data[rowOffset + j]! - centers[centerOffset + j]!;
    sum += diff * diff;
  }
  return sum;
}

function seedCenters(data: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const centers = new Float64Array(k * d);
  const nearest = new Float64Array(n).fill(Infinity);
  let chosen = rng.int(n);
  for (let c = 0; c < k; c++) {
    centers.set(data.subarray(chosen * d, (chosen + 1) * d), c * d);
    if (c === k - 1) break;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i]!, squaredDistance(data, i, centers, c, d));
      sum += nearest[i]!;
    }
    let target = rng.next() * sum;
    chosen = -1;
    for (let i = 0; i < n; i++) {
      if (nearest[i]! <= 0) continue;
      chosen = i;
      target -= nearest[i]!;
      if (target < 0) break;
    }
    if (chosen < 0) chosen = 0; // every row sits on a centre: only possible with fewer distinct rows than k
  }
  return centers;
}

function nearestCenter(data: Float64Array, i: number, centers: Float64Array, k: number, d: number): number {
  let bestCluster = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < k; c++) {
    const distance = squaredDistance(data, i, centers, c, d);
    if (distance < bestDistance) {
      bestDistance = distance;
      bestCluster = c;
    }
  }
  return bestCluster;
}

function lloyd(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  centers: Float64Array,
  maxIterations: number,
) {
  const assignment = new Int32Array(n).fill(-1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      const c = nearestCenter(data, i, centers, k, d);
      if (c !== assignment[i]) {
        assignment[i] = c;
        changed = true;
      }
    }
    if (!changed) break;
    centers.set(clusterMeans(data, n, d, k, assignment));
    // An emptied cluster restarts at the row farthest from its centre (deterministic).
    const counts = clusterSizes(assignment, k);
    for (let c = 0; c < k; c++) {
      if (counts[c]! > 0) continue;
      let farthest = 0;
      let farthestDistance = -1;
      for (let i = 0; i < n; i++) {
        const distance = squaredDistance(data, i, centers, assignment[i]!, d);
        if (counts[assignment[i]!]! > 1 && distance > farthestDistance) {
          farthestDistance = distance;
          farthest = i;
        }
      }
      counts[assignment[farthest]!]!--;
      counts[c] = 1;
      assignment[farthest] = c;
      centers.set(data.subarray(farthest * d, (farthest + 1) * d), c * d);
    }
  }
  return assignment;
}

function hartiganTransfers(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  assignment: Int32Array,
  maxPasses: number,
): void {
  const centers = clusterMeans(data, n, d, k, assignment);
  const counts = clusterSizes(assignment, k);
  for (let pass = 0; pass < maxPasses; pass++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      const from = assignment[i]!;
      const nFrom = counts[from]!;
      if (nFrom <= 1) continue;
      const removeGain = (nFrom / (nFrom - 1)) * squaredDistance(data, i, centers, from, d);
      let to = -1;
      let addCost = Infinity;
      for (let c = 0; c < k; c++) {
        if (c === from) continue;
        const cost = (counts[c]! / (counts[c]! + 1)) * squaredDistance(data, i, centers, c, d);
        if (cost < addCost) {
          addCost = cost;
          to = c;
        }
      }
      // The relative margin keeps rounding from moving a row back and forth.
      if (to < 0 || !(addCost < removeGain * (1 - 1e-12))) continue;
      const nTo = counts[to]!;
      for (let j = 0; j < d; j++) {
        const value = data[i * d + j]!;
        centers[from * d + j] = (centers[from * d + j]! * nFrom - value) / (nFrom - 1);
        centers[to * d + j] = (centers[to * d + j]! * nTo + value) / (nTo + 1);
      }
      counts[from] = nFrom - 1;
      counts[to] = nTo + 1;
      assignment[i] = to;
      moved = true;
    }
    if (!moved) break;
  }
}

export function clusterSizes(assignment: Int32Array, k: number): Int32Array {
  const counts = new Int32Array(k);
  for (let i = 0; i < assignment.length; i++) counts[assignment[i]!]!++;
  return counts;
}

function clusterMeans(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  assignment: Int32Array,
): Float64Array {
  const sums = new Float64Array(k * d);
  const counts = clusterSizes(assignment, k);
  for (let i = 0; i < n; i++) {
    const c = assignment[i]!;
    for (let j = 0; j < d; j++) sums[c * d + j] = sums[c * d + j]! + data[i * d + j]!;
  }
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) sums[c * d + j] = counts[c]! > 0 ? sums[c * d + j]! / counts[c]! : Number.NaN;
  }
  return sums;
}

function withinSs(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  assignment: Int32Array,
  means: Float64Array,
) {
  const perCluster = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = assignment[i]!;
    perCluster[c] = perCluster[c]! + squaredDistance(data, i, means, c, d);
  }
  let total = 0;
  for (let c = 0; c < k; c++) total += perCluster[c]!;
  return { perCluster, total };
}

function relabelByFirstAppearance(assignment: Int32Array, k: number): Int32Array {
  const label = new Int32Array(k).fill(-1);
  let next = 0;
  return assignment.map((c) => {
    if (label[c] === -1) label[c] = next++;
    return label[c]!;
  });
}
