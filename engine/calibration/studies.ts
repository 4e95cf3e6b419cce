/**
 * Lift studies (experiments) used to calibrate the model (Robyn `calibration_input`, `check_calibration`;
 * method notes §3.10): validated against the data and turned into row ranges and media indices.
 */
import { invalidInput } from "../../common/errors.ts";
import { dayNumber } from "../data/dates.ts";
import type { ModelInput } from "../model-input/model-input.ts";

export interface CalibrationStudyInput {
  channel: string;
  liftStartDate: string;
  liftEndDate: string;
  liftAbs: number;
  spend: number;
  confidence?: number;
  metric?: string;
  calibration_scope?: "immediate" | "total";
}

export interface CalibrationStudy {
  /** Index of the study in the spec's calibration_input. */
  index: number;
  label: string;
  /** The media names the study measured, joined by "+" (Robyn's `liftMedia`, `rn` of `pareto_calibration.csv`). */
  channels: string;
  liftStartDate: string;
  liftEndDate: string;
  /**
   * How much the experiment is trusted, 0..1 (default 1): MAPE.LIFT weights the study's error by it, see
   * `lift-objective.ts`.
   */
  confidence: number;
  /** Media indices (`ModelInput.media`) the study measured together. */
  media: number[];
  /** First and last data row (absolute indices) of the study period. */
  firstRow: number;
  lastRow: number;
  liftAbs: number;
  /** Days from the study's start to its end, and from the first to the last calibration row's date. */
  liftDays: number;
  decompDays: number;
  scope: "immediate" | "total";
}

export function prepareCalibrationStudies(
  studies: readonly CalibrationStudyInput[],
  input: ModelInput,
  warnings: string[],
): CalibrationStudy[] {
  const { dates, window, media } = input;
  return studies.map((study, index) => {
    const field = (name: string) => `calibration_input[${index}].${name}`;
    const label = `Calibration study ${index + 1} (${study.channel}, ${study.liftStartDate} to ${study.liftEndDate})`;
    const names = study.channel.split(/[+,; ]+/).filter((name) => name.length > 0);
    const mediaIndices = names.map((name) => {
      const m = media.findIndex(
        (channel) => channel.name === name || (channel.paid && channel.spendName === name),
      );
      if (m < 0) {
        throw invalidInput(
          field("channel"),
          `${label} names "${name}", which is not a media variable of this model. Use one of: ${media.map((c) => c.name).join(", ")}.`,
        );
      }
      return m;
    });
    const start = dayNumber(study.liftStartDate);
    const end = dayNumber(study.liftEndDate);
    if (Number.isNaN(start) || Number.isNaN(end)) {
      throw invalidInput(field("liftStartDate"), `${label} has a date that is not a real calendar date.`);
    }
    if (end < start) {
      throw invalidInput(
        field("liftEndDate"),
        `${label} ends before it starts: swap liftStartDate and liftEndDate.`,
      );
    }
    const windowStart = dayNumber(window.startDate);
    const windowEnd = dayNumber(window.endDate);
    if (start < windowStart || end > windowEnd) {
      throw invalidInput(
        field("liftStartDate"),
        `${label} lies outside the modelling window (${window.startDate} to ${window.endDate}): move the window or drop the study.`,
      );
    }
    if (!(study.liftAbs > 0)) {
      throw invalidInput(
        field("liftAbs"),
        `${label} has liftAbs ${study.liftAbs}: it must be the positive incremental response the study measured.`,
      );
    }
    if (study.metric !== undefined && study.metric !== input.depVarName) {
      throw invalidInput(
        field("metric"),
        `${label} measured "${study.metric}" but the model explains "${input.depVarName}": calibrate with studies of the same metric.`,
      );
    }
    // Rows from the period that contains the start date to the last period starting on or before the end.
    let firstRow = window.start;
    while (firstRow + 1 <= window.end && dayNumber(dates[firstRow + 1]!) <= start) firstRow++;
    let lastRow = firstRow;
    while (lastRow + 1 <= window.end && dayNumber(dates[lastRow + 1]!) <= end) lastRow++;
    const decompDays = dayNumber(dates[lastRow]!) - dayNumber(dates[firstRow]!);
    if (decompDays === 0) {
      throw invalidInput(
        field("liftEndDate"),
        `${label} covers a single ${input.interval.type} of the data: a study must span at least two periods to be compared with the model.`,
      );
    }
    const dataSpend = mediaIndices.reduce((total, m) => {
      const spend = media[m]!.spend;
      if (!spend) return total;
      for (let t = firstRow; t <= lastRow; t++) total += spend[t]!;
      return total;
    }, 0);
    if (dataSpend > 0 && Math.abs(study.spend - dataSpend) > 0.1 * dataSpend) {
      warnings.push(
        `${label}: its spend (${study.spend}) differs by more than 10% from the data's spend in that period (${Math.round(dataSpend)}).`,
      );
    }
    if (study.confidence !== undefined && study.confidence < 0.8) {
      warnings.push(
        `${label}: its confidence (${study.confidence}) is below 0.8; such studies may mislead the model.`,
      );
    }
    return {
      index,
      label,
      channels: mediaIndices.map((m) => media[m]!.name).join("+"),
      liftStartDate: study.liftStartDate,
      liftEndDate: study.liftEndDate,
      confidence: study.confidence ?? 1,
      media: mediaIndices,
      firstRow,
      lastRow,
      liftAbs: study.liftAbs,
      liftDays: end - start,
      decompDays,
      scope: study.calibration_scope ?? "immediate",
    };
  });
}
