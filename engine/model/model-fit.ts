/**
 * What one evaluation of a candidate model yields: Robyn's per-model results (`resultHypParam` plus the
 * aggregate decomposition), held in preallocated arrays so the search can reuse one object per worker.
 */
export interface ModelFit {
  /** Regression coefficients in original units, one per regressor (`ModelInput.regressors` order). */
  readonly coefficients: Float64Array;
  intercept: number;
  interceptDropped: boolean;
  /** Degrees of freedom charged for the intercept (Robyn's `df.int`). */
  dfInt: number;
  lambda: number;
  nTrain: number;
  nVal: number;
  nTest: number;
  rsqTrain: number;
  rsqVal: number;
  rsqTest: number;
  nrmseTrain: number;
  nrmseVal: number;
  nrmseTest: number;
  /** Objective 1: validation NRMSE with time-series validation, training NRMSE otherwise. */
  nrmse: number;
  /** Objective 2: DECOMP.RSSD, the distance between effect and spend shares of paid media. */
  decompRssd: number;
  /** Objective 3: mean MAPE.LIFT over calibration studies (0 without calibration). */
  mape: number;
  /** Per medium (`ModelInput.media` order): Hill inflexion γ·max(window adstock) and adstock inflation. */
  readonly inflexion: Float64Array;
  readonly inflation: Float64Array;
  /** Per regressor: Σ over the window of coefficient × model column (Robyn's `xDecompAgg`). */
  readonly xDecompAgg: Float64Array;
  /** Σ over the window of the intercept's contribution. */
  interceptAgg: number;
  /** Σ over the window of the fitted values. */
  fittedSum: number;
  /** Per medium: share of the paid media effect (NaN for organic). */
  readonly effectShare: Float64Array;
  /** True when every decomposition aggregate is ≥ 0 (Robyn's `pos`). */
  pos: boolean;
}

export function createModelFit(regressorCount: number, mediaCount: number): ModelFit {
  return {
    coefficients: new Float64Array(regressorCount),
    intercept: 0,
    interceptDropped: false,
    dfInt: 1,
    lambda: 0,
    nTrain: 0,
    nVal: 0,
    nTest: 0,
    rsqTrain: Number.NaN,
    rsqVal: Number.NaN,
    rsqTest: Number.NaN,
    nrmseTrain: Number.NaN,
    nrmseVal: Number.NaN,
    nrmseTest: Number.NaN,
    nrmse: Number.NaN,
    decompRssd: Number.NaN,
    mape: 0,
    inflexion: new Float64Array(mediaCount),
    inflation: new Float64Array(mediaCount),
    xDecompAgg: new Float64Array(regressorCount),
    interceptAgg: 0,
    fittedSum: 0,
    effectShare: new Float64Array(mediaCount),
    pos: true,
  };
}
