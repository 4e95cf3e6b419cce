/**
 * One model read against the run's lift studies, for the viewer's calibration page and its JSON: per
 * study, what the experiment measured (with an interval drawn from its confidence), what the model
 * predicts over the same days, and the error. The rows come from `pareto_calibration.csv` (one per study,
 * in the spec's order, as the trainer writes them) and the confidence from the spec.
 *
 * The experiment's interval needs an assumption, since a study records a confidence but no standard error:
 * its lift is taken to be just significant at its confidence level (the two-sided interval at that level
 * reaches zero), so its standard error is |liftAbs| / z with z = Φ⁻¹((1 + confidence) / 2), and the shown
 * interval is liftAbs ± 1.2816 standard errors (80 %). A study with confidence 0 has no interval.
 */
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import { normalQuantile } from "../../engine/stats/normal-quantile.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Run } from "../run.ts";
import { numberOf, outputRecords } from "./run-outputs.ts";

export const EXPERIMENT_INTERVAL_LEVEL = 0.8;

export const EXPERIMENT_INTERVAL_ASSUMPTION =
  "A study records a confidence but no standard error, so its lift is read as just significant at that " +
  "confidence: the two-sided interval at that level reaches zero, the standard error is |lift| / z with " +
  "z the normal quantile of (1 + confidence) / 2, and the bars show lift ± 1.28 standard errors (80 %).";

export interface StudyReading {
  /** 1-based, in the spec's order. */
  readonly study: number;
  /** The channel(s) as the spec names them, and the media the model read (`rn`). */
  readonly channel: string;
  readonly media: string;
  readonly liftStartDate: string;
  readonly liftEndDate: string;
  readonly confidence: number;
  readonly scope: "immediate" | "total";
  /** What the experiment measured, and its interval (absent for confidence 0 or 1). */
  readonly measured: number;
  readonly measuredLow?: number;
  readonly measuredHigh?: number;
  /** The model's lift over the study's days in its scope (`decompAbsScaled`), and the whole effect. */
  readonly predicted: number;
  readonly predictedTotal: number;
  /** (predicted − measured) / measured. */
  readonly error: number;
  /** The model's prediction inside the experiment's interval. */
  readonly withinInterval?: boolean;
}

export interface ModelCalibration {
  readonly solID: string;
  readonly studies: readonly StudyReading[];
  /** The model's MAPE.LIFT (each study's |error| weighted by its confidence). */
  readonly mape: number;
  readonly intervalLevel: number;
  readonly assumption: string;
}

/** The model's calibration, or `undefined` when the run has no lift studies (no file). */
export async function modelCalibration(
  artifacts: ArtifactStore,
  run: Run,
  solID: string,
): Promise<ModelCalibration | undefined> {
  const text = await artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.paretoCalibration}`);
  if (text === undefined) return undefined;
  const rows = outputRecords(text).filter((r) => String(r.solID) === solID);
  const studies = rows.map((row, i): StudyReading => {
    const spec = run.spec.calibration_input[i];
    const measured = numberOf(row, "liftAbs");
    const predicted = numberOf(row, "decompAbsScaled");
    const confidence = spec?.confidence ?? 1;
    const interval = experimentInterval(measured, confidence);
    return {
      study: i + 1,
      channel: spec?.channel ?? String(row.rn),
      media: String(row.rn),
      liftStartDate: String(row.liftStart),
      liftEndDate: String(row.liftEnd),
      confidence,
      scope: spec?.calibration_scope ?? "immediate",
      measured,
      ...(interval
        ? {
            measuredLow: interval[0],
            measuredHigh: interval[1],
            withinInterval: predicted >= interval[0] && predicted <= interval[1],
          }
        : {}),
      predicted,
      predictedTotal: numberOf(row, "decompAbsTotalScaled"),
      error: (predicted - measured) / measured,
    };
  });
  return {
    solID,
    studies,
    mape: rows.length > 0 ? numberOf(rows[0]!, "mape") : Number.NaN,
    intervalLevel: EXPERIMENT_INTERVAL_LEVEL,
    assumption: EXPERIMENT_INTERVAL_ASSUMPTION,
  };
}

/** The experiment's 80 % interval under the stated assumption; undefined for confidence 0 or 1. */
export function experimentInterval(lift: number, confidence: number): [number, number] | undefined {
  if (!(confidence > 0 && confidence < 1) || !Number.isFinite(lift)) return undefined;
  const standardError = Math.abs(lift) / normalQuantile((1 + confidence) / 2);
  const half = normalQuantile((1 + EXPERIMENT_INTERVAL_LEVEL) / 2) * standardError;
  return [lift - half, lift + half];
}
