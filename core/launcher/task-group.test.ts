import { describe, expect, it } from "vitest";
import type { ExecutionDescription, LaunchRequest, Launcher } from "./port.ts";
import { withTaskGroups } from "./task-group.ts";

function fakeLauncher(states: Record<string, ExecutionDescription>) {
  const launched: LaunchRequest[] = [];
  const cancelled: string[] = [];
  const inner: Launcher = {
    kind: "fake",
    launch: async (request) => {
      launched.push(request);
      return { launcher: "fake", id: `e${launched.length}` };
    },
    cancel: async (id) => void cancelled.push(id),
    describe: async (id) => states[id] ?? { state: "unknown" },
    close: async () => undefined,
  };
  return { inner, launched, cancelled };
}

describe("withTaskGroups", () => {
  it("starts one execution per task with Cloud Run's task variables", async () => {
    const { inner, launched } = fakeLauncher({});
    const ref = await withTaskGroups(inner).launch({
      runId: "r",
      command: ["x"],
      env: { A: "1" },
      taskCount: 3,
      logFile: "/tmp/r.log",
    });
    expect(ref.id).toBe("tasks:e1,e2,e3");
    expect(
      launched.map((r) => [r.env.CLOUD_RUN_TASK_INDEX, r.env.CLOUD_RUN_TASK_COUNT, r.env.A, r.logFile]),
    ).toEqual([
      ["0", "3", "1", "/tmp/r.task0.log"],
      ["1", "3", "1", "/tmp/r.task1.log"],
      ["2", "3", "1", "/tmp/r.task2.log"],
    ]);
  });

  it("passes single-task launches through unchanged", async () => {
    const { inner, launched } = fakeLauncher({});
    expect((await withTaskGroups(inner).launch({ runId: "r", command: ["x"], env: {} })).id).toBe("e1");
    expect(launched[0]!.env).toEqual({});
  });

  it("describes the group by its worst ending, and cancels every task", async () => {
    const { inner, cancelled } = fakeLauncher({
      e1: { state: "succeeded", cpuSeconds: 2, peakMemoryMb: 100 },
      e2: { state: "failed", exitCode: 1, cpuSeconds: 1, peakMemoryMb: 50 },
      e3: { state: "running" },
    });
    const group = withTaskGroups(inner);
    expect((await group.describe("tasks:e1,e3")).state).toBe("running");
    expect(await group.describe("tasks:e1,e2")).toMatchObject({
      state: "failed",
      exitCode: 1,
      cpuSeconds: 3,
      peakMemoryMb: 150,
    });
    expect((await group.describe("tasks:e1")).state).toBe("succeeded");
    await group.cancel("tasks:e1,e2,e3");
    expect(cancelled).toEqual(["e1", "e2", "e3"]);
  });
});
