/**
 * Trainer events: what a trainer (either engine) reports to the app with an HTTP POST to
 * `/internal/runs/:id/events`, authenticated with a per-run HMAC token. Sequence numbers make them
 * idempotent: an event whose `seq` is not above the run's `lastEventSeq` changes nothing.
 */
import { z } from "zod";

const base = { seq: z.number().int().min(1), at: z.string() };

export const TrainerEventSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("started"), execution: z.string().optional() }),
  z.object({
    ...base,
    type: z.literal("progress"),
    phase: z.string(),
    done: z.number().int().min(0),
    total: z.number().int().min(0),
    bestNrmse: z.number().optional(),
    bestDecompRssd: z.number().optional(),
    etaSeconds: z.number().min(0).optional(),
  }),
  z.object({
    ...base,
    type: z.literal("completed"),
    summary: z.record(z.string(), z.unknown()),
    resources: z
      .object({ cpuSeconds: z.number(), peakMemoryMb: z.number(), wallSeconds: z.number() })
      .optional(),
  }),
  z.object({
    ...base,
    type: z.literal("failed"),
    reason: z.string(),
    logTail: z.string().optional(),
    resources: z
      .object({ cpuSeconds: z.number(), peakMemoryMb: z.number(), wallSeconds: z.number() })
      .optional(),
  }),
  z.object({ ...base, type: z.literal("cancelled"), reason: z.string().optional() }),
]);
export type TrainerEvent = z.infer<typeof TrainerEventSchema>;
