import { describe, expect, it } from "vitest";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { cronOf, latestSlot, nextSlot } from "./cadence.ts";

describe("cadence", () => {
  it("reads weekly, monthly and cron expressions (quotes from Slack removed)", () => {
    expect(cronOf("weekly")).toBe("0 6 * * 1");
    expect(cronOf("Monthly")).toBe("0 6 1 * *");
    expect(cronOf('"30  4 * * 2"')).toBe("30 4 * * 2");
  });

  it("names the cron field that is wrong", () => {
    const error = expectInvalidInput(() => cronOf("0 25 * * *"), "cadence");
    expect(error.message).toContain("The hour field `25`");
    expect(expectInvalidInput(() => cronOf("0 6 * 13 *"), "cadence").message).toContain("month field");
    expect(expectInvalidInput(() => cronOf("0 6 * *"), "cadence").message).toContain("it has 4");
  });

  it("gives the latest slot at or before a time and the next one after it", () => {
    const cron = cronOf("monthly");
    expect(latestSlot(cron, new Date("2026-12-01T06:00:00Z"))?.toISOString()).toBe(
      "2026-12-01T06:00:00.000Z",
    );
    expect(latestSlot(cron, new Date("2026-12-01T05:59:59Z"))?.toISOString()).toBe(
      "2026-11-01T06:00:00.000Z",
    );
    expect(nextSlot(cron, new Date("2026-12-01T06:00:00Z")).toISOString()).toBe("2027-01-01T06:00:00.000Z");
  });
});
