/**
 * A saved preparation (issue 19, "Prepare"): what an analyst decided about one source and market before
 * training — the goal (and secondary goals), the columns kept, the derived columns (custom aggregate
 * channels), and the role of every model variable, with the media response chosen for each paid spend.
 * A run started from it (`data: { preparation: NAME }`) reads the source for the market, applies the
 * columns (`applyPreparedColumns`) and trains with exactly this mapping.
 *
 * The roles are resolved when the preparation is saved (`check-preparation.ts`), so a run trains on what
 * the person saw, whatever later changes to the auto-mapping's rules.
 */
import type { DerivedColumn } from "../../engine/data/prepared-columns.ts";
import type { Actor } from "../run.ts";

export type { DerivedColumn };

export const GOAL_TYPES = ["revenue", "conversion"] as const;
export type GoalType = (typeof GOAL_TYPES)[number];

export interface PreparationGoal {
  readonly column: string;
  readonly type: GoalType;
}

/**
 * A warehouse table, an uploaded dataset pinned to the version it was prepared on (`NAME@VERSION`), or a
 * read-only SQL query over the warehouse (run again, with the same checks, by every run from it).
 */
export type PreparationSource =
  { readonly table: string } | { readonly dataset: string } | { readonly sql: string };

/** A paid channel as the model sees it: its spend and the column modelled as its media response. */
export interface PaidMediaChoice {
  readonly spend: string;
  /** The spend itself, or an exposure of the channel (impressions, clicks, …). */
  readonly response: string;
}

export interface Preparation {
  /** Lower-case letters, digits, `-` and `_` (`PREPARATION_NAME`); unique. */
  readonly name: string;
  readonly source: PreparationSource;
  /** Two-letter code, upper-case: the market (country) whose rows were prepared. */
  readonly market: string;
  /** The column the rows are filtered on, when the source has one. */
  readonly country_column?: string;
  readonly date_column: string;
  readonly goal: PreparationGoal;
  /** Other goals kept in the data for comparison; the model explains `goal`. */
  readonly secondary_goals: readonly PreparationGoal[];
  /** The source's columns that are kept, in the source's order (the date and the goal among them). */
  readonly columns: readonly string[];
  readonly derived: readonly DerivedColumn[];
  /** One entry per paid channel, derived channels included. */
  readonly paid_media: readonly PaidMediaChoice[];
  readonly organic_vars: readonly string[];
  /** Includes every factor variable, as Robyn requires. */
  readonly context_vars: readonly string[];
  readonly factor_vars: readonly string[];
  readonly created_by: Actor;
  /** ISO 8601. */
  readonly created_at: string;
}

export const PREPARATION_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** `preparation` in the message of every rule about names, so the three surfaces say the same thing. */
export const PREPARATION_NAME_RULE =
  "use 1 to 64 lower-case letters, digits, - and _, starting with a letter or digit (e.g. us-weekly-clean)";
