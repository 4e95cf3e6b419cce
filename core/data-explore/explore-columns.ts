/**
 * Which columns Explore shows, from the auto-mapping (`core/mapping/`): the date, the goal (the mapping's,
 * or the one asked for) and whether it is revenue or conversions, the market column, each paid channel's
 * spend with every impressions, clicks and sessions column of that channel (the mapping models one
 * exposure per spend; a funnel wants them all), and every numeric column for the metrics explorer with
 * how a period combines it: summed, or averaged for context variables (prices, indices, temperatures)
 * and on/off switches, whose sum means nothing.
 */
import { invalidInput } from "../../common/errors.ts";
import type { Table } from "../../common/table.ts";
import { assembleMapping, spendFor } from "../mapping/assemble-mapping.ts";
import { classifyColumn } from "../mapping/classify-column.ts";
import { profileColumn, type ColumnProfile } from "../mapping/column-profile.ts";
import type { ColumnSuggestion, DepVarType } from "../mapping/mapping-suggestion.ts";
import { channelStem, matchName } from "../mapping/name-rules.ts";

export const FUNNEL_STEPS = ["impressions", "clicks", "sessions"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface ExploreChannel {
  /** The channel's name: the spend column without its spend marker (`facebook` for `facebook_S`). */
  readonly name: string;
  readonly spend: string;
  /** The channel's exposure columns by funnel step, where the data has them. */
  readonly funnel: Partial<Record<FunnelStep, string>>;
}

export type Combine = "sum" | "mean";

export interface ExploreMetric {
  readonly column: string;
  readonly combine: Combine;
}

export interface ExploreColumns {
  readonly date: string;
  readonly goal: string;
  readonly goalType: DepVarType;
  readonly marketColumn?: string;
  readonly channels: readonly ExploreChannel[];
  /** Every numeric column but the date and the market, in table order. */
  readonly metrics: readonly ExploreMetric[];
}

export interface ExploreColumnOptions {
  /** The goal asked for; default: the mapping's. */
  readonly goal?: string;
  readonly marketColumn?: string;
}

export function exploreColumns(table: Table, options: ExploreColumnOptions = {}): ExploreColumns {
  const profiles = new Map<string, ColumnProfile>(
    table.columns.map((column) => [column, profileColumn(table.data[column] ?? [])]),
  );
  const numeric = table.columns.filter((c) => profiles.get(c)!.kind === "number");
  const goalAsked = options.goal === undefined ? undefined : resolveGoal(options.goal, table, numeric);
  const mapping = assembleMapping(
    table.columns.map((column) =>
      classifyColumn(column, profiles.get(column)!, {
        ...(options.marketColumn !== undefined ? { countryColumn: options.marketColumn } : {}),
        ...(goalAsked !== undefined ? { depVar: goalAsked } : {}),
      }),
    ),
  );
  const date = mapping.spec.date_var;
  if (date === undefined) {
    throw invalidInput(
      "date",
      `No column of dates was found among ${table.columns.join(", ")}: the data needs a column of dates written YYYY-MM-DD.`,
    );
  }
  const goal = mapping.spec.dep_var;
  if (goal === undefined) {
    throw invalidInput(
      "goal",
      `No goal column was recognised: choose one of the numeric columns as goal (${numeric.join(", ")}).`,
    );
  }
  const marketColumn = options.marketColumn ?? mapping.country_column;
  const funnels = funnelsBySpend(
    mapping.columns.filter((c) => c.role === "paid_media_spend"),
    numeric,
  );
  return {
    date,
    goal,
    goalType: mapping.spec.dep_var_type ?? "revenue",
    ...(marketColumn !== undefined ? { marketColumn } : {}),
    channels: mapping.spec.paid_media_spends.map((spend) => ({
      name: channelStem(spend),
      spend,
      funnel: funnels.get(spend) ?? {},
    })),
    metrics: numeric
      .filter((c) => c !== date && c !== marketColumn)
      .map((column) => ({ column, combine: combineOf(mapping.columns.find((c) => c.column === column)!) })),
  };
}

function resolveGoal(asked: string, table: Table, numeric: readonly string[]): string {
  const wanted = asked.trim();
  const found =
    table.columns.find((c) => c === wanted) ??
    table.columns.find((c) => c.toLowerCase() === wanted.toLowerCase());
  if (found === undefined) {
    throw invalidInput(
      "goal",
      `There is no column "${asked}" to use as goal: choose one of the numeric columns (${numeric.join(", ")}).`,
    );
  }
  if (!numeric.includes(found)) {
    throw invalidInput(
      "goal",
      `Column ${found} does not hold numbers, so it cannot be the goal: choose one of ${numeric.join(", ")}.`,
    );
  }
  return found;
}

/** Per spend: every numeric impressions, clicks or sessions column of its channel (the first of each kind). */
function funnelsBySpend(
  spends: readonly ColumnSuggestion[],
  numeric: readonly string[],
): Map<string, Partial<Record<FunnelStep, string>>> {
  const funnels = new Map<string, Partial<Record<FunnelStep, string>>>();
  for (const column of numeric) {
    const kind = matchName(column);
    if (kind?.role !== "paid_media_var") continue;
    const step = FUNNEL_STEPS.find((s) => s === kind.exposureKind);
    if (step === undefined) continue;
    const exposure: ColumnSuggestion = { column, role: "paid_media_var", confidence: 1, reason: "" };
    const spend = spendFor(exposure, spends)?.column;
    if (spend === undefined) continue;
    const funnel = funnels.get(spend) ?? {};
    funnel[step] ??= column;
    funnels.set(spend, funnel);
  }
  return funnels;
}

function combineOf(suggestion: ColumnSuggestion): Combine {
  return suggestion.role === "context" || suggestion.role === "factor" ? "mean" : "sum";
}
