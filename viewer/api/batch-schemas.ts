/** `/api/batches`: the shapes of a batch start and of a batch's status, for validation and the OpenAPI document. */
import { z } from "zod";
import { RUN_STATUSES } from "../../core/run.ts";
import { RunView } from "./api-schemas.ts";

export const BatchBody = z.union([
  z.strictObject({
    csv: z
      .string()
      .min(1)
      .describe("The batch settings CSV itself: a header of RunSpec field names, one run per row"),
  }),
  z.strictObject({
    defaults: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("RunSpec fields every run shares (the mapping, the data source, the budget)"),
    runs: z
      .array(z.record(z.string(), z.unknown()))
      .min(1)
      .describe(
        "One object of RunSpec fields per run (a market, or another configuration), laid over defaults; tag labels it",
      ),
  }),
]);

export const BatchIdParams = z.object({
  id: z
    .string()
    .regex(/^b-[0-9a-f-]{36}$/, { error: "must be a batch id such as b-1b4e…" })
    .describe("Batch id"),
});

export const BatchData = z.object({
  batchId: z.string(),
  state: z.enum(["queued", "running", "succeeded", "failed", "partly_failed"]),
  total: z.number().int(),
  counts: z.record(z.enum(RUN_STATUSES), z.number().int()),
  runs: z.array(RunView),
});
export type BatchData = z.infer<typeof BatchData>;
