/**
 * Re-using a mapping someone saved for a table (for all its countries, or for one): saved roles win
 * for the columns that still exist, new columns keep the fresh suggestion, and the columns the saved
 * mapping knew but the table no longer has are reported, so the person can see what changed.
 *
 * Pure functions over `SavedMapping`; storing saved mappings is the run store's job.
 */
import { assembleMapping } from "./assemble-mapping.ts";
import type { ColumnSuggestion, DepVarType, MappingRole, MappingSuggestion } from "./mapping-suggestion.ts";

export interface SavedMapping {
  /** The table it was made for, as `Warehouse.listTables` names it. */
  readonly table: string;
  /** The country it was made for; absent when it is for every country of the table. */
  readonly country?: string;
  /** The role of every column the person mapped (including the ones they chose to ignore). */
  readonly roles: Readonly<Record<string, MappingRole>>;
  /** Exposure column → the spend column it is modelled for. */
  readonly pairs?: Readonly<Record<string, string>>;
  readonly dep_var_type?: DepVarType;
  /** When it was saved, ISO 8601. */
  readonly saved_at?: string;
}

export interface AppliedMapping extends MappingSuggestion {
  /** Columns the saved mapping names that are not in the table any more. */
  readonly missingColumns: readonly string[];
  /** Columns whose role came from the saved mapping. */
  readonly savedColumns: readonly string[];
  /** Columns the saved mapping did not know; their role is the fresh suggestion's. */
  readonly newColumns: readonly string[];
}

const SINGLE_ROLE_LABELS: Partial<Record<MappingRole, string>> = {
  date: "date column",
  dep_var: "goal",
  country: "country column",
};

/** What to store for the mapping a person confirmed. */
export function toSavedMapping(
  mapping: MappingSuggestion,
  table: string,
  options: { country?: string; savedAt?: string } = {},
): SavedMapping {
  const roles: Record<string, MappingRole> = {};
  const pairs: Record<string, string> = {};
  for (const c of mapping.columns) {
    roles[c.column] = c.role;
    if (c.role === "paid_media_var" && c.pairedWith !== undefined) pairs[c.column] = c.pairedWith;
  }
  return {
    table,
    ...(options.country !== undefined ? { country: options.country.toUpperCase() } : {}),
    roles,
    pairs,
    ...(mapping.spec.dep_var_type !== undefined ? { dep_var_type: mapping.spec.dep_var_type } : {}),
    ...(options.savedAt !== undefined ? { saved_at: options.savedAt } : {}),
  };
}

/** Lays a saved mapping over a fresh suggestion for the same table. */
export function applySavedMapping(fresh: MappingSuggestion, saved: SavedMapping): AppliedMapping {
  const savedNames = Object.keys(saved.roles);
  const savedNameOf = (column: string) =>
    saved.roles[column] !== undefined ? column : uniqueCaseInsensitive(savedNames, column);
  const present = new Set<string>();
  const savedColumns: string[] = [];
  const newColumns: string[] = [];

  // Single roles the saved mapping gives to a column that still exists: a new column cannot take them.
  const takenSingles = new Map<MappingRole, string>();
  for (const c of fresh.columns) {
    const name = savedNameOf(c.column);
    const role = name === undefined ? undefined : saved.roles[name];
    if (role !== undefined && SINGLE_ROLE_LABELS[role] !== undefined) takenSingles.set(role, c.column);
  }

  const columns = fresh.columns.map((c): ColumnSuggestion => {
    const name = savedNameOf(c.column);
    if (name === undefined) {
      newColumns.push(c.column);
      const holder = takenSingles.get(c.role);
      if (holder === undefined) return c;
      return {
        column: c.column,
        role: "ignore",
        confidence: 0.6,
        reason: `new column that looks like the ${SINGLE_ROLE_LABELS[c.role]}, but the saved mapping uses ${holder}`,
      };
    }
    present.add(name);
    savedColumns.push(c.column);
    const role = saved.roles[name]!;
    const pair = saved.pairs?.[name];
    return {
      column: c.column,
      role,
      confidence: 1,
      reason: "kept from the saved mapping",
      ...(role === "paid_media_var" && pair !== undefined ? { pairedWith: freshName(fresh, pair) } : {}),
      ...(role === "dep_var" ? { depVarType: saved.dep_var_type ?? c.depVarType ?? "revenue" } : {}),
    };
  });

  const assembled = assembleMapping(columns);
  return {
    ...assembled,
    missingColumns: savedNames.filter((name) => !present.has(name)),
    savedColumns,
    newColumns,
  };
}

/**
 * The saved mapping to start from for a table and country: the newest one made for that country,
 * else the newest one made for all countries of the table (as the replaced product did).
 */
export function pickSavedMapping(
  saved: readonly SavedMapping[],
  table: string,
  country?: string,
): SavedMapping | undefined {
  const sameTable = saved.filter((s) => s.table.trim().toLowerCase() === table.trim().toLowerCase());
  const newest = (list: SavedMapping[]) =>
    list.reduce<SavedMapping | undefined>(
      (best, s) => (best === undefined || (s.saved_at ?? "") > (best.saved_at ?? "") ? s : best),
      undefined,
    );
  const wanted = country?.trim().toUpperCase();
  const forCountry =
    wanted === undefined ? undefined : newest(sameTable.filter((s) => s.country?.toUpperCase() === wanted));
  return forCountry ?? newest(sameTable.filter((s) => s.country === undefined));
}

function uniqueCaseInsensitive(names: readonly string[], wanted: string): string | undefined {
  const matches = names.filter((n) => n.toLowerCase() === wanted.toLowerCase());
  return matches.length === 1 ? matches[0] : undefined;
}

/** A saved column name as the fresh table spells it (saved names may differ in case only). */
function freshName(fresh: MappingSuggestion, name: string): string {
  const columns = fresh.columns.map((c) => c.column);
  return columns.includes(name) ? name : (uniqueCaseInsensitive(columns, name) ?? name);
}
