import { describe, expect, it } from "vitest";
import { settleWithin } from "./ack-budget.ts";

const after = <T>(ms: number, value: T, fail = false) =>
  new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject(value) : resolve(value)), ms));

describe("settleWithin", () => {
  it("gives the result, the failure, or the still-running work", async () => {
    expect(await settleWithin(after(1, 42), 200)).toEqual({ status: "done", value: 42 });
    expect(await settleWithin(after(1, "no", true), 200)).toEqual({ status: "failed", error: "no" });
    const slow = await settleWithin(after(100, "late"), 10);
    expect(slow.status).toBe("pending");
    expect(await (slow as { promise: Promise<string> }).promise).toBe("late");
  });
});
