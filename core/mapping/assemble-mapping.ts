/**
 * From one role per column to a consistent mapping and Robyn's RunSpec fields:
 * - one date, one goal and one country column (the most confident; the others are set aside with a reason);
 * - each exposure paired with its spend: the pair already recorded (`pairedWith`), else the spend with the
 *   same channel stem (`facebook_I` ↔ `facebook_S`, `SEARCH_CLICKS` ↔ `SEARCH_SPEND`); one exposure per
 *   spend (impressions preferred, then GRPs, views, clicks, sessions); an exposure without a spend is
 *   set aside, because Robyn models an exposure only beside its spend;
 * - channels in the order their first column appears in the table, `paid_media_vars` aligned with
 *   `paid_media_spends`, and factor variables also listed as context variables.
 */
import type { ColumnSuggestion, MappingSuggestion, MappingRole } from "./mapping-suggestion.ts";
import { EXPOSURE_PREFERENCE, channelStem, exposureKindOf } from "./name-rules.ts";

const SINGLE_ROLES: readonly [MappingRole, string][] = [
  ["date", "the date column"],
  ["dep_var", "the goal"],
  ["country", "the country column"],
];

export function assembleMapping(input: readonly ColumnSuggestion[]): MappingSuggestion {
  const columns = input.map((c) => ({ ...c }));
  const index = new Map(columns.map((c, i) => [c.column, i]));
  for (const [role, label] of SINGLE_ROLES) keepOne(columns, role, label);
  pairExposures(columns, index);

  const spends = columns.filter((c) => c.role === "paid_media_spend");
  const firstSeen = (spend: ColumnSuggestion) =>
    Math.min(
      index.get(spend.column)!,
      spend.pairedWith === undefined ? Infinity : index.get(spend.pairedWith)!,
    );
  spends.sort((a, b) => firstSeen(a) - firstSeen(b));
  const named = (role: MappingRole) => columns.filter((c) => c.role === role).map((c) => c.column);
  const date = columns.find((c) => c.role === "date");
  const goal = columns.find((c) => c.role === "dep_var");
  const country = columns.find((c) => c.role === "country");
  const factors = named("factor");

  const notes: string[] = [];
  if (!date) notes.push("No date column was found: the data needs a column of dates written YYYY-MM-DD.");
  if (!goal) notes.push("No goal column was found: choose the column to explain (revenue or conversions).");
  if (spends.length === 0) {
    notes.push(
      "No paid media spend column was found: choose the spend columns (names ending in _S or _SPEND are found automatically).",
    );
  }
  return {
    columns,
    spec: {
      date_var: date?.column,
      dep_var: goal?.column,
      dep_var_type: goal ? (goal.depVarType ?? "revenue") : undefined,
      paid_media_spends: spends.map((s) => s.column),
      paid_media_vars: spends.map((s) => s.pairedWith ?? s.column),
      organic_vars: named("organic"),
      context_vars: columns.filter((c) => c.role === "context" || c.role === "factor").map((c) => c.column),
      factor_vars: factors,
    },
    country_column: country?.column,
    notes,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Keeps the most confident column with `role` (the first on ties); the others become `ignore`. */
function keepOne(columns: Mutable<ColumnSuggestion>[], role: MappingRole, label: string): void {
  const holders = columns.filter((c) => c.role === role);
  if (holders.length < 2) return;
  const best = holders.reduce((a, b) => (b.confidence > a.confidence ? b : a));
  for (const other of holders) {
    if (other === best) continue;
    other.role = "ignore";
    other.confidence = 0.6;
    other.reason = `also looks like ${label}, but ${best.column} was chosen: switch them if this one is right`;
    delete other.depVarType;
  }
}

function pairExposures(columns: Mutable<ColumnSuggestion>[], index: Map<string, number>): void {
  const spends = columns.filter((c) => c.role === "paid_media_spend");
  const exposures = columns.filter((c) => c.role === "paid_media_var");
  for (const s of spends) delete s.pairedWith;
  const bySpend = new Map<string, Mutable<ColumnSuggestion>[]>();
  for (const exposure of exposures) {
    const spend = spendFor(exposure, spends);
    if (spend === undefined) {
      exposure.role = "ignore";
      exposure.confidence = 0.6;
      exposure.reason =
        `looks like an exposure for ${channelStem(exposure.column)}, but no spend column for that channel was ` +
        "found to pair it with: Robyn models an exposure only beside its spend";
      delete exposure.pairedWith;
      continue;
    }
    exposure.pairedWith = spend.column;
    bySpend.set(spend.column, [...(bySpend.get(spend.column) ?? []), exposure]);
  }
  for (const [spend, candidates] of bySpend) {
    const rank = (c: ColumnSuggestion) =>
      EXPOSURE_PREFERENCE.indexOf(exposureKindOf(c.column)) * 10_000 + index.get(c.column)!;
    const [chosen, ...others] = [...candidates].sort((a, b) => rank(a) - rank(b));
    columns.find((c) => c.column === spend)!.pairedWith = chosen!.column;
    for (const other of others) {
      other.role = "ignore";
      other.confidence = 0.6;
      other.reason = `another exposure for ${spend}; ${chosen!.column} is modelled (one exposure per spend)`;
      delete other.pairedWith;
    }
  }
}

/** The spend an exposure belongs to: the recorded pair, else the spend of the same (or a unique related) channel. */
export function spendFor(
  exposure: ColumnSuggestion,
  spends: readonly ColumnSuggestion[],
): ColumnSuggestion | undefined {
  if (exposure.pairedWith !== undefined) {
    const recorded = spends.find((s) => s.column === exposure.pairedWith);
    if (recorded) return recorded;
  }
  const stem = channelStem(exposure.column);
  const same = spends.find((s) => channelStem(s.column) === stem);
  if (same) return same;
  // `FB_PROSPECTING_IMPRESSIONS` beside only `FB_SPEND`: a unique spend whose stem starts the exposure's.
  const related = spends.filter((s) => {
    const other = channelStem(s.column);
    return stem.startsWith(`${other}_`) || other.startsWith(`${stem}_`);
  });
  return related.length === 1 ? related[0] : undefined;
}
