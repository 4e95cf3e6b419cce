/**
 * One column's role from its name (`name-rules.ts`) and its values (`column-profile.ts`), on its own.
 * Choices that need the other columns (one date, one goal, pairing exposures with spends, the order of
 * channels) are made afterwards by `assembleMapping`.
 *
 * Reasons are short phrases without a final full stop, written for a marketer: what was seen, then
 * what it means ("ends in _S and holds non-negative amounts: a paid media spend").
 */
import type { Cell } from "../../common/table.ts";
import { cadenceText, type ColumnProfile } from "./column-profile.ts";
import type { ColumnSuggestion, DepVarType } from "./mapping-suggestion.ts";
import { channelStem, matchName, type NameMatch } from "./name-rules.ts";

/** Names for the total of several channels: modelling it beside them would count spend twice. */
const TOTAL_STEMS = new Set(["total", "sum", "all", "overall"]);
/** Goal words that do not say whether the goal is money or a count. */
const AMBIGUOUS_GOAL_WORDS = new Set(["sales", "kpi", "target", "goal", "response", "y"]);
/** Most distinct text values for a category (factor). */
const MAX_FACTOR_LEVELS = 20;

export interface ClassifyOptions {
  readonly countryColumn?: string;
  readonly depVar?: string;
}

export function classifyColumn(
  column: string,
  profile: ColumnProfile,
  options: ClassifyOptions = {},
): ColumnSuggestion {
  const match = matchName(column);
  const make = (
    role: ColumnSuggestion["role"],
    confidence: number,
    reason: string,
    extra: Partial<ColumnSuggestion> = {},
  ) => ({
    column,
    role,
    confidence,
    reason,
    ...extra,
  });

  if (options.countryColumn !== undefined && sameName(column, options.countryColumn)) {
    return make("country", 1, "chosen as the country column");
  }
  if (options.depVar !== undefined && sameName(column, options.depVar)) {
    return make("dep_var", 1, "chosen as the goal", { depVarType: depVarTypeOf(match, profile) });
  }
  if (profile.kind === "empty") return make("ignore", 0.95, "is empty in every row");
  if ((profile.kind === "text" || profile.kind === "mixed") && match?.role === "country") {
    return make(
      "country",
      0.95,
      `holds country values (${examples(profile)}): the column to filter each country's data on`,
    );
  }
  if (profile.kind === "date") {
    const cadence = cadenceText(profile.stepDays);
    const span = `from ${profile.firstDate} to ${profile.lastDate}${cadence ? `, ${cadence}` : ""}`;
    return match?.role === "date"
      ? make("date", 0.95, `${describeMarker(match, column)} and holds dates ${span}: the date column`)
      : make("date", 0.8, `holds dates ${span}: the date column`);
  }
  if (profile.constant !== undefined) {
    return make(
      "ignore",
      0.95,
      `has the same value (${show(profile.constant)}) in every row: it cannot explain any change`,
    );
  }
  if (profile.kind === "mixed") {
    return make("ignore", 0.8, "mixes numbers and text: make it one kind (e.g. CAST in the SQL) to use it");
  }
  if (profile.kind === "text") return classifyText(column, profile, match, make);
  return classifyNumber(column, profile, match, make);
}

type Make = (
  role: ColumnSuggestion["role"],
  confidence: number,
  reason: string,
  extra?: Partial<ColumnSuggestion>,
) => ColumnSuggestion;

function classifyText(
  column: string,
  profile: ColumnProfile,
  match: NameMatch | undefined,
  make: Make,
): ColumnSuggestion {
  const present = profile.rows - profile.missing;
  const numericRole =
    match && ["paid_media_spend", "paid_media_var", "dep_var", "organic"].includes(match.role);
  if (numericRole) {
    return make(
      "ignore",
      0.7,
      `${describeMarker(match, column)} but holds text: convert it to numbers in the SQL to use it`,
    );
  }
  if (profile.distinct <= MAX_FACTOR_LEVELS && profile.distinct < Math.max(3, present / 2)) {
    const levels = `${profile.distinct} text values (${examples(profile)})`;
    return match?.role === "factor"
      ? make(
          "factor",
          0.9,
          `${describeMarker(match, column)} and holds ${levels}: a category such as events or holidays, used as a factor`,
        )
      : make("factor", 0.7, `holds ${levels}: a category, used as a factor`);
  }
  return make("ignore", 0.8, "text with many different values (like an ID or a name): not a model variable");
}

