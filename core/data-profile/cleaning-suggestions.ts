/**
 * Which columns the data profile suggests dropping before training, and why — the replaced product's
 * automated cleaning (seed inventory §1.4), as suggestions a person previews rather than applies blindly:
 *
 * - `all_null`: every cell is missing;
 * - `all_zero`: a number column whose every value is 0;
 * - `constant`: one distinct value (other than 0);
 * - `low_variation`: a number column whose coefficient of variation (sd / |mean|) is below
 *   `LOW_VARIATION_CV` (3 %, the replaced product's default): it hardly moves, so a model cannot tell its
 *   effect from the intercept.
 *
 * The date column, the goal and the market column are never suggested. The guard: a paid channel (a spend
 * and the exposures of the same channel) keeps at least one paid variable — when every one of them would be
 * dropped, the one with the largest standard deviation (the spend on ties) is kept, and the suggestion says
 * why, because dropping it silently would take the channel out of the model.
 */
import type { ColumnSummary } from "./column-summary.ts";

export const LOW_VARIATION_CV = 0.03;

export type CleaningRule = "all_null" | "all_zero" | "constant" | "low_variation";

export interface CleaningSuggestion {
  readonly column: string;
  /** `keep` only when the guard overrides a rule. */
  readonly action: "drop" | "keep";
  readonly rule: CleaningRule;
  readonly reason: string;
}

export interface CleaningInput {
  readonly columns: readonly { readonly name: string; readonly summary: ColumnSummary }[];
  /** Columns never suggested: date, goal, market. */
  readonly protectedColumns: ReadonlySet<string>;
  /** Paid channels: a name and their paid variables, spend first. */
  readonly channels: readonly { readonly channel: string; readonly columns: readonly string[] }[];
}

export function cleaningSuggestions(input: CleaningInput): CleaningSuggestion[] {
  const suggestions = new Map<string, CleaningSuggestion>();
  for (const { name, summary } of input.columns) {
    if (input.protectedColumns.has(name)) continue;
    const found = ruleFor(summary);
    if (found) suggestions.set(name, { column: name, action: "drop", ...found });
  }
  const sdOf = new Map(input.columns.map((c) => [c.name, c.summary.sd ?? -1]));
  for (const { channel, columns } of input.channels) {
    if (columns.length === 0 || !columns.every((c) => suggestions.get(c)?.action === "drop")) continue;
    const kept = columns.reduce((best, c) => (sdOf.get(c)! > sdOf.get(best)! ? c : best));
    const dropped = suggestions.get(kept)!;
    suggestions.set(kept, {
      ...dropped,
      action: "keep",
      reason:
        (columns.length === 1
          ? `kept although ${dropped.reason}: it is the only paid variable of channel ${channel}, and dropping it would take the channel out of the model`
          : `kept although ${dropped.reason}: every paid variable of channel ${channel} would be dropped, and this one varies most, so the channel stays in the model`) +
        "; check the data, or leave the channel out on purpose.",
    });
  }
  return [...suggestions.values()];
}

function ruleFor(s: ColumnSummary): Omit<CleaningSuggestion, "column" | "action"> | undefined {
  if (s.nulls === s.rows) return { rule: "all_null", reason: `all ${s.rows} cells are missing` };
  if (s.type === "number" && s.zeros === s.rows - s.nulls)
    return { rule: "all_zero", reason: `every value is 0` };
  if (s.distinct === 1)
    return { rule: "constant", reason: `every value is the same${s.min !== null ? ` (${s.min})` : ""}` };
  if (s.type === "number" && s.cv !== null && s.cv < LOW_VARIATION_CV) {
    return {
      rule: "low_variation",
      reason: `its coefficient of variation is ${(s.cv * 100).toFixed(2)} %, below ${LOW_VARIATION_CV * 100} %`,
    };
  }
  return undefined;
}
