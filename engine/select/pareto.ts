/**
 * Pareto fronts over the search's models and Robyn's error score (Robyn's method notes §5.2, §8 quirks 9–10;
 * Robyn `robyn_pareto`, `pareto_front`, `errors_scores`).
 *
 * The flow, as Robyn runs it after the search:
 * 1. quality filter `mape.qt10`: mape ≤ Q(mape, calibration_constraint), nrmse ≤ Q(nrmse, 0.9) and
 *    decomp.rssd ≤ Q(decomp.rssd, 0.9), with R's type-7 quantiles over all models;
 * 2. non-dominated sorting of the models that pass, on (nrmse, decomp.rssd) only;
 * 3. `"auto"`: the smallest number of fronts F that holds at least `min_candidates` models.
 */
import { MmmError } from "../../common/errors.ts";

/**
 * R's `quantile(x, p)` with the default type 7: with the values sorted, index h = 1 + (n − 1)·p (1-based),
 * result = (1 − f)·x[⌊h⌋] + f·x[⌈h⌉] with f = h − ⌊h⌋, and x[⌊h⌋] alone when f = 0 or the two neighbours are equal
 * (written as R writes it so that the rounding matches bit for bit). NaN values are left out (R's `na.rm = TRUE`;
 * R itself stops on them). O(n log n) for the sort; returns NaN for an empty input.
 */
export function quantileType7(values: Float64Array, probability: number): number {
  if (!(probability >= 0 && probability <= 1))
    throw new RangeError(`quantileType7: probability ${probability} is outside [0, 1]`);
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) count++;
  if (count === 0) return Number.NaN;
  const sorted = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) sorted[j++] = values[i]!;
  sorted.sort();
  // R's 1-based index, kept 1-based so that `index - lo` rounds exactly as in R.
  const index = 1 + (count - 1) * probability;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo - 1]!;
  const high = sorted[hi - 1]!;
  if (index > lo && high !== low) {
    const fraction = index - lo;
    return (1 - fraction) * low + fraction * high;
  }
  return low;
}

/**
 * Front numbers (1 = non-dominated) of every point (x[i], y[i]), both to be minimised, as Robyn's
 * `pareto_front`: with the points sorted by x then y, front 1 is the points where the running minimum of y
 * strictly decreases; remove them and repeat.
 *
 * Done in one sweep instead of one pass per front (O(n log n) in total, not O(n · fronts)): in sorted order a
 * point belongs to the first front whose smallest y so far is greater than its own y. Those smallest y values
 * never decrease from one front to the next, so the front is found by binary search. This gives exactly the
 * peeling's numbers, because the running minimum of the points left after removing fronts 1..f−1 is the
 * smallest y of front f so far.
 *
 * Exact duplicates (same x and y): the peeling puts the second copy in the next front (its running minimum
 * does not strictly decrease), and Robyn then joins the fronts back to the models by their (nrmse,
 * decomp.rssd) values and keeps the smallest front per model, so every copy ends with the first copy's
 * front while the later copies still pushed the points behind them one front back. Both effects are kept.
 *
 * Points whose x or y is NaN get 0 (no front). With `maxFronts`, points beyond that front also get 0
 * (Robyn's `fronts` argument).
 */
export function paretoFrontRanks(x: Float64Array, y: Float64Array, maxFronts = Infinity): Int32Array {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`paretoFrontRanks: x has ${n} values, y has ${y.length}`);
  const ranks = new Int32Array(n);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(x[i]!) && !Number.isNaN(y[i]!)) order.push(i);
  order.sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]! || a - b);

  // frontMinimumY[f] = smallest y assigned to front f + 1 so far; non-decreasing in f.
  const frontMinimumY: number[] = [];
  for (const i of order) {
    const yi = y[i]!;
    let lo = 0;
    let hi = frontMinimumY.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (frontMinimumY[mid]! > yi) hi = mid;
      else lo = mid + 1;
    }
    if (lo === frontMinimumY.length) frontMinimumY.push(yi);
    else frontMinimumY[lo] = yi;
    ranks[i] = lo + 1;
  }

  // Copies of one point take the first copy's front (sorted order puts them next to each other).
  for (let k = 1; k < order.length; k++) {
    const previous = order[k - 1]!;
    const current = order[k]!;
    if (x[current] === x[previous] && y[current] === y[previous]) ranks[current] = ranks[previous]!;
  }
  if (Number.isFinite(maxFronts)) {
    for (let i = 0; i < n; i++) if (ranks[i]! > maxFronts) ranks[i] = 0;
  }
  return ranks;
}

