import { describe, expect, it } from "vitest";
import { cloudRunError, isTransient, Status, statusOf, withRetries } from "./cloud-run-errors.ts";

/** The error the REST transport passes on for a non-2xx answer: HTTP status, Google's JSON as message. */
function httpError(status: number, name: string, message: string): Error {
  return Object.assign(new Error(JSON.stringify({ error: { code: status, message, status: name } })), {
    status,
  });
}

const action = {
  doing: "start job j",
  resource: "job projects/p/locations/r/jobs/j",
  permission: "run.jobs.runWithOverrides",
  field: "command",
};

describe("Cloud Run errors", () => {
  it("reads the gRPC status from HTTP errors, Google errors and network failures", () => {
    expect(statusOf(httpError(403, "PERMISSION_DENIED", "denied"))).toBe(Status.PERMISSION_DENIED);
    expect(statusOf(Object.assign(new Error("<html>"), { status: 503 }))).toBe(Status.UNAVAILABLE);
    expect(statusOf(Object.assign(new Error("quota"), { code: 8 }))).toBe(Status.RESOURCE_EXHAUSTED);
    expect(
      statusOf(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
    ).toBeUndefined();
    expect(isTransient(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(
      true,
    );
    expect(isTransient(httpError(404, "NOT_FOUND", "gone"))).toBe(false);
  });

  it("names the permission Cloud Run names, else the one the call needs", () => {
    const named = cloudRunError(
      httpError(403, "PERMISSION_DENIED", "Permission 'run.jobs.run' denied on resource 'x'."),
      action,
    );
    expect(named).toMatchObject({
      code: "forbidden",
      context: { permission: "run.jobs.run", field: "command" },
    });
    const unnamed = cloudRunError(
      httpError(403, "PERMISSION_DENIED", "The caller does not have permission"),
      action,
    );
    expect(unnamed.message).toContain("lacks the permission run.jobs.runWithOverrides");
  });

  it("retries only what may pass later, once per delay", async () => {
    let calls = 0;
    const flaky = () =>
      ++calls < 3 ? Promise.reject(httpError(503, "UNAVAILABLE", "busy")) : Promise.resolve("ok");
    expect(await withRetries(flaky, [1, 1, 1])).toBe("ok");
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      withRetries(() => (calls++, Promise.reject(httpError(403, "PERMISSION_DENIED", "no"))), [1, 1]),
    ).rejects.toThrow();
    expect(calls).toBe(1);
  });
});
