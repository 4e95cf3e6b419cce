/**
 * Evaluates one candidate model: the hot path of the search (Robyn `robyn_mmm` inner loop:
 * `run_transformations` → `model_refit` → `model_decomp` → DECOMP.RSSD [→ MAPE.LIFT]; method notes §2–3).
 *
 * All buffers are allocated once per evaluator; `evaluate` allocates nothing. The workspace (adstocked
 * series, the window design matrix, fitted values) stays readable after a call, so the full model record
 * can be built from it without repeating the work.
 */
import { adjustedRsq, nrmse } from "../fit/metrics.ts";
import { modelRefit } from "../fit/model-refit.ts";
import { RidgeSolver, type RidgeFit } from "../fit/ridge.ts";
import { timeSeriesSplit } from "../fit/split.ts";
import type { ModelInput } from "../model-input/model-input.ts";
import {
  convolveDecay,
  geometricAdstock,
  weibullCdfWeights,
  weibullPdfWeights,
} from "../transform/adstock.ts";
import { hillInflexion, hillSaturate } from "../transform/saturation.ts";
import type { ModelHyperparameters } from "./hyperparameters.ts";
import type { ModelFit } from "./model-fit.ts";

/** Computes MAPE.LIFT for a fitted model from the evaluator's workspace (see `calibration.ts`). */
export interface CalibrationObjective {
  mape(evaluator: ModelEvaluator, hyperparameters: ModelHyperparameters, fit: ModelFit): number;
}

/** Replaces DECOMP.RSSD for a fitted model (a refresh measures the distance to the parent's decomposition). */
export interface DecompObjective {
  of(fit: ModelFit): number;
}

export class ModelEvaluator {
  /** Rows of all data (N) and of the window (W). */
  readonly rows: number;
  readonly windowRows: number;
  /** Per medium: adstocked series over all rows 0..window end (rows after the window are not needed). */
  readonly adstocked: Float64Array[];
  /** Per medium: the decay weights of the last Weibull evaluation (all rows). */
  readonly decayWeights: Float64Array[];
  /** Window design matrix, column-major (column j at j·W): media columns saturated, the rest as is. */
  readonly design: Float64Array;
  /** Dependent variable over the window. */
  readonly y: Float64Array;
  /** Fitted values over the window from the last evaluation. */
  readonly fitted: Float64Array;

  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  private readonly ridge: RidgeSolver;
  private readonly ridgeFit: RidgeFit;
  private readonly weightPrefix: Float64Array;

  constructor(
    readonly input: ModelInput,
    private readonly calibration?: CalibrationObjective,
    private readonly decompObjective?: DecompObjective,
  ) {
    const { window, regressors, media } = input;
    const n = input.dates.length;
    const w = window.length;
    const p = regressors.length;
    this.rows = n;
    this.windowRows = w;
    this.adstocked = media.map(() => new Float64Array(n));
    this.decayWeights = media.map(() => new Float64Array(input.adstock === "geometric" ? 0 : n));
    this.weightPrefix = new Float64Array(n + 1);
    this.design = new Float64Array(w * p);
    this.y = input.depVar.slice(window.start, window.end + 1);
    this.fitted = new Float64Array(w);
    regressors.forEach((regressor, j) => {
      if (regressor.mediaIndex < 0)
        this.design.set(regressor.values.subarray(window.start, window.end + 1), j * w);
    });
    this.lower = new Float64Array(p);
    this.upper = new Float64Array(p);
    regressors.forEach((regressor, j) => {
      const [lo, hi] = signBounds(regressor.kind === "prophet" ? "prophet" : regressor.sign);
      this.lower[j] = lo;
      this.upper[j] = hi;
    });
    this.ridge = new RidgeSolver(w, p);
    this.ridgeFit = { coefficients: new Float64Array(p), intercept: 0 };
  }

