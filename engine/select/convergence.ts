/**
 * The convergence report of the search (Robyn's method notes §4.5; Robyn `robyn_converge`). Informational
 * only: it never stops the search.
 *
 * Per objective, pooling all trials:
 * 1. keep the values that are finite and > 0 (an uncalibrated MAPE is all zeros and so drops out entirely);
 *    within each trial number them iter = 1, 2, … in the order they were evaluated;
 * 2. cut iter into `nCuts` equal-width bins over [0, M], M = the largest iter over all objectives and trials
 *    (right-closed bins, the first also closed on the left: R's `cut(include.lowest = TRUE)`); empty bins are
 *    dropped, as R's grouping does;
 * 3. per bin: median and sample standard deviation (n − 1);
 * 4. first_sd_avg = mean sd of the first `sdQtref` bins, first_med = |median of the first bin|,
 *    med_thres = |first_med − medLowb·first_sd_avg|;
 * 5. converged ⇔ in the last bin sd < first_sd_avg and |median| < med_thres.
 * Message, numbers at 2 significant digits as R prints them:
 * "NRMSE converged: sd@qt.20 0.01 <= 0.022 & |med@qt.20| 0.048 <= 0.12" (or "NOT converged" with ">").
 * R leaves the flags NA when a bin has a single value (sd NA); here such a comparison counts as not passed.
 */
import { formatR, roundHalfEven, signif } from "../stats/r-numbers.ts";
import { MmmError } from "../../common/errors.ts";

export type ObjectiveName = "NRMSE" | "DECOMP.RSSD" | "MAPE";

export interface ObjectiveValues {
  name: ObjectiveName;
  /** One array per trial, in evaluation order (Robyn orders by elapsed time within a trial). */
  valuesByTrial: Float64Array[];
}

export interface ConvergenceOptions {
  /** Number of bins (Robyn's `n_cuts`), default 20. */
  nCuts?: number;
  /** Bins whose sd is averaged for the reference (Robyn's `sd_qtref`), default 3. */
  sdQtref?: number;
  /** How many reference sds the last median must fall below the first (Robyn's `med_lowb`), default 2. */
  medLowb?: number;
}

export interface ConvergenceBin {
  /** 1-based bin number among the `nCuts` bins. */
  bin: number;
  /** R's label of the bin: its rounded upper iteration. */
  label: number;
  count: number;
  median: number;
  /** Sample standard deviation; NaN with a single value. */
  sd: number;
}

export interface ObjectiveConvergence {
  name: ObjectiveName;
  converged: boolean;
  message: string;
  /** Non-empty bins in order. */
  bins: ConvergenceBin[];
  firstSdAverage: number;
  firstMedian: number;
  medianThreshold: number;
  lastSd: number;
  lastMedian: number;
  /** Last bin's sd < firstSdAverage. */
  sdPassed: boolean;
  /** Last bin's |median| < medianThreshold. */
  medianPassed: boolean;
  /** M: the largest iteration number (shared by all objectives). */
  maxIteration: number;
}

/**
 * Robyn's convergence rule and messages for each objective that has values > 0 (objectives without any are
 * left out, as in Robyn). Output follows the input order of the objectives (Robyn sorts them by name).
 */
