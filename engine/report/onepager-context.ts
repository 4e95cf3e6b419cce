/**
 * What the one-pager needs beyond the model record (`ModelRecord` has no dependent-variable type, adstock type,
 * data length, split sizes or cluster results).
 */
import type { AdstockType } from "../model-input/model-settings.ts";
import type { HealthFinding } from "../health/health-finding.ts";

/** Robyn's in-cluster bootstrap interval of one channel's ROAS (or CPA), from `bootstrapMeanInterval`. */
export interface ChannelInterval {
  boot_mean: number;
  ci_low: number;
  ci_up: number;
}

export interface OnePagerContext {
  depVarType: "revenue" | "conversion";
  adstock: AdstockType;
  /** Rows of the whole data set, pre-window rows included: the Weibull scale is a share of them. */
  dataRows: number;
  /**
   * Window rows in training, validation and test (`timeSeriesSplit`). When absent, derived from the record's
   * `train_size`; with everything in training no split lines are drawn.
   */
  split?: { train: number; validation: number; test: number };
  /** Per paid channel; absent or empty: the panel says "No bootstrap results". */
  bootstrap?: Record<string, ChannelInterval>;
  /** E.g. "cluster 2 of 5 (14 models)", shown in the title and the bootstrap panel. */
  clusterLabel?: string;
  /** Name of the dependent variable for axis titles (default "response"). */
  depVarName?: string;
  /** Name of one period ("week"), for the adstock axis. Default "period". */
  intervalType?: string;
  /**
   * When this is the run's recommended model (`model_summary.json` `recommended`): the reason, shown under
   * the metrics.
   */
  recommendation?: string;
  /** Caption: the engine that trained the model ("native" or "robyn") and its version. */
  engine: string;
  version: string;
  /** ISO 4217 code of the money columns (the spec's `currency`), beside money figures; absent: none. */
  currency?: string | undefined;
  /** The model's health checks, drawn as a strip under the subtitle (absent: no strip). */
  health?: readonly HealthFinding[];
}

export interface RenderOptions {
  /** Logical width in pixels; default 1600. Height follows the number of variables (1800 for Robyn's demo). */
  width?: number;
  /** Bitmap pixels per logical pixel; default 1. */
  pixelRatio?: number;
}