export interface ParetoObjectives {
  /** NRMSE per model (Robyn's `nrmse`: the validation NRMSE when ts_validation is on, else the train NRMSE). */
  nrmse: Float64Array;
  decompRssd: Float64Array;
  /** Calibration MAPE.LIFT per model; all zeros when the run is not calibrated. */
  mape: Float64Array;
}

export interface ParetoSelectionOptions {
  /** `"auto"` (Robyn's default) or a fixed number of fronts. */
  paretoFronts: "auto" | number;
  /** Robyn's `min_candidates` (default 100). */
  minCandidates: number;
  /** Robyn's `calibration_constraint` (default 0.1): the MAPE quantile that models must reach. */
  calibrationConstraint: number;
  calibrated: boolean;
}

export interface ParetoSelection {
  /**
   * Robyn's `robynPareto` per model: its front among the models that passed the filter, or null when it was
   * filtered out. With `"auto"` every passing model keeps its front number (Robyn computes all fronts), also
   * beyond the selected ones; with a number of fronts, models beyond them are null (as in Robyn).
   */
  robynPareto: (number | null)[];
  /** Robyn's `mape.qt10`: the model passed the quantile filter. */
  mapeQt10: boolean[];
  quantiles: {
    /** Q(mape, calibration_constraint). */
    mape: number;
    /** Q(nrmse, 0.9). */
    nrmse: number;
    /** Q(decomp.rssd, 0.9). */
    decompRssd: number;
  };
  /** How many fronts were selected (Robyn's `pareto_fronts` after `"auto"`). */
  paretoFronts: number;
  /** Indices (ascending) of the models in the selected fronts: Robyn's Pareto models. */
  selectedModels: Int32Array;
  /** Number of models that passed the filter. */
  candidateCount: number;
}

/**
 * Robyn's `robyn_pareto` selection (§5.2): quantile filter, fronts on (nrmse, decomp.rssd), and the number of
 * fronts. O(n log n).
 *
 * Choices where Robyn gives no answer: models with a NaN objective fail the filter and the quantiles skip
 * them (R would stop); when a calibrated run (no `min_candidates` check in Robyn) or a single model never
 * reaches `min_candidates`, all fronts are selected (Robyn would select none and fail later).
 */
export function selectParetoFronts(
  models: ParetoObjectives,
  options: ParetoSelectionOptions,
): ParetoSelection {
  const { nrmse, decompRssd, mape } = models;
  const n = nrmse.length;
  if (decompRssd.length !== n || mape.length !== n) {
    throw new RangeError(
      `selectParetoFronts: ${n} nrmse, ${decompRssd.length} decomp.rssd, ${mape.length} mape values`,
    );
  }
  const fixedFronts = options.paretoFronts === "auto" ? Infinity : options.paretoFronts;
  if (options.paretoFronts !== "auto" && !(Number.isInteger(fixedFronts) && fixedFronts >= 1)) {
    throw new MmmError(
      "invalid_input",
      `pareto_fronts must be "auto" or a whole number of at least 1, not ${String(options.paretoFronts)}.`,
      { context: { field: "pareto_fronts", value: options.paretoFronts } },
    );
  }

  const quantiles = {
    mape: quantileType7(mape, options.calibrationConstraint),
    nrmse: quantileType7(nrmse, 0.9),
    decompRssd: quantileType7(decompRssd, 0.9),
  };
  const mapeQt10: boolean[] = new Array<boolean>(n);
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) {
    // NaN compares false, so a model with a NaN objective fails the filter.
    const pass =
      mape[i]! <= quantiles.mape && nrmse[i]! <= quantiles.nrmse && decompRssd[i]! <= quantiles.decompRssd;
    mapeQt10[i] = pass;
    if (pass) candidates.push(i);
  }

  const candidateX = new Float64Array(candidates.length);
  const candidateY = new Float64Array(candidates.length);
  candidates.forEach((model, k) => {
    candidateX[k] = nrmse[model]!;
    candidateY[k] = decompRssd[model]!;
  });
  const candidateRanks = paretoFrontRanks(candidateX, candidateY, fixedFronts);
  const robynPareto: (number | null)[] = new Array<number | null>(n).fill(null);
  candidates.forEach((model, k) => {
    if (candidateRanks[k]! > 0) robynPareto[model] = candidateRanks[k]!;
  });

  let paretoFronts: number;
  if (options.paretoFronts === "auto") {
    if (candidates.length <= options.minCandidates && n > 1 && !options.calibrated) {
      throw tooFewCandidates(candidates.length, n, options.minCandidates);
    }
    paretoFronts = autoFrontCount(candidateRanks, options.minCandidates);
  } else {
    paretoFronts = fixedFronts;
  }

  const selected: number[] = [];
  for (let i = 0; i < n; i++) {
    const front = robynPareto[i];
    if (front != null && front <= paretoFronts) selected.push(i);
  }
  return {
    robynPareto,
    mapeQt10,
    quantiles,
    paretoFronts,
    selectedModels: Int32Array.from(selected),
    candidateCount: candidates.length,
  };
}

