/**
 * `GET /api/data/profile`: its query and the profile it answers (`core/data-profile/data-profile.ts`; every
 * number's definition in `docs/data-profile.md`). JSON has no infinity, so an infinite VIF or condition
 * number (an exact linear dependency) is the string "Infinity".
 */
import { z } from "zod";
import type { DataProfile } from "../../core/data-profile/data-profile.ts";
import { PROFILE_ROLES } from "../../core/data-profile/profile-roles.ts";

export const DataProfileQuery = z.object({
  table: z.string().min(1).optional().describe("A warehouse table (give one of table, dataset and sql)"),
  dataset: z
    .string()
    .min(1)
    .optional()
    .describe("An uploaded dataset, NAME or NAME@VERSION (give one of table, dataset and sql)"),
  sql: z
    .string()
    .min(1)
    .max(20_000)
    .optional()
    .describe(
      "One read-only SELECT (or WITH) statement over the warehouse, checked like a run's SQL source (give one of table, dataset and sql)",
    ),
  market: z
    .string({ error: "is required: a value of the data's market column, such as DE" })
    .trim()
    .min(1)
    .describe("A value of the data's market column (all rows are used when it has none)"),
  goal: z.string().min(1).optional().describe("The goal column; the auto-mapping's goal when left out"),
  secondary: z
    .string()
    .optional()
    .transform((text) =>
      (text ?? "")
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .describe("Secondary goal columns, separated by commas: each one's fit to every variable"),
});

const band = z.enum(["ok", "warning", "problem"]);
const measure = z.union([z.number(), z.literal("Infinity")]);
const fit = {
  spearman: z.number().nullable().optional().describe("Spearman's ρ with the goal (average ranks for ties)"),
  r2: z
    .number()
    .nullable()
    .optional()
    .describe("R² of the univariate OLS line goal ~ column, with an intercept"),
  nmae: z.number().nullable().optional().describe("Mean absolute error of that line / mean |goal|"),
};
const cellValue = z.union([z.number(), z.string()]).nullable();

export const DataProfileData = z.object({
  source: z.string(),
  market: z.string(),
  goal: z.string(),
  secondary_goals: z
    .array(
      z.object({
        column: z.string(),
        fits: z.array(z.object({ column: z.string(), role: z.enum(PROFILE_ROLES), ...fit })),
      }),
    )
    .describe("Each secondary goal asked for, with every variable's fit to it (never a regressor here)"),
  date_column: z.string().nullable(),
  rows: z.number().int(),
  date_range: z.object({ start: z.string(), end: z.string() }).nullable(),
  columns: z.array(
    z.object({
      name: z.string(),
      role: z.enum(PROFILE_ROLES),
      type: z.enum(["empty", "number", "text", "date", "mixed"]),
      rows: z.number().int(),
      nulls: z.number().int(),
      zeros: z.number().int(),
      distinct: z.number().int(),
      min: cellValue,
      p25: cellValue,
      median: cellValue,
      p75: cellValue,
      max: cellValue,
      mean: z.number().nullable(),
      sd: z.number().nullable(),
      cv: z.number().nullable().describe("sd / |mean|"),
      sparkline: z.array(z.number().nullable()).describe("Values in date order, at most 60 bucket means"),
      ...fit,
      media_response: z
        .object({
          chosen: z.string(),
          options: z.array(z.object({ column: z.string(), kind: z.string(), ...fit })),
        })
        .optional()
        .describe("Paid spends: the spend and its channel's exposure columns"),
      vif: measure.optional(),
      vif_band: band.optional(),
    }),
  ),
  vif: z.array(
    z.object({
      column: z.string(),
      group: z.enum(["paid_media", "organic", "context"]),
      vif: measure,
      band,
    }),
  ),
  identical_columns: z.array(z.tuple([z.string(), z.string()])),
  condition_number: measure.nullable(),
  condition_band: band.nullable(),
  driver_ratio: z.object({
    observations: z.number().int(),
    drivers: z.number().int(),
    ratio: z.number().nullable(),
    band: band.nullable(),
  }),
  cleaning: z.array(
    z.object({
      column: z.string(),
      action: z.enum(["drop", "keep"]),
      rule: z.enum(["all_null", "all_zero", "constant", "low_variation"]),
      reason: z.string(),
    }),
  ),
  findings: z.array(
    z.object({ level: z.enum(["problem", "warning"]), column: z.string().optional(), message: z.string() }),
  ),
  notes: z.array(z.string()),
});

/** The profile as JSON: infinite numbers as "Infinity" (JSON.stringify would write null). */
export function dataProfileJson(profile: DataProfile): z.input<typeof DataProfileData> {
  return JSON.parse(
    JSON.stringify(profile, (_key, value: unknown) => (value === Infinity ? "Infinity" : value)),
  ) as z.input<typeof DataProfileData>;
}
