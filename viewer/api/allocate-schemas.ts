/**
 * `POST /api/runs/{id}/models/{model}/allocate`: Robyn's `robyn_allocator` arguments by Robyn's names, with
 * per-channel bounds also by channel name, and the result (Robyn's `dt_optimOut` names, the bounds that bind and
 * what relaxing each would add). Kept apart from `api-schemas.ts` so the allocator's shapes read in one place.
 */
import { z } from "zod";

const multiple = z
  .number()
  .nonnegative()
  .describe("A multiple of the channel's spend per period over date_range");
const channelBounds = z
  .union([multiple, z.array(multiple).max(200), z.record(z.string().min(1), multiple)])
  .describe(
    "One multiple for every channel, one per channel in the model's paid_media order, or by channel name ({\"tv_S\": 0.8}); channels left out keep the run's setting or the default (0.5–2, target_efficiency 0.1–10)",
  );

export const AllocateBody = z.strictObject({
  scenario: z.enum(["max_response", "target_efficiency"]).optional().describe("Default max_response"),
  total_budget: z
    .number()
    .positive()
    .optional()
    .describe("Over the whole date range; default: what was spent in it"),
  target_value: z
    .number()
    .positive()
    .optional()
    .describe(
      "target_efficiency: the ROAS (revenue) or CPA (conversion) to meet; default 0.8 × ROAS / 1.2 × CPA",
    ),
  channel_constr_low: channelBounds.optional(),
  channel_constr_up: channelBounds.optional(),
  channel_constr_multiplier: z
    .number()
    .min(1)
    .optional()
    .describe('How much wider the second ("unbounded") run\'s bounds are; default 3'),
  date_range: z
    .union([z.string().min(1).max(40), z.tuple([z.iso.date(), z.iso.date()])])
    .optional()
    .describe(
      'all, last, last_N, one date, or ["START", "END"]: the periods today\'s spend is averaged over',
    ),
});

const ratio = z.number().nullable();
const diagnostics = z
  .object({
    method: z.string(),
    status: z.string().describe("optimal, node_limit, upper_bounds, or infeasible (widened run only)"),
    nodes: z.number(),
    upperBound: ratio,
    relativeGap: ratio,
    multiplier: ratio.describe("Common marginal response of the channels inside their bounds"),
    constraintResidual: ratio,
    message: z.string().optional(),
    targetValue: z.number().optional(),
  })
  .passthrough();

export const AllocationData = z
  .object({
    solID: z.string(),
    dateRange: z.object({ from: z.string(), to: z.string(), periods: z.number() }),
    intervalType: z.string(),
    scenario: z.enum(["max_response", "target_efficiency"]),
    depVarType: z.enum(["revenue", "conversion"]),
    periods: z.number(),
    target: z
      .object({
        metric: z.enum(["roas", "cpa"]),
        value: z.number(),
        isDefault: z.boolean(),
        unboundedValue: z.number(),
      })
      .nullable(),
    rows: z
      .array(z.record(z.string(), z.union([z.number(), z.string(), z.null()])))
      .describe("One per channel, alphabetical, with Robyn's dt_optimOut columns (per period: *Unit)"),
    totals: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    excluded: z.array(z.object({ channel: z.string(), reason: z.enum(["zero_coef", "zero_bounds"]) })),
    bounded: diagnostics,
    bindingBounds: z
      .array(
        z.object({
          channel: z.string(),
          side: z.enum(["lower", "upper"]),
          multiple: z.number(),
          spend: z.number(),
          relaxedMultiple: z.number(),
          relaxedSpend: z.number(),
          responseGainUnit: ratio.describe(
            "Response per period gained by moving only this bound to relaxedSpend",
          ),
          binds: z.boolean(),
          firstOrderGainPerUnit: ratio.describe("max_response: response per period per unit the bound moves"),
        }),
      )
      .describe("The bounds the allocation sits on, each with what relaxing it would add"),
    unbounded: diagnostics,
  })
  .describe("Robyn's robyn_allocator result by its names; non-finite numbers are null, ±Inf as strings");
