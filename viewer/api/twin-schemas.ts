/**
 * `/api/runs/{id}/models/{model}/twin`: start the known-truth twin of a model (`core/results/twin-jobs.ts`)
 * and read its state, then its report (`core/results/model-twin.ts`, the same as `mmm twin --json`).
 */
import { z } from "zod";
import { ActorSchema } from "./api-schemas.ts";

const whole = z.number().int().min(1);

export const TwinBody = z.strictObject({
  iterations: whole
    .max(100_000)
    .optional()
    .describe("Iterations per trial of the twin's search (default: the run's)"),
  trials: whole.max(50).optional().describe("Trials of the twin's search (default: the run's)"),
  seed: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("Seed of the twin's data and search (default: the run's)"),
});

const number = z.number().nullable();

const TwinReportSchema = z.object({
  run: z.string(),
  truth_model: z.string().describe("The model whose parameters are the twin's truth"),
  metric: z.enum(["roi", "cpa"]),
  iterations: z.number(),
  trials: z.number(),
  seed: z.number(),
  recommended_model: z.string().nullable().describe("The twin run's recommended model"),
  calibrated: z.boolean(),
  channels: z.array(
    z.object({
      channel: z.string(),
      truth: number,
      recovered: number.describe("The twin's recommended model's ROI (CPA)"),
      error: number.describe("|recovered − truth| / truth"),
      low: number,
      high: number,
      covered: z.boolean().nullable().describe("The 80 % interval holds the truth"),
      robyn_pick: number.describe("Robyn's own pick (lowest Robyn distance) on the twin"),
    }),
  ),
  median_error: number,
  coverage: number,
  summary: z.array(z.string()),
});

export const TwinStateData = z.object({
  run: z.string(),
  model: z.string(),
  status: z.enum(["running", "succeeded", "failed"]),
  by: ActorSchema,
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  iterations: z.number(),
  trials: z.number(),
  progress: z
    .object({ phase: z.string(), done: z.number(), total: z.number() })
    .nullable()
    .describe("The twin's training while it runs"),
  report: TwinReportSchema.nullable().describe("Once succeeded"),
  error: z.string().nullable().describe("Once failed"),
});
