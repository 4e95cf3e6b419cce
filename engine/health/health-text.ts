/**
 * Words shared by every surface that shows the health checks (Slack, the viewer, the one-pager): a label
 * per check, the headline count, and the calibration sentence of the run summary.
 */
import type { CalibrationSummary } from "../outputs/model-summary.ts";
import type { HealthFinding, HealthLevel } from "./health-finding.ts";

const LABELS: Record<string, string> = {
  calibration: "Calibration",
  lift_study: "Lift study",
  baseline_share: "Baseline share",
  intercept: "Intercept",
  context_effects: "Context effects",
  spend_data: "Spend data",
  roi_band: "ROI band",
  effect_vs_spend: "Effect vs spend",
  fit: "Fit",
  holdout: "Holdout",
  health: "Health checks",
};

export function checkLabel(check: string): string {
  return LABELS[check] ?? check;
}

const ORDER: Record<HealthLevel, number> = { problem: 0, warning: 1, ok: 2 };

/** Problems first, then warnings, then what is fine; in check order within a level. */
export function byLevel(findings: readonly HealthFinding[]): HealthFinding[] {
  return [...findings].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
}

/** "2 problems, 1 warning, 6 checks fine" */
export function healthHeadline(findings: readonly HealthFinding[]): string {
  const count = (level: HealthLevel) => findings.filter((f) => f.level === level).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const parts = [
    count("problem") > 0 ? plural(count("problem"), "problem") : "",
    count("warning") > 0 ? plural(count("warning"), "warning") : "",
    count("ok") > 0 ? `${plural(count("ok"), "check")} fine` : "",
  ].filter(Boolean);
  return parts.join(", ");
}

/** "2 of 5 paid channels calibrated by 3 lift studies (…)" */
export function calibrationSentence(calibration: CalibrationSummary): string {
  const paid = calibration.calibrated_channels.length + calibration.uncalibrated_channels.length;
  if (calibration.studies === 0 || calibration.calibrated_channels.length === 0) {
    return `None of the ${paid} paid channels is calibrated by a lift study.`;
  }
  return (
    `${calibration.calibrated_channels.length} of ${paid} paid channels calibrated by ` +
    `${calibration.studies} lift ${calibration.studies === 1 ? "study" : "studies"} ` +
    `(${calibration.calibrated_channels.join(", ")}); each study's error counts in proportion to its confidence.`
  );
}