export function convergenceReport(
  objectives: readonly ObjectiveValues[],
  options: ConvergenceOptions = {},
): ObjectiveConvergence[] {
  const { nCuts = 20, sdQtref = 3, medLowb = 2 } = options;
  if (!(
    Number.isInteger(nCuts) &&
    Number.isInteger(sdQtref) &&
    sdQtref >= 1 &&
    nCuts > Math.min(sdQtref, medLowb) + 1
  )) {
    throw new MmmError(
      "invalid_input",
      `The convergence report needs a whole number of bins (n_cuts, now ${nCuts}) larger than ` +
        `min(sd_qtref, med_lowb) + 1 = ${Math.min(sdQtref, medLowb) + 1}, and a whole sd_qtref of at least 1 (now ${sdQtref}).`,
      { context: { field: "n_cuts", nCuts, sdQtref, medLowb } },
    );
  }
  const kept = objectives.map((objective) => ({
    name: objective.name,
    trials: objective.valuesByTrial.map((values) => values.filter((v) => Number.isFinite(v) && v > 0)),
  }));
  let maxIteration = 0;
  for (const objective of kept)
    for (const trial of objective.trials) maxIteration = Math.max(maxIteration, trial.length);
  if (maxIteration === 0) return [];
  const breaks = binBreaks(maxIteration, nCuts);
  const labels = binLabels(maxIteration, nCuts);

  const report: ObjectiveConvergence[] = [];
  for (const objective of kept) {
    const perBin: number[][] = Array.from({ length: nCuts }, () => []);
    for (const trial of objective.trials) {
      trial.forEach((value, index) => perBin[binOf(index + 1, breaks)]!.push(value));
    }
    const bins: ConvergenceBin[] = [];
    perBin.forEach((values, b) => {
      if (values.length > 0) {
        bins.push({
          bin: b + 1,
          label: labels[b]!,
          count: values.length,
          median: median(values),
          sd: sampleSd(values),
        });
      }
    });
    if (bins.length === 0) continue;
    report.push(judge(objective.name, bins, nCuts, sdQtref, medLowb, maxIteration));
  }
  return report;
}

function judge(
  name: ObjectiveName,
  bins: ConvergenceBin[],
  nCuts: number,
  sdQtref: number,
  medLowb: number,
  maxIteration: number,
): ObjectiveConvergence {
  // R's `std[1:sd_qtref]` reads past the end as NA when there are fewer bins; NaN plays that part here.
  let sdSum = 0;
  for (let b = 0; b < sdQtref; b++) sdSum += bins[b]?.sd ?? Number.NaN;
  const firstSdAverage = sdSum / sdQtref;
  const firstMedian = Math.abs(bins[0]!.median);
  const medianThreshold = Math.abs(firstMedian - medLowb * firstSdAverage);
  const last = bins[bins.length - 1]!;
  const lastSd = last.sd;
  const lastMedian = Math.abs(last.median);
  const sdPassed = lastSd < firstSdAverage;
  const medianPassed = lastMedian < medianThreshold;
  const converged = sdPassed && medianPassed;
  const message =
    `${name} ${converged ? "" : "NOT "}converged: ` +
    `sd@qt.${nCuts} ${formatR(signif(lastSd, 2))} ${sdPassed ? "<=" : ">"} ${formatR(signif(firstSdAverage, 2))} & ` +
    `|med@qt.${nCuts}| ${formatR(signif(lastMedian, 2))} ${medianPassed ? "<=" : ">"} ${formatR(signif(medianThreshold, 2))}`;
  return {
    name,
    converged,
    message,
    bins,
    firstSdAverage,
    firstMedian,
    medianThreshold,
    lastSd,
    lastMedian,
    sdPassed,
    medianPassed,
    maxIteration,
  };
}

/** R's `seq(0, M, length.out = nCuts + 1)`: interior points j·(M/nCuts), the last exactly M. */
function binBreaks(maxIteration: number, nCuts: number): Float64Array {
  const breaks = new Float64Array(nCuts + 1);
  const step = maxIteration / nCuts;
  for (let j = 1; j < nCuts; j++) breaks[j] = j * step;
  breaks[nCuts] = maxIteration;
  return breaks;
}

/** R's labels `round(seq(M/nCuts, M, length.out = nCuts))`. */
function binLabels(maxIteration: number, nCuts: number): number[] {
  const from = maxIteration / nCuts;
  const step = (maxIteration - from) / (nCuts - 1);
  return Array.from({ length: nCuts }, (_, j) =>
    roundHalfEven(j === nCuts - 1 ? maxIteration : from + j * step),
  );
}

/** 0-based bin of iteration `iter` ≥ 1: the first b with iter ≤ breaks[b + 1]. */
function binOf(iter: number, breaks: Float64Array): number {
  let lo = 0;
  let hi = breaks.length - 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (iter <= breaks[mid + 1]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function median(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >>> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Sample standard deviation (n − 1), two-pass; NaN for fewer than two values. */
function sampleSd(values: number[]): number {
  if (values.length < 2) return Number.NaN;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let sum = 0;
  for (const v of values) sum += (v - mean) * (v - mean);
  return Math.sqrt(sum / (values.length - 1));
}
