/**
 * The RunSpec as JSON Schema (draft 2020-12), for the R trainer, which validates the same document the
 * app does. Generated from the zod schema; `r/run-spec.schema.json` is this output, committed as the
 * contract between the two engines (a test fails when it is out of date: run `npm run mmm -- schema`).
 */
import { z } from "zod";
import { RunSpecSchema } from "./run-spec.ts";

export function runSpecJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(RunSpecSchema, { io: "input", unrepresentable: "any" }),
    $id: "https://mmm-trainer.example/run-spec.schema.json",
    title: "RunSpec",
    description:
      "A training run of MMM Trainer: Robyn's robyn_inputs/robyn_run arguments plus engine, data, resample and allocator.",
  };
}
