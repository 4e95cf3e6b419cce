/**
 * MAPE.LIFT, the third objective when lift studies are given (Robyn `lift_calibration`; method notes §3.10):
 * how far the model's predicted incremental response over each study period is from what the study
 * measured, averaged over studies.
 *
 * - scope `total`: the channel's whole decomposed response over the study rows;
 * - scope `immediate`: minus the carryover from spend before the study, i.e. b·sat_marginal(h) with
 *   h = adstock of the full series − adstock of the study-period values alone (restarted at 0), using the
 *   window inflexion.
 * The prediction is rescaled from the calibration rows' span to the study's span in days.
 */
import type { CalibrationObjective, ModelEvaluator } from "../model/evaluator.ts";
import type { ModelHyperparameters } from "../model/hyperparameters.ts";
import type { ModelFit } from "../model/model-fit.ts";
import {
  convolveDecay,
  geometricAdstock,
  weibullCdfWeights,
  weibullPdfWeights,
} from "../transform/adstock.ts";
import type { CalibrationStudy } from "./studies.ts";

export class LiftCalibration implements CalibrationObjective {
  private readonly studyInput: Float64Array;
  private readonly studyAdstock: Float64Array;
  private readonly weights: Float64Array;

  constructor(
    readonly studies: readonly CalibrationStudy[],
    rows: number,
  ) {
    this.studyInput = new Float64Array(rows);
    this.studyAdstock = new Float64Array(rows);
    this.weights = new Float64Array(rows);
  }

  mape(evaluator: ModelEvaluator, hyperparameters: ModelHyperparameters, fit: ModelFit): number {
    let total = 0;
    for (const study of this.studies) {
      const predicted = this.predictedLift(evaluator, hyperparameters, fit, study);
      total += Math.abs(predicted - study.liftAbs) / study.liftAbs;
    }
    return total / this.studies.length;
  }

  /** The model's lift over the study, rescaled to the study's length (`decompAbsScaled`). */
  predictedLift(
    evaluator: ModelEvaluator,
    hyperparameters: ModelHyperparameters,
    fit: ModelFit,
    study: CalibrationStudy,
  ): number {
    const { input, design, windowRows } = evaluator;
    const windowStart = input.window.start;
    let predicted = 0;
    for (const m of study.media) {
      const channel = input.media[m]!;
      const b = fit.coefficients[channel.regressorIndex]!;
      const column = channel.regressorIndex * windowRows;
      for (let t = study.firstRow; t <= study.lastRow; t++)
        predicted += b * design[column + t - windowStart]!;
      if (study.scope === "immediate" && b !== 0) {
        predicted -= b * this.historicalCarryoverResponse(evaluator, hyperparameters, fit, study, m);
      }
    }
    return (predicted / study.decompDays) * study.liftDays;
  }

  /** Σ over the study rows of sat_marginal(adstock(full) − adstock(study period only)). */
  private historicalCarryoverResponse(
    evaluator: ModelEvaluator,
    hyperparameters: ModelHyperparameters,
    fit: ModelFit,
    study: CalibrationStudy,
    m: number,
  ): number {
    const { input } = evaluator;
    const x = input.regressors[input.media[m]!.regressorIndex]!.values;
    const h = hyperparameters.media[m]!;
    const length = study.lastRow - study.firstRow + 1;
    const isolated = this.studyInput.subarray(0, length);
    isolated.set(x.subarray(study.firstRow, study.lastRow + 1));
    const adstocked = this.studyAdstock;
    if (input.adstock === "geometric") {
      geometricAdstock(isolated, h.theta, adstocked, length);
    } else {
      // Robyn re-runs the Weibull adstock on the study values; its window length is the study length.
      (input.adstock === "weibull_cdf" ? weibullCdfWeights : weibullPdfWeights)(
        h.shape,
        h.scale,
        length,
        this.weights,
      );
      convolveDecay(isolated, this.weights, adstocked, length);
    }
    const full = evaluator.adstocked[m]!;
    const alpha = h.alpha;
    const inflexion = fit.inflexion[m]!;
    let response = 0;
    for (let i = 0; i < length; i++) {
      const carry = full[study.firstRow + i]! - adstocked[i]!;
      response += carry > 0 ? 1 / (1 + Math.pow(inflexion / carry, alpha)) : 0;
    }
    return response;
  }
}
