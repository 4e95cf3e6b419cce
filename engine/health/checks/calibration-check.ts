/**
 * No calibration: without lift studies the data alone rarely tells apart channels that move together,
 * and the error-score pick can be far off the truth (issue 13 measured a median 25–82 % ROI error on
 * simulated data; three studies brought it to 16–24 %). Every uncalibrated run carries this warning.
 */
import type { HealthCheck } from "../health-finding.ts";

export const calibrationCheck: HealthCheck = (input) => {
  const missing = input.paid_channels.filter((c) => !input.calibrated_channels.includes(c));
  if (input.calibrated_channels.length === 0) {
    return [
      {
        check: "calibration",
        level: "warning",
        message:
          "No lift studies calibrate this model, so its channel ROIs come from the data alone and channels " +
          "that move together cannot be told apart. Treat the ROIs as rough, and add lift studies " +
          "(geo or conversion-lift experiments) for your largest channels before moving budget.",
      },
    ];
  }
  if (missing.length > 0) {
    return [
      {
        check: "calibration",
        level: "warning",
        message:
          `Lift studies calibrate ${input.calibrated_channels.length} of ${input.paid_channels.length} paid channels; ` +
          `${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} none, so ${missing.length === 1 ? "its ROI rests" : "their ROIs rest"} on the data alone. ` +
          "Add a study for the largest of them.",
      },
    ];
  }
  return [
    {
      check: "calibration",
      level: "ok",
      message: `Every paid channel is covered by a lift study (${input.paid_channels.length} of ${input.paid_channels.length}).`,
    },
  ];
};
