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
 *
 * Confidence: each study's error is weighted by its `confidence` (0..1),
 *   MAPE.LIFT = Σ confidenceᵢ · |predictedᵢ − liftAbsᵢ| / liftAbsᵢ  /  Σ confidenceᵢ,
 * so a study the team trusts less pulls the search less. With equal confidences (Robyn's case: Robyn only
 * warns below 0.8 and never uses the value) this is Robyn's plain mean; when every confidence is 0 the plain
 * mean is used too.
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

/** One study read against one model: Robyn's `liftCalibration` row (`pareto_calibration.csv`). */
export interface StudyLift {
  study: CalibrationStudy;
  /** The model's lift over the study in the study's scope, rescaled to its days (`decompAbsScaled`). */
  predicted: number;
  /** The model's whole decomposed response over the study, rescaled (`decompAbsTotalScaled`). */
  predictedTotal: number;
  /** |predicted − liftAbs| / liftAbs (`mape_lift`). */
  error: number;
}

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
    let weighted = 0;
    let weights = 0;
    let plain = 0;
    for (const study of this.studies) {
      const predicted = this.predictedLift(evaluator, hyperparameters, fit, study);
      const error = Math.abs(predicted - study.liftAbs) / study.liftAbs;
      weighted += study.confidence * error;
      weights += study.confidence;
      plain += error;
    }
    return weights > 0 ? weighted / weights : plain / this.studies.length;
  }

  /** Every study read against the model the evaluator evaluated last (not on the search's hot path). */
  studyLifts(evaluator: ModelEvaluator, hyperparameters: ModelHyperparameters, fit: ModelFit): StudyLift[] {
    return this.studies.map((study) => {
      const predicted = this.predictedLift(evaluator, hyperparameters, fit, study);
      const predictedTotal =
        study.scope === "total"
          ? predicted
          : this.predictedLift(evaluator, hyperparameters, fit, study, "total");
      return {
        study,
        predicted,
        predictedTotal,
        error: Math.abs(predicted - study.liftAbs) / study.liftAbs,
      };
    });
  }

  /** The model's lift over the study, rescaled to the study's length (`decompAbsScaled`). */
  predictedLift(
    evaluator: ModelEvaluator,
    hyperparameters: ModelHyperparameters,
    fit: ModelFit,
    study: CalibrationStudy,
    scope: CalibrationStudy["scope"] = study.scope,
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
      if (scope === "immediate" && b !== 0) {
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