  evaluate(hyperparameters: ModelHyperparameters, out: ModelFit): void {
    const { input, design, y, fitted, lower, upper } = this;
    const { window, regressors, media } = input;
    const w = this.windowRows;
    const p = regressors.length;

    for (let m = 0; m < media.length; m++) {
      const channel = media[m]!;
      const h = hyperparameters.media[m]!;
      const x = regressors[channel.regressorIndex]!.values;
      out.inflation[m] = this.adstock(m, x, h.theta, h.shape, h.scale);
      const adstocked = this.adstocked[m]!;
      const inflexion = hillInflexion(adstocked, h.gamma, window.start, window.end + 1);
      out.inflexion[m] = inflexion;
      hillSaturate(
        adstocked,
        h.alpha,
        inflexion,
        design,
        window.start,
        window.end + 1,
        channel.regressorIndex * w,
      );
    }

    const split = timeSeriesSplit(w, hyperparameters.trainSize);
    out.nTrain = split.nTrain;
    out.nVal = split.nVal;
    out.nTest = split.nTest;
    this.setTrendBound(split.nTrain);
    const outcome = modelRefit(
      this.ridge,
      design,
      w,
      split.nTrain,
      p,
      y,
      lower,
      upper,
      hyperparameters.lambda,
      input.intercept,
      input.interceptSign,
      this.ridgeFit,
      hyperparameters.penalty,
    );
    out.coefficients.set(this.ridgeFit.coefficients);
    out.intercept = this.ridgeFit.intercept;
    out.interceptDropped = outcome.interceptDropped;
    out.dfInt = outcome.dfInt;
    out.lambda = hyperparameters.lambda;

    // Fitted values and the aggregate decomposition over the whole window (train, validation and test).
    fitted.fill(out.intercept);
    let pos = out.intercept >= 0;
    let fittedSum = out.intercept * w;
    for (let j = 0; j < p; j++) {
      const b = out.coefficients[j]!;
      const column = j * w;
      let sum = 0;
      for (let t = 0; t < w; t++) {
        const contribution = b * design[column + t]!;
        fitted[t] = fitted[t]! + contribution;
        sum += contribution;
      }
      out.xDecompAgg[j] = sum;
      fittedSum += sum;
      if (sum < 0) pos = false;
    }
    out.interceptAgg = out.intercept * w;
    out.fittedSum = fittedSum;
    out.pos = pos;

    const { nTrain, nVal } = split;
    out.rsqTrain = adjustedRsq(y, fitted, 0, nTrain, p, out.dfInt, nTrain);
    out.nrmseTrain = nrmse(y, fitted, 0, nTrain);
    if (nVal > 0 && split.nTest > 0) {
      out.rsqVal = adjustedRsq(y, fitted, nTrain, nTrain + nVal, p, out.dfInt, nTrain);
      out.rsqTest = adjustedRsq(y, fitted, nTrain + nVal, w, p, out.dfInt, nTrain);
      out.nrmseVal = nrmse(y, fitted, nTrain, nTrain + nVal);
      out.nrmseTest = nrmse(y, fitted, nTrain + nVal, w);
      out.nrmse = out.nrmseVal;
    } else {
      out.rsqVal = out.rsqTest = out.nrmseVal = out.nrmseTest = Number.NaN;
      out.nrmse = out.nrmseTrain;
    }
    // Always computed: it also fills the effect shares, which a replaced objective keeps.
    out.decompRssd = this.decompRssd(out);
    if (this.decompObjective) out.decompRssd = this.decompObjective.of(out);
    out.mape = this.calibration ? this.calibration.mape(this, hyperparameters, out) : 0;
  }

