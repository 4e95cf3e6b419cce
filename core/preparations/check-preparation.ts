/**
 * A preparation draft checked against the rows it was made on, and the preparation it becomes: which
 * columns are kept, what the derived columns add up, and the role of every model variable.
 *
 * Every refusal is an `invalid_input` naming the draft's field (`columns`, `drop`, `goal.column`,
 * `derived[1].name`, `media_response.tv_S`, …) and what to do. The roles come from the auto-mapping
 * (`core/mapping/`) of the prepared table with the goal fixed, except for derived columns, whose role is
 * their parts' common role in the source (a total of paid spends is a paid spend, of organic variables an
 * organic variable, else a context variable), and for the media responses the person chose.
 */
import { closestNames } from "../../common/closest-names.ts";
import { invalidInput } from "../../common/errors.ts";
import type { Table } from "../../common/table.ts";
import { applyPreparedColumns } from "../../engine/data/prepared-columns.ts";
import { suggestMapping } from "../mapping/auto-map.ts";
import { profileColumn } from "../mapping/column-profile.ts";
import type { MappingRole } from "../mapping/mapping-suggestion.ts";
import type { PreparationDraft } from "./preparation-draft.ts";
import type { DerivedColumn, PaidMediaChoice, Preparation } from "./preparation.ts";

export interface LoadedSource {
  readonly table: Table;
  /** Where the rows came from, in words, for messages (`table DEMO.X`, `dataset sales@2`). */
  readonly label: string;
  readonly countryColumn?: string;
}

/** What the check decides; the caller adds the name, source, market and who made it. */
export type CheckedPreparation = Omit<
  Preparation,
  "name" | "source" | "market" | "created_by" | "created_at"
>;

/**
 * `drops` are columns to leave out besides the draft's own `drop` (the data profile's cleaning
 * suggestions, for a draft made `from_profile`).
 */
export function checkPreparation(
  draft: PreparationDraft,
  source: LoadedSource,
  drops: readonly string[] = [],
): CheckedPreparation {
  const { table } = source;
  const mappingOptions = {
    depVar: draft.goal.column,
    ...(source.countryColumn ? { countryColumn: source.countryColumn } : {}),
  };
  const isNumber = (column: string) => profileColumn(table.data[column] ?? []).kind === "number";
  const known = (column: string, field: string) => {
    if (table.columns.includes(column)) return;
    const close = closestNames(column, table.columns);
    throw invalidInput(
      field,
      `Column ${column} is not in ${source.label}.${close.length > 0 ? ` Did you mean ${close.join(" or ")}?` : ""} Its columns are: ${table.columns.join(", ")}.`,
    );
  };

  const goal = draft.goal.column;
  known(goal, "goal.column");
  if (!isNumber(goal))
    throw invalidInput("goal.column", `The goal ${goal} must hold numbers (revenue or conversions).`);
  const sourceMapping = suggestMapping(table, mappingOptions);
  const dateColumn = sourceMapping.spec.date_var;
  if (dateColumn === undefined)
    throw invalidInput("columns", `${source.label} has no date column (dates written YYYY-MM-DD).`);

  (draft.columns ?? []).forEach((c) => known(c, "columns"));
  draft.drop.forEach((c) => known(c, "drop"));
  const dropped = new Set([...draft.drop, ...drops]);
  const keep = (draft.columns ?? table.columns).filter((c) => !dropped.has(c));
  for (const [column, what] of [
    [goal, "the goal: the model explains it"],
    [dateColumn, "the date column: every row needs its date"],
  ] as const) {
    if (!keep.includes(column))
      throw invalidInput(draft.drop.includes(column) ? "drop" : "columns", `Keep ${column}, ${what}.`);
  }

  draft.secondary_goals.forEach((g, i) => {
    const field = `secondary_goals[${i}].column`;
    if (g.column === goal) throw invalidInput(field, `${goal} is the main goal already.`);
    known(g.column, field);
    if (!keep.includes(g.column))
      throw invalidInput(field, `Keep ${g.column} to use it as a secondary goal.`);
    if (!isNumber(g.column)) throw invalidInput(field, `The goal ${g.column} must hold numbers.`);
  });

  const derived = checkDerived(draft.derived, table, source.label, [goal, dateColumn], known, isNumber);
  const prepared = applyPreparedColumns(table, { keep, derived });
  const roles = preparedRoles(prepared, mappingOptions, derived, sourceMapping.columns);
  for (const g of draft.secondary_goals) roles.delete(g.column);

  const paidMedia = choosePaidMedia(draft.media_response, roles, prepared, isNumberIn(prepared));
  const usedAsResponse = new Set(paidMedia.map((p) => p.response));
  const named = (...wanted: MappingRole[]) =>
    [...roles].filter(([c, r]) => wanted.includes(r.role) && !usedAsResponse.has(c)).map(([c]) => c);
  return {
    ...(source.countryColumn !== undefined ? { country_column: source.countryColumn } : {}),
    date_column: dateColumn,
    goal: { column: goal, type: draft.goal.type ?? sourceMapping.spec.dep_var_type ?? "revenue" },
    secondary_goals: draft.secondary_goals.map((g) => ({ column: g.column, type: g.type })),
    columns: keep,
    derived,
    paid_media: paidMedia,
    organic_vars: named("organic"),
    context_vars: named("context", "factor"),
    factor_vars: named("factor"),
  };
}

