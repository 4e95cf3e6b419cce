/**
 * What a refresh run carries about its parent (the RunSpec's `refresh` block as the engine reads it): which
 * model it refreshes, how far the window moved, and the parent's figures that the refresh objective and the
 * refresh report compare against. Self-contained, so a trainer needs nothing but the run's own spec and data.
 */
import type { RestatedColumn } from "./restated-history.ts";

/** One paid channel of the parent model, as the parent run reported it. */
export interface ParentChannel {
  channel: string;
  roi_total: number | null;
  cpa_total: number | null;
  effect_share: number | null;
  spend_share: number | null;
  mean_spend: number | null;
  mroi: number | null;
  /** The parent model's ROI (revenue) or CPA (conversion) interval, by the recommendation's rule. */
  interval: { low: number; up: number } | null;
}

export interface RefreshSettings {
  /** The run and model refreshed (Robyn's `refreshSourceID`). */
  of: { run: string; model: string };
  steps: number;
  /** The share of each range the hyperparameters may move (Robyn's `bounds_freedom`; steps / window). */
  freedom: number;
  /** The first period after the parent's window (Robyn's `refreshAddedStart`). */
  added_start: string;
  parent: {
    window_start: string;
    window_end: string;
    window_rows: number;
    /** The parent model's hyperparameters: media values, `lambda` absolute, `train_size`. */
    hyperparameters: Record<string, number>;
    /** The parent model's `xDecompPerc` by variable, the intercept as "(Intercept)". */
    decomposition: Record<string, number>;
    channels: ParentChannel[];
  };
  /** Old periods whose values changed in the refresh data, per column. */
  restated: RestatedColumn[];
}
