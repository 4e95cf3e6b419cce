/**
 * A health finding (`health` in `model_summary.json`): which check, how serious, and a message for a
 * marketer that says what was seen and what to do.
 */
import type { HealthInput } from "./health-input.ts";

export const HEALTH_LEVELS = ["ok", "warning", "problem"] as const;
export type HealthLevel = (typeof HEALTH_LEVELS)[number];

export interface HealthFinding {
  check: string;
  level: HealthLevel;
  message: string;
}

/** One check: none, one or several findings (one per lift study, for instance) for the input's model. */
export type HealthCheck = (input: HealthInput) => HealthFinding[];

/** The most serious level among the findings ("ok" when there are none). */
export function worstLevel(findings: readonly { level: HealthLevel }[]): HealthLevel {
  return findings.reduce<HealthLevel>(
    (worst, f) => (HEALTH_LEVELS.indexOf(f.level) > HEALTH_LEVELS.indexOf(worst) ? f.level : worst),
    "ok",
  );
}
