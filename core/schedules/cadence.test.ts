import { describe, expect, it } from "vitest";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { cronOf, latestSlot, nextSlot, timeZoneOf } from "./cadence.ts";

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

  it("reads a time zone by its IANA name, UTC when none, and refuses an unknown one naming the field", () => {
    expect(timeZoneOf(undefined)).toBe("UTC");
    expect(timeZoneOf(" ")).toBe("UTC");
    expect(timeZoneOf("europe/berlin")).toBe("Europe/Berlin");
    const error = expectInvalidInput(() => timeZoneOf("Europe/Atlantis"), "timezone");
    expect(error.message).toContain("`Europe/Atlantis` is not a time zone");
  });

  it("keeps a zone's slots at local time across daylight saving", () => {
    const weekly = cronOf("weekly");
    // Berlin leaves winter time on 2027-03-28: Monday 06:00 is 05:00 UTC before, 04:00 UTC after.
    expect(nextSlot(weekly, new Date("2027-03-20T12:00:00Z"), "Europe/Berlin").toISOString()).toBe(
      "2027-03-22T05:00:00.000Z",
    );
    expect(nextSlot(weekly, new Date("2027-03-22T05:00:00Z"), "Europe/Berlin").toISOString()).toBe(
      "2027-03-29T04:00:00.000Z",
    );
    expect(latestSlot(weekly, new Date("2027-03-29T04:30:00Z"), "Europe/Berlin")?.toISOString()).toBe(
      "2027-03-29T04:00:00.000Z",
    );
    // Without a zone, the same cadence is UTC.
    expect(nextSlot(weekly, new Date("2027-03-22T05:00:00Z")).toISOString()).toBe("2027-03-22T06:00:00.000Z");
  });
});