  /** Adstocks medium `m` into `this.adstocked[m]`; returns Robyn's inflation Σ adstocked / Σ raw (all rows). */
  private adstock(m: number, x: Float64Array, theta: number, shape: number, scale: number): number {
    const n = this.rows;
    const out = this.adstocked[m]!;
    let sumX = 0;
    for (let t = 0; t < n; t++) sumX += x[t]!;
    if (this.input.adstock === "geometric") {
      geometricAdstock(x, theta, out, n);
      let sumA = 0;
      for (let t = 0; t < n; t++) sumA += out[t]!;
      return sumA / sumX;
    }
    const weights = this.decayWeights[m]!;
    (this.input.adstock === "weibull_cdf" ? weibullCdfWeights : weibullPdfWeights)(shape, scale, n, weights);
    // Rows after the window never enter the model: convolve only up to the window's last row.
    const end = this.input.window.end + 1;
    convolveDecay(x, weights, out, end);
    if (shape === 0 || scale === 0) return 1;
    // Σ_t a_t over all N rows = Σ_u x_u · (d_1 + … + d_{N−u}), from prefix sums of the weights: O(N).
    const prefix = this.weightPrefix;
    prefix[0] = 0;
    for (let k = 0; k < n; k++) prefix[k + 1] = prefix[k]! + weights[k]!;
    let sumA = 0;
    for (let u = 0; u < n; u++) sumA += x[u]! * prefix[n - u]!;
    return sumA / sumX;
  }

  /** Robyn: a negative training sum of the trend flips its coefficient bounds to [−1, 0]. */
  private setTrendBound(nTrain: number): void {
    const { regressors } = this.input;
    for (let j = 0; j < regressors.length; j++) {
      if (regressors[j]!.kind !== "prophet" || regressors[j]!.name !== "trend") continue;
      let sum = 0;
      for (let t = 0; t < nTrain; t++) sum += this.design[j * this.windowRows + t]!;
      this.lower[j] = sum < 0 ? -1 : 0;
      this.upper[j] = sum < 0 ? 0 : 1;
    }
  }

  /**
   * DECOMP.RSSD (method notes §3.9): √Σ_paid (effect share − spend share)², times (1 + share of paid media
   * whose effect share rounds to 0 at 4 decimals) when `rssd_zero_penalty` is on; ∞ when no paid medium
   * has an effect. Also fills `effectShare`.
   */
  private decompRssd(out: ModelFit): number {
    const { media } = this.input;
    let paidPercSum = 0;
    let paidCount = 0;
    for (const channel of media) {
      if (!channel.paid) continue;
      paidPercSum += out.xDecompAgg[channel.regressorIndex]! / out.fittedSum;
      paidCount++;
    }
    let sumSq = 0;
    let zeros = 0;
    let anyEffect = false;
    for (let m = 0; m < media.length; m++) {
      const channel = media[m]!;
      if (!channel.paid) {
        out.effectShare[m] = Number.NaN;
        continue;
      }
      if (out.coefficients[channel.regressorIndex] !== 0) anyEffect = true;
      const share = out.xDecompAgg[channel.regressorIndex]! / out.fittedSum / paidPercSum;
      out.effectShare[m] = share;
      const gap = share - channel.spendShare;
      sumSq += gap * gap;
      if (Math.abs(share) < 0.00005) zeros++;
    }
    if (!anyEffect) {
      for (let m = 0; m < media.length; m++) if (media[m]!.paid) out.effectShare[m] = 0;
      return Number.POSITIVE_INFINITY;
    }
    const rssd = Math.sqrt(sumSq);
    return this.input.rssdZeroPenalty ? rssd * (1 + zeros / paidCount) : rssd;
  }
}

/** Coefficient bounds in original units (method notes §3.3). Prophet columns: [0, 1] (trend set per fit). */
function signBounds(sign: "positive" | "negative" | "default" | "prophet"): [number, number] {
  switch (sign) {
    case "prophet":
      return [0, 1];
    case "positive":
      return [0, Number.POSITIVE_INFINITY];
    case "negative":
      return [Number.NEGATIVE_INFINITY, 0];
    default:
      return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  }
}
