/**
 * The data of a run page's charts, shaped for the browser (compact columns, numbers rounded to five
 * significant digits) and embedded in the page as JSON, so the first view needs no second request:
 *
 * - the Pareto scatter of every candidate (NRMSE × DECOMP.RSSD), with each candidate's front (0 for none
 *   or a front beyond the selected ones) and, for the Pareto models, their id and cluster, so a click
 *   opens the model;
 * - the convergence of the search: per bucket of iterations, the best and the median of each objective
 *   (Robyn's convergence plots show the same objectives by iteration).
 */
import type { CandidateCloud, ParetoModel } from "../../core/results/run-outputs.ts";

export interface ParetoChartData {
  /** Fronts selected for the Pareto models (1..fronts are coloured). */
  readonly fronts: number;
  readonly x: readonly (number | null)[];
  readonly y: readonly (number | null)[];
  /** Front per candidate, 0 when beyond `fronts` or none. */
  readonly f: readonly number[];
  /** Index of each Pareto model in `x`/`y` → its solID. */
  readonly ids: Readonly<Record<number, string>>;
  /** solID → cluster. */
  readonly clusters: Readonly<Record<string, number>>;
  /** The cluster-top models. */
  readonly tops: readonly string[];
}

export interface ConvergenceChartData {
  readonly labels: readonly string[];
  readonly nrmseMin: readonly (number | null)[];
  readonly nrmseMedian: readonly (number | null)[];
  readonly rssdMin: readonly (number | null)[];
  readonly rssdMedian: readonly (number | null)[];
}

export function paretoChartData(
  cloud: CandidateCloud,
  models: readonly ParetoModel[],
  fronts: number,
): ParetoChartData {
  const index = new Map<string, number>();
  cloud.solID.forEach((id, i) => index.set(id, i));
  const ids: Record<number, string> = {};
  const clusters: Record<string, number> = {};
  const tops: string[] = [];
  for (const model of models) {
    const at = index.get(model.solID);
    if (at !== undefined) ids[at] = model.solID;
    if (typeof model.cluster === "number" && Number.isFinite(model.cluster))
      clusters[model.solID] = model.cluster;
    if (model.top_sol === 1) tops.push(model.solID);
  }
  const f = new Array<number>(cloud.count);
  const x = new Array<number | null>(cloud.count);
  const y = new Array<number | null>(cloud.count);
  for (let i = 0; i < cloud.count; i++) {
    x[i] = round5(cloud.nrmse[i]!);
    y[i] = round5(cloud.rssd[i]!);
    const front = cloud.front[i]!;
    f[i] = front >= 1 && front <= fronts ? front : 0;
  }
  return { fronts, x, y, f, ids, clusters, tops };
}

/** Best and median of each objective per bucket of iterations (about `buckets` buckets). */
export function convergenceChartData(cloud: CandidateCloud, buckets = 40): ConvergenceChartData {
  let max = 0;
  for (const it of cloud.iteration) if (Number.isFinite(it) && it > max) max = it;
  const size = Math.max(1, Math.ceil(max / buckets));
  const groups = Array.from({ length: Math.ceil(max / size) }, () => ({
    nrmse: [] as number[],
    rssd: [] as number[],
  }));
  for (let i = 0; i < cloud.count; i++) {
    const it = cloud.iteration[i]!;
    if (!(it >= 1)) continue;
    const group = groups[Math.floor((it - 1) / size)]!;
    if (Number.isFinite(cloud.nrmse[i])) group.nrmse.push(cloud.nrmse[i]!);
    if (Number.isFinite(cloud.rssd[i])) group.rssd.push(cloud.rssd[i]!);
  }
  const labels: string[] = [];
  const out = {
    nrmseMin: [] as (number | null)[],
    nrmseMedian: [] as (number | null)[],
    rssdMin: [] as (number | null)[],
    rssdMedian: [] as (number | null)[],
  };
  groups.forEach((group, g) => {
    if (group.nrmse.length === 0) return;
    labels.push(size === 1 ? `${g + 1}` : `${g * size + 1}–${(g + 1) * size}`);
    out.nrmseMin.push(round5(Math.min(...group.nrmse)));
    out.nrmseMedian.push(round5(median(group.nrmse)));
    out.rssdMin.push(round5(group.rssd.length ? Math.min(...group.rssd) : Number.NaN));
    out.rssdMedian.push(round5(group.rssd.length ? median(group.rssd) : Number.NaN));
  });
  return { labels, ...out };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Five significant digits: enough for a chart, and a third of the bytes of full precision; null if missing. */
export function round5(value: number): number | null {
  return Number.isFinite(value) ? Number(value.toPrecision(5)) : null;
}
