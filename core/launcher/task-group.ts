/**
 * Parallel tasks for a launcher that runs one process per execution (the child-process launcher): a launch
 * with `taskCount` n starts n executions with `CLOUD_RUN_TASK_INDEX` 0..n−1 and `CLOUD_RUN_TASK_COUNT` n,
 * exactly the environment Cloud Run Jobs gives its tasks, and hands back one id for the group. So sharded
 * runs work the same on a laptop and on Cloud Run.
 */
import { invalidInput } from "../../common/errors.ts";
import type { ExecutionDescription, ExecutionState, Launcher } from "./port.ts";

const GROUP = "tasks:";

export function withTaskGroups(inner: Launcher): Launcher {
  const members = (id: string): string[] | undefined =>
    id.startsWith(GROUP) ? id.slice(GROUP.length).split(",") : undefined;
  return {
    kind: inner.kind,
    async launch(request) {
      const count = request.taskCount ?? 1;
      if (!Number.isInteger(count) || count < 1)
        throw invalidInput("taskCount", `taskCount must be a whole number of at least 1, not ${count}.`);
      if (count === 1) return inner.launch(request);
      const ids: string[] = [];
      try {
        for (let index = 0; index < count; index++) {
          const ref = await inner.launch({
            ...request,
            taskCount: 1,
            env: { ...request.env, CLOUD_RUN_TASK_INDEX: String(index), CLOUD_RUN_TASK_COUNT: String(count) },
            ...(request.logFile
              ? { logFile: request.logFile.replace(/(\.log)?$/, `.task${index}.log`) }
              : {}),
          });
          ids.push(ref.id);
        }
      } catch (error) {
        await Promise.all(ids.map((id) => inner.cancel(id)));
        throw error;
      }
      return { launcher: inner.kind, id: `${GROUP}${ids.join(",")}` };
    },
    async cancel(id) {
      const ids = members(id);
      await (ids ? Promise.all(ids.map((member) => inner.cancel(member))) : inner.cancel(id));
    },
    async describe(id) {
      const ids = members(id);
      if (!ids) return inner.describe(id);
      return combine(await Promise.all(ids.map((member) => inner.describe(member))));
    },
    close: () => inner.close(),
  };
}

/** The group's state: running while any task runs; otherwise the worst outcome among the tasks. */
function combine(tasks: ExecutionDescription[]): ExecutionDescription {
  const has = (state: ExecutionState) => tasks.some((t) => t.state === state);
  const state: ExecutionState = has("running")
    ? "running"
    : has("unknown")
      ? "unknown"
      : has("failed")
        ? "failed"
        : has("cancelled")
          ? "cancelled"
          : "succeeded";
  const failing = tasks.find((t) => t.state === "failed");
  const starts = tasks
    .map((t) => t.startedAt)
    .filter((t): t is string => t !== undefined)
    .sort();
  const ends = tasks
    .map((t) => t.finishedAt)
    .filter((t): t is string => t !== undefined)
    .sort();
  return {
    state,
    ...(failing?.exitCode !== undefined ? { exitCode: failing.exitCode } : {}),
    ...(failing?.signal !== undefined ? { signal: failing.signal } : {}),
    ...(starts[0] ? { startedAt: starts[0] } : {}),
    ...(state !== "running" && ends.length === tasks.length ? { finishedAt: ends.at(-1)! } : {}),
    cpuSeconds: tasks.reduce((sum, t) => sum + (t.cpuSeconds ?? 0), 0),
    peakMemoryMb: tasks.reduce((sum, t) => sum + (t.peakMemoryMb ?? 0), 0),
  };
}
