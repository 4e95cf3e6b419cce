/**
 * The data profile of rows already read (pure): roles from the auto-mapping with the goal fixed, a summary
 * per column, each column's fit to the goal, the media-response options of every paid spend, the suggested
 * cleaning with its guard, and the collinearity (VIF, condition number) and driver ratio of the regressors
 * that are left after that cleaning.
 */
import { rowCount, type Table } from "../../common/table.ts";
import { collinearity } from "../../engine/stats/collinearity.ts";
import { suggestMapping } from "../mapping/auto-map.ts";
import { cleaningSuggestions } from "./cleaning-suggestions.ts";
import { numericValues, summariseColumn, type ColumnSummary } from "./column-summary.ts";
import type { DataProfile, ProfileColumn, RegressorVif } from "./data-profile.ts";
import { goalFit } from "./goal-fit.ts";
import { conditionNumberBand, driverRatioBand, vifBandOf } from "./profile-bands.ts";
import { profileFindings } from "./profile-findings.ts";
import { profileRoles, type ProfileRole } from "./profile-roles.ts";

export interface ProfileTableInput {
  readonly table: Table;
  /** A number column of `table`. */
  readonly goal: string;
  readonly market: string;
  readonly source: string;
  /** The column the rows were filtered on: never a driver, never cleaned. */
  readonly countryColumn?: string;
  /** Other number columns to profile as goals: set aside from the mapping (never regressors, never cleaned). */
  readonly secondaryGoals?: readonly string[];
}

const FIT_ROLES: ReadonlySet<ProfileRole> = new Set(["paid_spend", "paid_exposure", "organic", "context"]);

export function profileTable(input: ProfileTableInput): DataProfile {
  const { table, goal } = input;
  const secondary = input.secondaryGoals ?? [];
  // The mapping is read without the secondary goals, as a preparation resolves its roles.
  const mapped = { columns: table.columns.filter((c) => !secondary.includes(c)), data: table.data };
  const suggestion = suggestMapping(mapped, {
    depVar: goal,
    ...(input.countryColumn ? { countryColumn: input.countryColumn } : {}),
  });
  const roles = profileRoles(suggestion, goal);
  const roleOf = (name: string): ProfileRole =>
    secondary.includes(name) ? "secondary_goal" : (roles.role.get(name) ?? "other");
  const dateColumn = suggestion.spec.date_var;
  const rows = rowCount(table);
  const order = rowOrder(table, dateColumn, rows);
  const summaries = new Map<string, ColumnSummary>(
    table.columns.map((name) => [name, summariseColumn(table.data[name] ?? [], order)]),
  );
  // A spend's numbers and fit are read for its row, its media response and the VIF: computed once.
  const values = memoised((name) => numericValues(table.data[name] ?? []));
  const goalValues = values(goal);
  const isNumber = (name: string) => summaries.get(name)?.type === "number";
  const fitOf = memoised((name) => goalFit(values(name), goalValues));

  const cleaning = cleaningSuggestions({
    columns: table.columns.map((name) => ({ name, summary: summaries.get(name)! })),
    protectedColumns: new Set(
      [dateColumn, goal, input.countryColumn, suggestion.country_column, ...secondary].filter(
        (c): c is string => c !== undefined,
      ),
    ),
    channels: roles.channels.map((c) => ({
      channel: c.channel,
      columns: [c.spend, ...c.exposures.map((e) => e.column)],
    })),
  });
  const dropped = new Set(cleaning.filter((c) => c.action === "drop").map((c) => c.column));

  const regressors: { column: string; group: RegressorVif["group"] }[] = [
    ...roles.channels.map((c) => ({ column: c.chosen, group: "paid_media" as const })),
    ...suggestion.spec.organic_vars.map((column) => ({ column, group: "organic" as const })),
    ...suggestion.spec.context_vars.map((column) => ({ column, group: "context" as const })),
  ].filter((r) => r.column !== goal && isNumber(r.column) && !dropped.has(r.column));
  const notes: string[] = [];
  const measured = collinearity(regressors.map((r) => values(r.column)));
  if (!measured) {
    notes.push(
      regressors.length < 2
        ? "VIF and the condition number need at least two numeric regressors."
        : `VIF and the condition number need more rows (${rows}) than regressors + 1 (${regressors.length + 1}).`,
    );
  }
  const vif: RegressorVif[] = measured
    ? regressors.map((r, i) => ({ ...r, vif: measured.vif[i]!, band: vifBandOf(measured.vif[i]!) }))
    : [];
  const vifOf = new Map(vif.map((v) => [v.column, v]));
  const factorsKept = roles.factors.filter((f) => !dropped.has(f) && !isNumber(f));
  const drivers = regressors.length + factorsKept.length;
  const ratio = drivers > 0 ? rows / drivers : null;

  const columns: ProfileColumn[] = table.columns.map((name) => {
    const role = roleOf(name);
    const channel = roles.channels.find((c) => c.spend === name);
    const regressor = vifOf.get(name);
    return {
      name,
      role,
      ...summaries.get(name)!,
      ...(FIT_ROLES.has(role) && isNumber(name) ? fitOf(name) : {}),
      ...(channel
        ? {
            media_response: {
              chosen: channel.chosen,
              options: [
                { column: name, kind: "spend", ...fitOf(name) },
                ...channel.exposures.map((e) => ({ column: e.column, kind: e.kind, ...fitOf(e.column) })),
              ],
            },
          }
        : {}),
      ...(regressor ? { vif: regressor.vif, vif_band: regressor.band } : {}),
    };
  });
  const dates = dateColumn ? summaries.get(dateColumn) : undefined;
  const conditionNumber = measured?.conditionNumber ?? null;
  const profile = {
    source: input.source,
    market: input.market,
    goal,
    secondary_goals: secondary.map((column) => {
      const target = values(column);
      return {
        column,
        fits: table.columns
          .filter((name) => FIT_ROLES.has(roleOf(name)) && isNumber(name))
          .map((name) => ({ column: name, role: roleOf(name), ...goalFit(values(name), target) })),
      };
    }),
    date_column: dateColumn ?? null,
    rows,
    date_range: dates?.type === "date" ? { start: String(dates.min), end: String(dates.max) } : null,
    columns,
    vif,
    identical_columns: (measured?.identicalPairs ?? []).map(
      ([a, b]) => [regressors[a]!.column, regressors[b]!.column] as const,
    ),
    condition_number: conditionNumber,
    condition_band: conditionNumber === null ? null : conditionNumberBand(conditionNumber),
    driver_ratio: {
      observations: rows,
      drivers,
      ratio,
      band: ratio === null ? null : driverRatioBand(ratio),
    },
    cleaning,
    notes: [...notes, ...suggestion.notes.filter((n) => !n.startsWith("No goal column"))],
  };
  return { ...profile, findings: profileFindings(profile) };
}

/** Row indices in date order (stable), or the table's order without a date column. */
function rowOrder(table: Table, dateColumn: string | undefined, rows: number): number[] {
  const order = Array.from({ length: rows }, (_, i) => i);
  const dates = dateColumn ? table.data[dateColumn] : undefined;
  if (!dates) return order;
  const key = (i: number) => String(dates[i] ?? "");
  return order.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a - b));
}

function memoised<T>(compute: (name: string) => T): (name: string) => T {
  const known = new Map<string, T>();
  return (name) => {
    if (!known.has(name)) known.set(name, compute(name));
    return known.get(name)!;
  };
}