/** One case per name role; kept as one flat switch (longer than 60 lines) so the rules read as a table. */
function classifyNumber(
  column: string,
  profile: ColumnProfile,
  match: NameMatch | undefined,
  make: Make,
): ColumnSuggestion {
  const negatives =
    profile.negatives > 0
      ? `${profile.negatives} negative value${profile.negatives > 1 ? "s" : ""} (first in row ${profile.firstNegativeRow! + 1})`
      : undefined;
  const marker = match ? describeMarker(match, column) : "";
  switch (match?.role) {
    case "paid_media_spend": {
      if (TOTAL_STEMS.has(channelStem(column))) {
        return make(
          "ignore",
          0.7,
          `${marker} but looks like a total of other spends: modelling it beside them would count spend twice`,
        );
      }
      if (negatives)
        return make(
          "paid_media_spend",
          0.5,
          `${marker} but has ${negatives}: check it, spend must be zero or more`,
        );
      return make("paid_media_spend", 0.9, `${marker} and holds non-negative amounts: a paid media spend`);
    }
    case "paid_media_var": {
      const what = `${marker}: ${match.exposureKind} for the ${channelStem(column)} channel`;
      if (negatives) return make("paid_media_var", 0.5, `${what}, but has ${negatives}: check it`);
      if (match.exposureKind === "clicks" && profile.wholeShare < 0.95) {
        return make("paid_media_var", 0.75, `${what} (not whole numbers, perhaps averaged or modelled)`);
      }
      return make("paid_media_var", 0.9, what);
    }
    case "organic":
      return make(
        "organic",
        negatives ? 0.5 : match.place === "word" && match.marker.toLowerCase() !== "organic" ? 0.75 : 0.9,
        `${marker}: an organic (unpaid) channel${negatives ? `, but has ${negatives}` : ""}`,
      );
    case "context":
      return make(
        "context",
        0.85,
        `${marker}: a context variable (an outside influence such as competitors, prices or weather)`,
      );
    case "factor":
      return profile.binary
        ? make("factor", 0.8, `${marker} and holds only 0 and 1: an on/off switch, used as a factor`)
        : make("context", 0.7, `${marker} and holds counts: a context variable`);
    case "dep_var": {
      const type = depVarTypeOf(match, profile);
      const sure = match.goalType !== undefined && !AMBIGUOUS_GOAL_WORDS.has(match.marker.toLowerCase());
      const what =
        type === "revenue"
          ? `${marker} and holds ${negatives ? "amounts" : "non-negative amounts"}: the goal to explain (revenue)`
          : `${marker} and holds ${profile.wholeShare >= 0.99 ? "counts" : "numbers"}: the goal to explain (conversions)`;
      if (negatives)
        return make("dep_var", 0.5, `${what}, but has ${negatives}: check it`, { depVarType: type });
      return make("dep_var", sure ? 0.9 : 0.6, what, { depVarType: type });
    }
    case "media_channel":
      return make(
        "paid_media_spend",
        0.4,
        `named after a media channel (${match.marker}) without a spend ending such as _S or _SPEND: check that it is a spend`,
      );
    case "date":
      return make("ignore", 0.6, "named like a date but holds numbers, not dates");
    case "country":
      return make("ignore", 0.6, "named like a country column but holds numbers");
    default:
      return profile.binary
        ? make(
            "context",
            0.5,
            "holds only 0 and 1: an on/off switch such as a promotion, used as a context variable",
          )
        : make("ignore", 0.3, "no rule recognises this name: choose its role if it belongs in the model");
  }
}

/**
 * Revenue or conversions: from the name when it says (revenue, GMV → revenue; orders, leads → conversion),
 * else from the values: whole numbers below 100,000 a row look like counts, anything else like money.
 */
export function depVarTypeOf(match: NameMatch | undefined, profile: ColumnProfile): DepVarType {
  if (match?.goalType !== undefined && !AMBIGUOUS_GOAL_WORDS.has(match.marker.toLowerCase()))
    return match.goalType;
  return profile.wholeShare >= 0.99 && (profile.max ?? 0) < 100_000 ? "conversion" : "revenue";
}

function describeMarker(match: NameMatch, column: string): string {
  if (match.marker.toLowerCase() === column.toLowerCase()) return `is named ${column}`;
  switch (match.place) {
    case "suffix":
      return `ends in ${match.marker}`;
    case "prefix":
      return `starts with ${match.marker}`;
    case "word":
      return `mentions ${match.marker}`;
    case "name":
      return `is named ${match.marker}`;
  }
}

function examples(profile: ColumnProfile): string {
  const shown = profile.examples.slice(0, 4).map(show).join(", ");
  return profile.distinct > 4 ? `${shown}, …` : shown;
}

function show(value: Cell): string {
  return typeof value === "number"
    ? value.toLocaleString("en-US", { maximumFractionDigits: 4 })
    : String(value);
}

function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.trim().toLowerCase();
}
