import { describe, expect, it } from "vitest";
import { describeExecution, executionState, type ExecutionResource } from "./cloud-run-execution.ts";

const at = (iso: string) => ({ seconds: String(Date.parse(iso) / 1000), nanos: 0 });
const base: ExecutionResource = {
  name: "projects/p/locations/r/jobs/j/executions/j-abc12",
  createTime: at("2026-11-26T04:30:00Z"),
  startTime: at("2026-11-26T04:30:05Z"),
  taskCount: 2,
};
const ended = { completionTime: at("2026-11-26T05:00:00Z") };

describe("Cloud Run executions as the port describes them", () => {
  it("is running until Cloud Run sets a completion time, also while cancelling", () => {
    expect(
      describeExecution({ ...base, conditions: [{ type: "Completed", executionReason: "CANCELLING" }] }),
    ).toEqual({
      state: "running",
      startedAt: "2026-11-26T04:30:05.000Z",
    });
    expect(executionState({ name: "x", createTime: at("2026-11-26T04:30:00Z") })).toBe("running");
  });

  it("tells succeeded, failed and cancelled apart, whatever the order of the counts", () => {
    expect(describeExecution({ ...base, ...ended, succeededCount: 2 })).toEqual({
      state: "succeeded",
      exitCode: 0,
      startedAt: "2026-11-26T04:30:05.000Z",
      finishedAt: "2026-11-26T05:00:00.000Z",
    });
    expect(executionState({ ...base, ...ended, succeededCount: 1, failedCount: 1 })).toBe("failed");
    expect(executionState({ ...base, ...ended, failedCount: 1, cancelledCount: 1 })).toBe("cancelled");
    expect(
      executionState({
        ...base,
        ...ended,
        conditions: [{ type: "Completed", state: "CONDITION_FAILED", executionReason: "CANCELLED" }],
      }),
    ).toBe("cancelled");
    expect(executionState({ ...base, ...ended, conditions: [{ type: "Completed", state: 4 }] })).toBe(
      "succeeded",
    );
    expect(executionState({ ...base, ...ended, succeededCount: 1 })).toBe("unknown");
  });

  it("takes a failure's exit code, signal and reason from the first failed task", () => {
    const failed = {
      ...base,
      ...ended,
      failedCount: 1,
      conditions: [{ type: "Completed", message: "Task j-abc12-task1 failed." }],
    };
    const tasks = [
      {
        index: 1,
        lastAttemptResult: {
          exitCode: 137,
          termSignal: 9,
          status: { code: 2, message: "Memory limit of 512 MiB exceeded with 530 MiB used." },
        },
      },
      { index: 0, lastAttemptResult: { exitCode: 0, status: { code: 0, message: "" } } },
    ];
    expect(describeExecution(failed, tasks)).toMatchObject({
      state: "failed",
      exitCode: 137,
      signal: "SIGKILL",
      reason: "Memory limit of 512 MiB exceeded with 530 MiB used.",
    });
    expect(describeExecution(failed)).toMatchObject({
      state: "failed",
      reason: "Task j-abc12-task1 failed.",
    });
    expect(describeExecution(failed).exitCode).toBeUndefined();
  });
});
