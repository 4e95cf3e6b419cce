/**
 * A Cloud Run execution (and its tasks) as the port describes executions.
 *
 * - An execution without `completionTime` is `running`: queued, starting, running, or being cancelled
 *   (Cloud Run stops the tasks with SIGTERM, then SIGKILL after 10 s; the app counts it as running until
 *   they have stopped).
 * - An ended execution is `cancelled` when any task was cancelled or the `Completed` condition says
 *   CANCELLED; else `failed` when a task failed or the condition failed; else `succeeded` when every
 *   task succeeded; else `unknown`. This replaces the replaced product's reading, which called an
 *   execution completed without knowing how.
 * - A failed execution's exit code, signal and reason come from its first failed task's last attempt
 *   (`lastAttemptResult`: the container's exit code, the signal that ended it, Cloud Run's message such
 *   as "Memory limit of 512 MiB exceeded…"), when the tasks could be read; otherwise the reason is the
 *   execution's own condition message.
 * - Cloud Run's Admin API does not report CPU time or memory use, so neither is given.
 */
import { constants } from "node:os";
import type { ExecutionDescription, ExecutionState } from "../port.ts";

/** The parts of the API's Execution read here (as the client decodes it: enums as names). */
export interface ExecutionResource {
  readonly name?: string | null;
  readonly createTime?: TimestampLike | null;
  readonly startTime?: TimestampLike | null;
  readonly completionTime?: TimestampLike | null;
  readonly taskCount?: number | null;
  readonly succeededCount?: number | null;
  readonly failedCount?: number | null;
  readonly cancelledCount?: number | null;
  readonly conditions?: readonly ConditionLike[] | null;
}

export interface TaskResource {
  readonly index?: number | null;
  readonly lastAttemptResult?: {
    readonly status?: { readonly code?: number | null; readonly message?: string | null } | null;
    readonly exitCode?: number | null;
    readonly termSignal?: number | null;
  } | null;
  readonly conditions?: readonly ConditionLike[] | null;
}

export interface ConditionLike {
  readonly type?: string | null;
  readonly state?: unknown;
  readonly message?: string | null;
  readonly executionReason?: unknown;
}

export interface TimestampLike {
  readonly seconds?: unknown;
  readonly nanos?: number | null;
}

/** Whether Cloud Run has finished with the execution (its description will not change any more). */
export function hasEnded(execution: ExecutionResource): boolean {
  return toIso(execution.completionTime) !== undefined;
}

export function executionState(execution: ExecutionResource): ExecutionState {
  if (!hasEnded(execution)) return "running";
  const completed = completedCondition(execution);
  if ((execution.cancelledCount ?? 0) > 0 || enumIs(completed?.executionReason, "CANCELLED", 3))
    return "cancelled";
  if ((execution.failedCount ?? 0) > 0 || enumIs(completed?.state, "CONDITION_FAILED", 3)) return "failed";
  const tasks = execution.taskCount ?? 0;
  if (
    (tasks > 0 && (execution.succeededCount ?? 0) >= tasks) ||
    enumIs(completed?.state, "CONDITION_SUCCEEDED", 4)
  ) {
    return "succeeded";
  }
  return "unknown";
}

/** The port's description of an execution; `tasks` (when read) give a failure's exit code and reason. */
export function describeExecution(
  execution: ExecutionResource,
  tasks?: readonly TaskResource[],
): ExecutionDescription {
  const state = executionState(execution);
  const startedAt = toIso(execution.startTime) ?? toIso(execution.createTime);
  const finishedAt = state === "running" ? undefined : toIso(execution.completionTime);
  const base: ExecutionDescription = {
    state,
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(finishedAt !== undefined ? { finishedAt } : {}),
  };
  if (state === "succeeded") return { ...base, exitCode: 0 };
  if (state !== "failed") return base;
  const failedTask = [...(tasks ?? [])]
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .find((task) => {
      const result = task.lastAttemptResult;
      return (
        (result?.exitCode ?? 0) !== 0 || (result?.termSignal ?? 0) !== 0 || (result?.status?.code ?? 0) !== 0
      );
    });
  const result = failedTask?.lastAttemptResult;
  const signal = result?.termSignal ? signalName(result.termSignal) : undefined;
  const reason =
    nonEmpty(result?.status?.message) ??
    nonEmpty(completedCondition(failedTask ?? {})?.message) ??
    nonEmpty(completedCondition(execution)?.message);
  return {
    ...base,
    ...(result?.exitCode !== undefined && result.exitCode !== null && (result.exitCode !== 0 || !signal)
      ? { exitCode: result.exitCode }
      : {}),
    ...(signal !== undefined ? { signal } : {}),
    ...(reason !== undefined ? { reason } : {}),
  };
}

function completedCondition(resource: {
  readonly conditions?: readonly ConditionLike[] | null;
}): ConditionLike | undefined {
  return resource.conditions?.find((c) => c.type === "Completed");
}

/** An enum field as the client decodes it (the value's name), or its number. */
function enumIs(value: unknown, name: string, number: number): boolean {
  return value === name || value === number;
}

function toIso(time: TimestampLike | null | undefined): string | undefined {
  if (time === null || time === undefined || time.seconds === null || time.seconds === undefined)
    return undefined;
  const seconds = Number(String(time.seconds));
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  return new Date(seconds * 1000 + Math.floor((time.nanos ?? 0) / 1e6)).toISOString();
}

function signalName(signal: number): string {
  const found = Object.entries(constants.signals).find(([, value]) => value === signal);
  return found ? found[0] : `signal ${signal}`;
}

function nonEmpty(text: string | null | undefined): string | undefined {
  return text === null || text === undefined || text.trim() === "" ? undefined : text.trim();
}
