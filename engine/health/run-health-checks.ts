/**
 * The health checks (issue 13), run in this order, each a small function in `checks/`. Findings of
 * level "ok" are kept so that readers see what was checked; a check that does not apply (no holdout
 * without `ts_validation`, no ROI band for conversions) returns nothing.
 */
import { baselineShareCheck } from "./checks/baseline-share-check.ts";
import { calibrationCheck } from "./checks/calibration-check.ts";
import { contextEffectsCheck } from "./checks/context-effects-check.ts";
import { effectSpendCheck } from "./checks/effect-spend-check.ts";
import { fitCheck } from "./checks/fit-check.ts";
import { holdoutCheck } from "./checks/holdout-check.ts";
import { interceptCheck } from "./checks/intercept-check.ts";
import { liftStudyCheck } from "./checks/lift-study-check.ts";
import { roiBandCheck } from "./checks/roi-band-check.ts";
import { spendDataCheck } from "./checks/spend-data-check.ts";
import type { HealthCheck, HealthFinding } from "./health-finding.ts";
import type { HealthInput } from "./health-input.ts";

export const HEALTH_CHECKS: readonly HealthCheck[] = [
  calibrationCheck,
  liftStudyCheck,
  baselineShareCheck,
  interceptCheck,
  contextEffectsCheck,
  spendDataCheck,
  roiBandCheck,
  effectSpendCheck,
  fitCheck,
  holdoutCheck,
];

export function runHealthChecks(input: HealthInput): HealthFinding[] {
  return HEALTH_CHECKS.flatMap((check) => check(input));
}
