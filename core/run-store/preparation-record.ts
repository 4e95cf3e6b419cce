/**
 * Checks shared by every RunStore adapter for a saved preparation (`savePreparation`): a storable name, a
 * time, and the record as stored (its own fields only, so stray keys never reach the database). The
 * preparation's columns were checked against its data by `core/preparations/check-preparation.ts`.
 */
import { MmmError, invalidInput } from "../../common/errors.ts";
import { PREPARATION_NAME, PREPARATION_NAME_RULE, type Preparation } from "../preparations/preparation.ts";
import { isoTime } from "./run-record.ts";

export function normalizePreparation(preparation: Preparation): Preparation {
  if (typeof preparation.name !== "string" || !PREPARATION_NAME.test(preparation.name)) {
    throw invalidInput(
      "name",
      `"${String(preparation.name)}" cannot name a preparation: ${PREPARATION_NAME_RULE}.`,
    );
  }
  isoTime(preparation.created_at, "created_at");
  if (!Array.isArray(preparation.columns) || preparation.columns.length === 0) {
    throw invalidInput("columns", "A preparation keeps at least its date and goal columns.");
  }
  return {
    name: preparation.name,
    source:
      "table" in preparation.source
        ? { table: preparation.source.table }
        : "dataset" in preparation.source
          ? { dataset: preparation.source.dataset }
          : { sql: preparation.source.sql },
    market: preparation.market,
    ...(preparation.country_column !== undefined ? { country_column: preparation.country_column } : {}),
    date_column: preparation.date_column,
    goal: { column: preparation.goal.column, type: preparation.goal.type },
    secondary_goals: preparation.secondary_goals.map((g) => ({ column: g.column, type: g.type })),
    columns: [...preparation.columns],
    derived: preparation.derived.map((d) => ({
      name: d.name,
      sum: [...d.sum],
      ...(d.tag !== undefined ? { tag: d.tag } : {}),
    })),
    paid_media: preparation.paid_media.map((p) => ({ spend: p.spend, response: p.response })),
    organic_vars: [...preparation.organic_vars],
    context_vars: [...preparation.context_vars],
    factor_vars: [...preparation.factor_vars],
    created_by: preparation.created_by,
    created_at: preparation.created_at,
  };
}

export function preparationTaken(name: string): MmmError {
  return new MmmError(
    "conflict",
    `A preparation named ${name} exists: choose another name, or delete the old one first.`,
    { context: { field: "name" } },
  );
}
