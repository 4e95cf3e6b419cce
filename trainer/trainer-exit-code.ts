import type { TrainerOutcome } from "./trainer.ts";

/** A training command's exit code: 0 when it succeeded, 130 when cancelled (as after Ctrl-C), else 1. */
export function trainerExitCode(outcome: TrainerOutcome): number {
  return outcome === "succeeded" ? 0 : outcome === "cancelled" ? 130 : 1;
}