/** Smallest F whose fronts 1..F together hold at least `minCandidates` models; all fronts when none does. */
function autoFrontCount(ranks: Int32Array, minCandidates: number): number {
  let maxFront = 0;
  for (let i = 0; i < ranks.length; i++) maxFront = Math.max(maxFront, ranks[i]!);
  const perFront = new Int32Array(maxFront + 1);
  for (let i = 0; i < ranks.length; i++) if (ranks[i]! > 0) perFront[ranks[i]!]!++;
  let cumulative = 0;
  for (let front = 1; front <= maxFront; front++) {
    cumulative += perFront[front]!;
    if (cumulative >= minCandidates) return front;
  }
  return maxFront;
}

function tooFewCandidates(candidates: number, models: number, minCandidates: number): MmmError {
  return new MmmError(
    "invalid_input",
    `Only ${candidates} of the ${models} models passed the quality filter (the best 90% on both fit error ` +
      `NRMSE and business error DECOMP.RSSD), but choosing the Pareto fronts automatically needs more than ` +
      `${minCandidates} (min_candidates). Run more iterations or more trials so that more models are trained, ` +
      `or lower min_candidates below ${candidates}.`,
    { context: { field: "min_candidates", candidates, models, minCandidates } },
  );
}

/**
 * Robyn's `errors_scores` (§5.2 step 6): each error min–max normalised over all models, weighted by
 * w / Σw (default 1/3 each), and the Euclidean distance to the origin:
 * `error_score = sqrt((w₁·nrmse_n)² + (w₂·decomp.rssd_n)² + (w₃·mape_n)²)`. Lower is better.
 *
 * Robyn's quirks (§8 quirk 10), kept for parity:
 * - ±Inf is replaced by `max(is.finite(column))`, which is 1 when the column has any finite value (else 0),
 *   not by the column's largest finite value;
 * - a column whose values are all equal normalises to NaN, which Robyn then sets to 0 (so an uncalibrated
 *   run's MAPE adds nothing); a column with a single finite value is left unnormalised;
 * - NaN errors: Robyn's normaliser drops them, which misaligns the column (or stops dplyr). Here they are
 *   left out of the min and max and count as 0, which is what Robyn's NA → 0 step means to do.
 *
 * `nrmse` is `nrmse_test` when time-series validation is on, else `nrmse_train` (Robyn's choice).
 * Writes into `out` when given.
 */
export function errorScores(
  errors: { nrmse: Float64Array; decompRssd: Float64Array; mape: Float64Array },
  weights: readonly [number, number, number] = [1, 1, 1],
  out: Float64Array = new Float64Array(errors.nrmse.length),
): Float64Array {
  const n = errors.nrmse.length;
  if (errors.decompRssd.length !== n || errors.mape.length !== n || out.length !== n) {
    throw new RangeError("errorScores: nrmse, decompRssd, mape and out must have the same length");
  }
  const weightSum = weights[0] + weights[1] + weights[2];
  out.fill(0);
  const columns = [errors.nrmse, errors.decompRssd, errors.mape];
  for (let c = 0; c < 3; c++) {
    const weight = weights[c]! / weightSum;
    const column = columns[c]!;
    let anyFinite = false;
    for (let i = 0; i < n; i++) if (Number.isFinite(column[i]!)) anyFinite = true;
    const infinityValue = anyFinite ? 1 : 0;
    const value = (i: number): number => {
      const v = column[i]!;
      return v === Infinity || v === -Infinity ? infinityValue : v;
    };
    let min = Infinity;
    let max = -Infinity;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const v = value(i);
      if (Number.isNaN(v)) continue;
      count++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    for (let i = 0; i < n; i++) {
      const v = value(i);
      let normalised = count === 1 ? v : (v - min) / (max - min);
      if (Number.isNaN(normalised)) normalised = 0;
      const weighted = weight * normalised;
      out[i] = out[i]! + weighted * weighted;
    }
  }
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(out[i]!);
  return out;
}

/** Robyn's `coef0` flag (§5.2 step 5): the model gives zero effect to at least one paid medium. */
export function hasZeroPaidMediaCoefficient(paidMediaCoefficients: Float64Array): boolean {
  for (let i = 0; i < paidMediaCoefficients.length; i++) if (paidMediaCoefficients[i] === 0) return true;
  return false;
}
