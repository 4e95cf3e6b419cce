/**
 * `/api/preparations`: the saved preparation as the API returns it (`core/preparations/preparation.ts`,
 * field for field), the name parameter, and the body of `POST /api/runs` that starts from one.
 */
import { z } from "zod";
import { GOAL_TYPES } from "../../core/preparations/preparation.ts";
import { ActorSchema, StartFields } from "./api-schemas.ts";

const goal = z.object({ column: z.string(), type: z.enum(GOAL_TYPES) });

export const PreparationData = z.object({
  name: z.string(),
  source: z.union([
    z.object({ table: z.string() }),
    z.object({ dataset: z.string() }),
    z.object({ sql: z.string() }),
  ]),
  market: z.string().describe("Two-letter market (country) code"),
  country_column: z.string().optional().describe("The source's market column, when it has one"),
  date_column: z.string(),
  goal,
  secondary_goals: z.array(goal),
  columns: z.array(z.string()).describe("The source columns kept, in the source's order"),
  derived: z
    .array(z.object({ name: z.string(), sum: z.array(z.string()), tag: z.string().optional() }))
    .describe("Derived columns: each the row-wise sum of `sum`"),
  paid_media: z
    .array(z.object({ spend: z.string(), response: z.string() }))
    .describe("Paid channels with the column modelled as each one's media response"),
  organic_vars: z.array(z.string()),
  context_vars: z.array(z.string()),
  factor_vars: z.array(z.string()),
  created_by: ActorSchema,
  created_at: z.string(),
});

export const PreparationListData = z.object({ preparations: z.array(PreparationData) });

export const PreparationParams = z.object({ name: z.string().min(1).describe("The preparation's name") });

export const DeletedPreparationData = z.object({ name: z.string() });

/** `POST /api/runs` from a saved preparation: the preparation sets the country and the variable mapping. */
export const PreparationRunBody = z
  .object({
    data: z.strictObject({ preparation: z.string().min(1).describe("A saved preparation's name") }),
    ...StartFields.shape,
  })
  .describe(
    "Plus any RunSpec field except the mapping (date_var, dep_var_type, paid_media_spends, paid_media_vars, organic_vars, context_vars, factor_vars), which the preparation sets; dep_var may name one of its secondary goals to explain that goal instead (its type comes with it); country, when given, must be its market.",
  );
