import { describe, expect, it } from "vitest";
import { dayNumber, isoFromDayNumber } from "./dates.ts";
import { detectFrequency, missingPeriodDays, monthIndex } from "./frequency.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";

const days = (...dates: string[]) => dates.map(dayNumber);

describe("detectFrequency", () => {
  it("finds daily, weekly (with the weekday) and monthly data", () => {
    expect(detectFrequency(days("2024-01-01", "2024-01-02", "2024-01-04"), "DATE")).toEqual({
      detected: "day",
      weekday: null,
    });
    expect(detectFrequency(days("2023-12-31", "2024-01-07", "2024-01-14"), "DATE")).toEqual({
      detected: "week",
      weekday: "sunday",
    });
    expect(detectFrequency(days("2024-01-31", "2024-02-29", "2024-03-31"), "DATE")).toEqual({
      detected: "month",
      weekday: null,
    });
  });

  it("looks at every step, so a missing second week does not make the data look fortnightly", () => {
    expect(
      detectFrequency(days("2024-01-01", "2024-01-15", "2024-01-22", "2024-01-29"), "DATE").detected,
    ).toBe("week");
  });

  it("rejects weekly dates on different weekdays, two rows in a month, and unknown steps", () => {
    const weekday = expectInvalidInput(
      () => detectFrequency(days("2024-01-01", "2024-01-08", "2024-01-16", "2024-01-22"), "DATE"),
      "date_var",
    );
    expect(weekday.message).toBe(
      'The data in "DATE" is weekly, but 2024-01-16 is a Tuesday while the weeks start on Mondays (first date ' +
        "2024-01-01): date every week by the same weekday.",
    );
    const month = expectInvalidInput(
      () => detectFrequency(days("2024-01-01", "2024-02-01", "2024-02-15", "2024-03-01"), "DATE"),
      "date_var",
    );
    expect(month.message).toMatch(/2024-02-01 and 2024-02-15 fall in the same month/);
    const fortnight = expectInvalidInput(
      () => detectFrequency(days("2024-01-01", "2024-01-15"), "DATE"),
      "date_var",
    );
    expect(fortnight.message).toMatch(
      /^The dates in "DATE" are not daily, weekly or monthly: 2024-01-01 and 2024-01-15 are 14 days apart/,
    );
  });

  it("needs two dates", () => {
    const error = expectInvalidInput(() => detectFrequency(days("2024-01-01"), "DATE"), "date_var");
    expect(error.message).toBe(
      'The data has one date only (2024-01-01) in "DATE": at least two periods are needed.',
    );
  });
});

describe("missingPeriodDays", () => {
  it("lists the missing days, weeks and months between the first and last date", () => {
    const iso = (list: number[]) => list.map(isoFromDayNumber);
    expect(iso(missingPeriodDays(days("2024-01-01", "2024-01-02", "2024-01-05"), "day"))).toEqual([
      "2024-01-03",
      "2024-01-04",
    ]);
    expect(iso(missingPeriodDays(days("2024-01-01", "2024-01-22"), "week"))).toEqual([
      "2024-01-08",
      "2024-01-15",
    ]);
    expect(iso(missingPeriodDays(days("2024-01-01", "2024-04-01"), "month"))).toEqual([
      "2024-02-01",
      "2024-03-01",
    ]);
    expect(missingPeriodDays(days("2024-01-01", "2024-01-08"), "week")).toEqual([]);
  });

  it("counts calendar months", () => {
    expect(monthIndex(dayNumber("2024-02-29")) - monthIndex(dayNumber("2023-12-31"))).toBe(2);
  });
});