function checkDerived(
  drafts: readonly DerivedColumn[],
  table: Table,
  label: string,
  reserved: readonly string[],
  known: (column: string, field: string) => void,
  isNumber: (column: string) => boolean,
): DerivedColumn[] {
  const names = new Set<string>();
  return drafts.map((d, i) => {
    const field = `derived[${i}]`;
    const name = d.name.trim();
    if (name === "") throw invalidInput(`${field}.name`, "Name the derived column.");
    if (table.columns.includes(name))
      throw invalidInput(
        `${field}.name`,
        `${label} has a column ${name} already: give the derived column another name.`,
      );
    if (names.has(name)) throw invalidInput(`${field}.name`, `Two derived columns are named ${name}.`);
    names.add(name);
    if (d.sum.length === 0) throw invalidInput(`${field}.sum`, `Name the columns ${name} adds up.`);
    if (new Set(d.sum).size !== d.sum.length)
      throw invalidInput(`${field}.sum`, `${name} names a column twice: name each column it adds up once.`);
    for (const part of d.sum) {
      known(part, `${field}.sum`);
      if (reserved.includes(part))
        throw invalidInput(`${field}.sum`, `${name} cannot add up ${part}: it is the goal or the date.`);
      if (!isNumber(part))
        throw invalidInput(
          `${field}.sum`,
          `${name} cannot add up ${part}: it does not hold numbers. A derived column sums number columns only.`,
        );
    }
    return { name, sum: [...d.sum], ...(d.tag !== undefined ? { tag: d.tag } : {}) };
  });
}

interface Role {
  readonly role: MappingRole;
  /** For a spend: the exposure the auto-mapping pairs with it. */
  readonly pairedWith?: string;
}

/** The role of every prepared column, in table order (a Map keeps insertion order). */
function preparedRoles(
  prepared: Table,
  options: { depVar: string; countryColumn?: string },
  derived: readonly DerivedColumn[],
  sourceColumns: readonly { readonly column: string; readonly role: MappingRole }[],
): Map<string, Role> {
  const mapping = suggestMapping(prepared, options);
  const roles = new Map<string, Role>(
    mapping.columns.map((c) => [
      c.column,
      { role: c.role, ...(c.pairedWith ? { pairedWith: c.pairedWith } : {}) },
    ]),
  );
  const sourceRole = new Map(sourceColumns.map((c) => [c.column, c.role]));
  for (const d of derived) {
    const parts = new Set(d.sum.map((c) => sourceRole.get(c)));
    const only = parts.size === 1 ? [...parts][0] : undefined;
    roles.set(d.name, {
      role: only === "paid_media_spend" ? "paid_media_spend" : only === "organic" ? "organic" : "context",
    });
  }
  // A derived column cannot be the pair of a source spend.
  for (const [column, role] of roles) {
    if (role.pairedWith !== undefined && derived.some((d) => d.name === role.pairedWith)) {
      roles.set(column, { role: role.role });
    }
  }
  return roles;
}

function isNumberIn(table: Table): (column: string) => boolean {
  return (column) => profileColumn(table.data[column] ?? []).kind === "number";
}

function choosePaidMedia(
  chosen: Readonly<Record<string, string>>,
  roles: Map<string, Role>,
  prepared: Table,
  isNumber: (column: string) => boolean,
): PaidMediaChoice[] {
  const spends = [...roles].filter(([, r]) => r.role === "paid_media_spend").map(([c]) => c);
  if (spends.length === 0)
    throw invalidInput(
      "columns",
      "No paid media spend is kept: keep at least one spend column, or derive one (a channel total).",
    );
  for (const [spend, response] of Object.entries(chosen)) {
    const field = `media_response.${spend}`;
    if (!spends.includes(spend))
      throw invalidInput(
        field,
        `${spend} is not a kept paid spend. The paid spends are: ${spends.join(", ")}.`,
      );
    if (!prepared.columns.includes(response))
      throw invalidInput(
        field,
        `${response} is not a kept or derived column: keep it to model it as ${spend}'s response.`,
      );
    if (response !== spend && (roles.get(response)?.role === "paid_media_spend" || !isNumber(response)))
      throw invalidInput(
        field,
        `${response} cannot be ${spend}'s media response: choose the spend itself or a number column of its exposures (impressions, clicks).`,
      );
  }
  const choices = spends.map((spend) => ({
    spend,
    response: chosen[spend] ?? roles.get(spend)!.pairedWith ?? spend,
  }));
  const seen = new Map<string, string>();
  for (const { spend, response } of choices) {
    const other = seen.get(response);
    if (other !== undefined)
      throw invalidInput(`media_response.${spend}`, `${response} is ${other}'s media response already.`);
    seen.set(response, spend);
  }
  return choices;
}
