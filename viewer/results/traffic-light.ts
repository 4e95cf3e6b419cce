/**
 * Traffic lights for a model's fit, as every page states them: adjusted R² (Robyn's `rsq_*`, higher is
 * better), NRMSE and DECOMP.RSSD (lower is better). The thresholds are stricter than the replaced
 * product's (R² 0.7/0.5, NRMSE 0.15/0.25, RSSD 0.1/0.2) on fit and looser on RSSD, which Robyn's own
 * demo models rarely bring under 0.1.
 */
export type Light = "green" | "amber" | "red" | "none";

export type LightMetric = "rsq" | "nrmse" | "decomp.rssd";

export interface Threshold {
  readonly label: string;
  readonly green: number;
  readonly amber: number;
  /** True when a higher value is better. */
  readonly higherIsBetter: boolean;
}

export const THRESHOLDS: Readonly<Record<LightMetric, Threshold>> = {
  rsq: { label: "Adjusted R²", green: 0.8, amber: 0.6, higherIsBetter: true },
  nrmse: { label: "NRMSE", green: 0.1, amber: 0.2, higherIsBetter: false },
  "decomp.rssd": { label: "DECOMP.RSSD", green: 0.2, amber: 0.4, higherIsBetter: false },
};

/** The light of a value; `none` for a missing value (no validation split, say). */
export function lightOf(metric: LightMetric, value: number | null | undefined): Light {
  if (value === null || value === undefined || !Number.isFinite(value)) return "none";
  const t = THRESHOLDS[metric];
  if (t.higherIsBetter) return value >= t.green ? "green" : value >= t.amber ? "amber" : "red";
  return value <= t.green ? "green" : value <= t.amber ? "amber" : "red";
}

/** The sentence every page with lights shows, so nobody has to guess the thresholds. */
export function thresholdsSentence(): string {
  const part = (metric: LightMetric) => {
    const t = THRESHOLDS[metric];
    const op = t.higherIsBetter ? "≥" : "≤";
    return `${t.label}: green ${op} ${t.green}, amber ${op} ${t.amber}`;
  };
  return `${part("rsq")}; ${part("nrmse")}; ${part("decomp.rssd")}; otherwise red.`;
}

/** The worst light of a model's three metrics (none when all are missing). */
export function overallLight(lights: readonly Light[]): Light {
  for (const light of ["red", "amber", "green"] as const) if (lights.includes(light)) return light;
  return "none";
}
