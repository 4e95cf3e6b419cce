/**
 * What the health checks read: one model's decomposition and fit, the other Pareto models, the run's
 * settings and a few facts about the data. Built from the native engine's result in memory
 * (`health-input-from-training.ts`) or from a finished run's files for either engine
 * (`core/results/run-health.ts`), so that both engines are judged by the same rules.
 */

export type VariableRole = "intercept" | "prophet" | "context" | "paid" | "organic";

export interface HealthVariable {
  /** The model's variable name (`rn` of `pareto_aggregated.csv`). */
  name: string;
  role: VariableRole;
  /** Share of the fitted response over the window (Robyn's `xDecompPerc`); negative when it lowers it. */
  share: number;
  /** Paid media only, else null. */
  spend_share: number | null;
  effect_share: number | null;
  roi: number | null;
  cpa: number | null;
}

export interface HealthModel {
  model_id: string;
  /** Adjusted R² on the training rows (Robyn's `rsq_train`). */
  rsq_train: number;
  nrmse_train: number;
  rsq_test: number | null;
  nrmse_test: number | null;
  intercept_dropped: boolean;
  variables: HealthVariable[];
}

/** One lift study read against the model checked. */
export interface LiftStudyReading {
  /** "FACEBOOK_I, 2024-03-04 to 2024-04-01" */
  study: string;
  measured: number;
  predicted: number;
  confidence: number;
}

export interface HealthInput {
  dep_var: string;
  dep_var_type: "revenue" | "conversion";
  /** The model the findings are about. */
  model: HealthModel;
  /** Every Pareto model of the run (the checked one included). */
  pareto_models: HealthModel[];
  /** Paid channels (model names) and those covered by at least one lift study. */
  paid_channels: string[];
  calibrated_channels: string[];
  /** Per paid channel (model name): the largest spend in the data. */
  spend_max: Record<string, number>;
  intercept_requested: boolean;
  ts_validation: boolean;
  /** Plausible ROI (revenue per unit of spend) per channel, [low, high]. */
  roi_band: readonly [number, number];
  lift_studies: LiftStudyReading[];
}

/** Revenue per unit of spend outside this band is flagged unless the run spec sets `roi_band`. */
export const DEFAULT_ROI_BAND: readonly [number, number] = [0.1, 15];
