/**
 * When the reconciler stops a run whose execution the launcher still describes as running: a trainer
 * that sent nothing for `silenceSeconds` is hung (stopped with SIGSTOP, deadlocked, stuck on I/O), since a
 * working trainer reports progress far more often; a run past `maxRunSeconds` has run away.
 */
import type { ExecutionDescription } from "../launcher/port.ts";
import type { Run } from "../run.ts";

export interface StuckRunLimits {
  readonly now: Date;
  readonly silenceSeconds: number;
  /** No maximum when undefined. */
  readonly maxRunSeconds?: number | undefined;
}

/**
 * The failure reason for a run whose execution still runs, or undefined when it may go on. It was last
 * heard from at its latest event, or at the start of its current execution (a merge that just started
 * is not silent because the shards' events were long ago); its run time counts from the run's start.
 */
export function stuckReason(
  run: Pick<Run, "createdAt" | "startedAt" | "lastHeartbeatAt">,
  execution: Pick<ExecutionDescription, "startedAt">,
  limits: StuckRunLimits,
): string | undefined {
  const now = limits.now.getTime();
  const executionStart = Date.parse(execution.startedAt ?? run.startedAt ?? run.createdAt);
  const lastHeard = Math.max(executionStart, run.lastHeartbeatAt ? Date.parse(run.lastHeartbeatAt) : 0);
  const silentSeconds = (now - lastHeard) / 1000;
  if (silentSeconds > limits.silenceSeconds) {
    return (
      `The trainer sent nothing for ${formatSeconds(silentSeconds)} (TRAINER_SILENCE_SECONDS is ` +
      `${limits.silenceSeconds}) although it was still running, so it was stopped as hung. Start the run ` +
      `again; if it hangs again, tell an admin.`
    );
  }
  const runSeconds = (now - Date.parse(run.startedAt ?? execution.startedAt ?? run.createdAt)) / 1000;
  if (limits.maxRunSeconds !== undefined && runSeconds > limits.maxRunSeconds) {
    return (
      `The run was still training after ${formatSeconds(runSeconds)}, longer than the maximum run time ` +
      `(TRAINER_MAX_RUN_SECONDS is ${limits.maxRunSeconds}), so it was stopped. Use fewer iterations or ` +
      `trials, or ask an admin to raise the maximum.`
    );
  }
  return undefined;
}

/** "45 s", "12 min", "3.5 h". */
function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}
