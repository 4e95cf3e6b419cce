/**
 * The model's columns (Robyn's `all_ind_vars`) and its media (Robyn's `all_media`), as `buildModelInput`
 * assembles them from the modules of each variable role.
 */
import type { ColumnRole } from "../data/column-checks.ts";
import type { Sign } from "./model-settings.ts";

export type RegressorKind = "prophet" | "context" | "paid" | "organic";

export interface Regressor {
  /** Column name in the model (paid media: the exposure name when one is used, as Robyn). */
  name: string;
  kind: RegressorKind;
  /** All rows, as the model sees them (exposures already re-expressed in spend units). */
  values: Float64Array;
  sign: Sign;
  /** Index into `ModelInput.media`, or −1 for prophet/context regressors. */
  mediaIndex: number;
}

export interface MediaChannel {
  /** Robyn's `paid_media_selected` name, or the organic variable. */
  name: string;
  paid: boolean;
  /** Paid media: the spend column. */
  spendName: string | null;
  /** Paid media with an exposure variable: its name (the model column); else null. */
  exposureName: string | null;
  regressorIndex: number;
  /** Raw spend, all rows (paid media only). */
  spend: Float64Array | null;
  /** Cost per exposure over the window (1 when the spend itself is modelled). */
  cpeWindow: number;
  /** Window totals and means of the raw spend (paid), NaN for organic. */
  totalSpend: number;
  meanSpend: number;
  spendShare: number;
  /** Window mean of the raw exposure or organic variable (Robyn's `mean_exposure`). */
  meanExposure: number;
}

/** A medium and the regressor it is; `buildModelInput` links the two by index. */
export interface MediaEntry {
  readonly channel: MediaChannel;
  readonly regressor: Regressor;
}

/** The settings field a regressor's column was named in, for messages. */
export const ROLE_OF_KIND: Record<RegressorKind, ColumnRole> = {
  prophet: "prophet_vars",
  context: "context_vars",
  paid: "paid_media_vars",
  organic: "organic_vars",
};
