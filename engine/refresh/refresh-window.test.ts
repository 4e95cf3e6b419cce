import { describe, expect, it } from "vitest";
import { addDays } from "../data/dates.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { refreshWindow } from "./refresh-window.ts";

const WEEK = { type: "week" as const, days: 7 };
const weeks = (n: number) => Array.from({ length: n }, (_, i) => addDays("2020-01-06", 7 * i));

describe("refreshWindow", () => {
  const dates = weeks(120);
  const parent = { startDate: dates[0]!, endDate: dates[99]!, length: 100 };

  it("moves start and end forward by steps periods and marks the first new period", () => {
    const window = refreshWindow(dates, WEEK, parent, 4);
    expect(window).toMatchObject({
      startDate: dates[4],
      endDate: dates[103],
      length: 100,
      addedStart: dates[100],
      newPeriods: 20,
      warnings: [],
    });
  });

  it("refuses steps as long as the window, as Robyn does", () => {
    expect(expectInvalidInput(() => refreshWindow(dates, WEEK, parent, 100), "steps").message).toMatch(
      /completely new/,
    );
  });

  it("refuses a window that runs past the data", () => {
    expect(expectInvalidInput(() => refreshWindow(dates, WEEK, parent, 21), "data").message).toMatch(
      /Not enough data.*ends 2022-04-25 but the data ends 2022-04-18/,
    );
  });

  it("warns when more than half of the periods are new", () => {
    const short = { startDate: dates[0]!, endDate: dates[29]!, length: 30 };
    expect(refreshWindow(weeks(70), WEEK, short, 4).warnings[0]).toMatch(/More than 50%.*40 of 70 weeks/);
  });
});
