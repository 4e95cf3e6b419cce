/** A batch's state from its runs: how many are in each status, and one word for the whole group. */
import { RUN_STATUSES, isTerminal, type Run, type RunStatus } from "../run.ts";

export type BatchState = "queued" | "running" | "succeeded" | "failed" | "partly_failed";

export interface BatchStatus {
  readonly state: BatchState;
  readonly counts: Readonly<Record<RunStatus, number>>;
  readonly total: number;
}

export function batchStatus(runs: readonly Run[]): BatchStatus {
  const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
  for (const run of runs) counts[run.status]++;
  const total = runs.length;
  const state: BatchState =
    counts.queued === total
      ? "queued"
      : runs.some((run) => !isTerminal(run.status))
        ? "running"
        : counts.succeeded === total
          ? "succeeded"
          : counts.succeeded === 0
            ? "failed"
            : "partly_failed";
  return { state, counts, total };
}
