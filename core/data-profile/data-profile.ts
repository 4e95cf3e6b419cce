/**
 * The data profile of one source and market against a goal: what a person looks at before spending a run
 * (issue 19, "the same numbers everywhere": the REST API returns it as JSON, Slack shows its summary).
 * Every number's definition and band is in `docs/data-profile.md`. Infinite VIF and condition numbers are
 * `Infinity` here; the API writes them as the string "Infinity".
 */
import type { Band } from "./profile-bands.ts";
import type { CleaningSuggestion } from "./cleaning-suggestions.ts";
import type { ColumnSummary } from "./column-summary.ts";
import type { GoalFit } from "./goal-fit.ts";
import type { ProfileRole } from "./profile-roles.ts";

export interface ResponseOption extends GoalFit {
  readonly column: string;
  /** `spend`, or what the exposure counts (impressions, clicks, …). */
  readonly kind: string;
}

export interface ProfileColumn extends ColumnSummary, Partial<GoalFit> {
  readonly name: string;
  readonly role: ProfileRole;
  /** Paid spends: the spend and the channel's exposure columns, with their fit to the goal. */
  readonly media_response?: { readonly chosen: string; readonly options: readonly ResponseOption[] };
  /** Regressors in the VIF computation. */
  readonly vif?: number;
  readonly vif_band?: Band;
}

export interface RegressorVif {
  readonly column: string;
  /** paid_media (the chosen media response of each channel), organic or context. */
  readonly group: "paid_media" | "organic" | "context";
  readonly vif: number;
  readonly band: Band;
}

/** A secondary goal: how each variable alone relates to it, as the main goal's fit is given per column. */
export interface SecondaryGoalProfile {
  readonly column: string;
  readonly fits: readonly ({ readonly column: string; readonly role: ProfileRole } & GoalFit)[];
}

export interface ProfileFinding {
  readonly level: "problem" | "warning";
  readonly column?: string;
  readonly message: string;
}

export interface DataProfile {
  /** Where the rows came from, in words (`table DEMO.SIMULATED_WEEKLY`, `dataset sales@2`). */
  readonly source: string;
  readonly market: string;
  readonly goal: string;
  /** Other goals asked for: never regressors here (role `secondary_goal`), each with its fit to every variable. */
  readonly secondary_goals: readonly SecondaryGoalProfile[];
  readonly date_column: string | null;
  readonly rows: number;
  readonly date_range: { readonly start: string; readonly end: string } | null;
  readonly columns: readonly ProfileColumn[];
  /** Over the regressors left after the suggested cleaning; empty when they cannot be measured (see notes). */
  readonly vif: readonly RegressorVif[];
  /** Pairs of regressors with |correlation| ≥ 0.9999: practically the same column. */
  readonly identical_columns: readonly (readonly [string, string])[];
  /** √(λmax / λmin) of the regressors' correlation matrix; null when it cannot be measured. */
  readonly condition_number: number | null;
  readonly condition_band: Band | null;
  readonly driver_ratio: {
    readonly observations: number;
    readonly drivers: number;
    readonly ratio: number | null;
    readonly band: Band | null;
  };
  readonly cleaning: readonly CleaningSuggestion[];
  /** The worst first: problems, then warnings. */
  readonly findings: readonly ProfileFinding[];
  readonly notes: readonly string[];
}
