/**
 * Evaluates batches of candidates given as unit vectors, writing one fixed-width row of results per
 * candidate. The same code runs in the main thread and in worker threads, so results do not depend on
 * where a candidate was evaluated.
 */
import { LiftCalibration } from "../calibration/lift-objective.ts";
import type { CalibrationStudy } from "../calibration/studies.ts";
import { ModelEvaluator } from "../model/evaluator.ts";
import type { ModelHyperparameters } from "../model/hyperparameters.ts";
import { createModelFit, type ModelFit } from "../model/model-fit.ts";
import type { ModelInput } from "../model-input/model-input.ts";
import { RefreshRssd, type RefreshReference } from "../refresh/refresh-rssd.ts";
import { SearchSpace, type SearchSpaceOptions } from "./search-space.ts";

/** Everything needed to evaluate candidates; plain data, so it can be sent to a worker thread. */
export interface SearchSetup {
  input: ModelInput;
  space: SearchSpaceOptions;
  studies: CalibrationStudy[];
  /** A refresh: DECOMP.RSSD is measured against the parent model's decomposition. */
  refresh?: RefreshReference;
}

/** Column positions in a result row; per-medium inflexion and inflation follow at `MEDIA_START`. */
export const COLUMN = {
  nrmse: 0,
  decompRssd: 1,
  mape: 2,
  rsqTrain: 3,
  rsqVal: 4,
  rsqTest: 5,
  nrmseTrain: 6,
  nrmseVal: 7,
  nrmseTest: 8,
  lambda: 9,
  /** 1 when every decomposition aggregate is ≥ 0 (Robyn's `pos`). */
  pos: 10,
  /** 1 when any paid medium's coefficient is 0 (Robyn's `coef0`). */
  coef0: 11,
  interceptDropped: 12,
} as const;
const MEDIA_START = 13;

export function rowWidth(mediaCount: number): number {
  return MEDIA_START + 2 * mediaCount;
}

export function inflexionColumn(media: number): number {
  return MEDIA_START + 2 * media;
}

export function inflationColumn(media: number): number {
  return MEDIA_START + 2 * media + 1;
}

export class CandidateEvaluator {
  readonly space: SearchSpace;
  readonly evaluator: ModelEvaluator;
  readonly hyperparameters: ModelHyperparameters;
  readonly fit: ModelFit;
  readonly width: number;

  constructor(readonly setup: SearchSetup) {
    const { input, studies } = setup;
    this.space = new SearchSpace(input, setup.space);
    const calibration = studies.length > 0 ? new LiftCalibration(studies, input.dates.length) : undefined;
    const refresh = setup.refresh ? new RefreshRssd(input, setup.refresh) : undefined;
    this.evaluator = new ModelEvaluator(input, calibration, refresh);
    this.hyperparameters = this.space.createHyperparameters();
    this.fit = createModelFit(input.regressors.length, input.media.length);
    this.width = rowWidth(input.media.length);
  }

  /** Evaluates `count` unit vectors laid out one after another in `units`; writes rows into `out`. */
  evaluateBatch(units: Float64Array, count: number, out: Float64Array): void {
    const d = this.space.dimension;
    for (let i = 0; i < count; i++) {
      this.evaluateOne(units, i * d);
      this.writeRow(out, i * this.width);
    }
  }

  /** Evaluates the unit vector at `units[offset…]`, leaving the fit and workspace readable. */
  evaluateOne(units: Float64Array, offset: number): void {
    this.space.toHyperparameters(units, offset, this.hyperparameters);
    this.evaluator.evaluate(this.hyperparameters, this.fit);
  }

  private writeRow(out: Float64Array, at: number): void {
    const { fit } = this;
    const { media } = this.setup.input;
    out[at + COLUMN.nrmse] = fit.nrmse;
    out[at + COLUMN.decompRssd] = fit.decompRssd;
    out[at + COLUMN.mape] = fit.mape;
    out[at + COLUMN.rsqTrain] = fit.rsqTrain;
    out[at + COLUMN.rsqVal] = fit.rsqVal;
    out[at + COLUMN.rsqTest] = fit.rsqTest;
    out[at + COLUMN.nrmseTrain] = fit.nrmseTrain;
    out[at + COLUMN.nrmseVal] = fit.nrmseVal;
    out[at + COLUMN.nrmseTest] = fit.nrmseTest;
    out[at + COLUMN.lambda] = fit.lambda;
    out[at + COLUMN.pos] = fit.pos ? 1 : 0;
    let coef0 = 0;
    for (const channel of media)
      if (channel.paid && fit.coefficients[channel.regressorIndex] === 0) coef0 = 1;
    out[at + COLUMN.coef0] = coef0;
    out[at + COLUMN.interceptDropped] = fit.interceptDropped ? 1 : 0;
    for (let m = 0; m < media.length; m++) {
      out[at + inflexionColumn(m)] = fit.inflexion[m]!;
      out[at + inflationColumn(m)] = fit.inflation[m]!;
    }
  }
}
