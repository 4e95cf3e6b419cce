/**
 * What a person sends to save a preparation (`POST /api/preparations`, the viewer's Prepare page, Slack):
 * the source and market, the goal, which columns to keep or drop, derived columns and media-response
 * choices. `check-preparation.ts` checks it against the data and resolves the roles.
 */
import { z } from "zod";
import { GOAL_TYPES, PREPARATION_NAME, PREPARATION_NAME_RULE } from "./preparation.ts";

const column = z.string().trim().min(1, { error: "must be a column name" });
const goal = z.strictObject({
  column,
  type: z.enum(GOAL_TYPES, { error: "must be revenue or conversion" }).optional(),
});

export const PreparationDraftSchema = z.strictObject({
  name: z.string().trim().regex(PREPARATION_NAME, { error: PREPARATION_NAME_RULE }).describe("A unique name"),
  source: z
    .union(
      [
        z.strictObject({ table: z.string().trim().min(1) }),
        z.strictObject({ dataset: z.string().trim().min(1) }),
        z.strictObject({ sql: z.string().trim().min(1) }),
      ],
      {
        error: "must be { table: NAME }, { dataset: NAME or NAME@VERSION } or { sql: SELECT … }",
      },
    )
    .describe(
      "A warehouse table, an uploaded dataset (NAME@VERSION; the newest version without one), or a read-only SQL query",
    ),
  market: z
    .string({ error: "is required: a two-letter market (country) code such as US" })
    .trim()
    .regex(/^[A-Za-z]{2}$/, { error: "must be a two-letter market (country) code such as US" })
    .transform((m) => m.toUpperCase()),
  goal: goal.describe("The goal column and its type (revenue: ROAS; conversion: CPA)"),
  secondary_goals: z
    .array(goal.required({ type: true }))
    .default([])
    .describe("Other goal columns kept for comparison"),
  columns: z.array(column).min(1).optional().describe("The source columns to keep (default: all of them)"),
  drop: z.array(column).default([]).describe("Columns to leave out"),
  from_profile: z
    .boolean()
    .default(false)
    .describe("Also leave out every column the data profile's cleaning suggests dropping"),
  derived: z
    .array(
      z.strictObject({
        name: column,
        sum: z.array(column).min(1, { error: "must name at least one column to add up" }),
        tag: z.string().trim().min(1).optional(),
      }),
    )
    .default([])
    .describe("Derived columns: a channel total or a sum by tag, each the row-wise sum of number columns"),
  media_response: z
    .record(z.string(), column)
    .default({})
    .describe("Per paid spend, the column modelled as its media response: the spend, impressions or clicks"),
});

export type PreparationDraft = z.output<typeof PreparationDraftSchema>;
