/**
 * What column auto-mapping produces: a role per column with a confidence and a reason a marketer can
 * read, and the RunSpec fields those roles add up to (Robyn's names).
 */

/**
 * The role of one column in a model.
 * - `paid_media_var`: an exposure (impressions, clicks, GRPs) modelled instead of its paired spend.
 * - `factor`: a categorical context variable (Robyn's `factor_vars`, which are also `context_vars`).
 * - `country`: the column a multi-country table is filtered on; not a model variable.
 */
export const MAPPING_ROLES = [
  "date",
  "dep_var",
  "paid_media_spend",
  "paid_media_var",
  "organic",
  "context",
  "factor",
  "country",
  "ignore",
] as const;
export type MappingRole = (typeof MAPPING_ROLES)[number];

export type DepVarType = "revenue" | "conversion";

export interface ColumnSuggestion {
  readonly column: string;
  readonly role: MappingRole;
  /** 0..1: how sure the rules are (1 for a role a person chose and saved). */
  readonly confidence: number;
  /** One short sentence: what was seen and what it means ("ends in _S and holds …: a paid media spend"). */
  readonly reason: string;
  /** For a spend: the exposure modelled for it. For an exposure: the spend it belongs to. */
  readonly pairedWith?: string;
  /** For the goal (`dep_var`): whether it is revenue or conversions. */
  readonly depVarType?: DepVarType;
}

/** The RunSpec fields a mapping fills (names as in Robyn's `robyn_inputs`). */
export interface MappingSpecFields {
  readonly date_var?: string;
  readonly dep_var?: string;
  readonly dep_var_type?: DepVarType;
  readonly paid_media_spends: readonly string[];
  /** Aligned with `paid_media_spends`: the paired exposure, or the spend itself when it has none. */
  readonly paid_media_vars: readonly string[];
  readonly organic_vars: readonly string[];
  /** Includes every factor variable, as Robyn requires. */
  readonly context_vars: readonly string[];
  readonly factor_vars: readonly string[];
}

export interface MappingSuggestion {
  /** One entry per table column, in table order. */
  readonly columns: readonly ColumnSuggestion[];
  readonly spec: MappingSpecFields;
  /** The column to filter a multi-country table on (`data.country_column`), when there is one. */
  readonly country_column?: string;
  /** What is missing or doubtful, in sentences ("No paid media spend column was found: …"). */
  readonly notes: readonly string[];
}
