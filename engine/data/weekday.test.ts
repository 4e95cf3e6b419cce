import { describe, expect, it } from "vitest";
import { dayNumber, isoFromDayNumber, isoWeekday } from "./dates.ts";
import { isoWeekdayOf, weekdayLabel, weekdayOfDay, WEEKDAYS, weekStartDay } from "./weekday.ts";

describe("weekdays", () => {
  it("numbers weekdays as ISO does and agrees with the calendar", () => {
    expect(WEEKDAYS.map(isoWeekdayOf)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(weekdayOfDay(0)).toBe("thursday"); // 1970-01-01
    expect(weekdayOfDay(dayNumber("1969-12-29"))).toBe("monday"); // negative day numbers too
    for (let day = dayNumber("2024-02-26"); day < dayNumber("2024-03-11"); day++) {
      expect(isoWeekdayOf(weekdayOfDay(day))).toBe(isoWeekday(isoFromDayNumber(day)));
    }
  });

  it("finds the first day of the week for every week start", () => {
    const wednesday = dayNumber("2024-01-03");
    const starts = WEEKDAYS.map((start) => isoFromDayNumber(weekStartDay(wednesday, start)));
    expect(starts).toEqual([
      "2024-01-01", // monday
      "2024-01-02", // tuesday
      "2024-01-03", // wednesday: the day itself
      "2023-12-28", // thursday
      "2023-12-29", // friday
      "2023-12-30", // saturday
      "2023-12-31", // sunday
    ]);
    expect(weekdayLabel("sunday")).toBe("Sunday");
  });
});
