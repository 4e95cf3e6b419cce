import { describe, expect, it } from "vitest";
import { addDays } from "./dates.ts";
import type { Cell } from "../../common/table.ts";
import { columnRules } from "./column-rules.ts";
import type { DatedTable } from "./dated-table.ts";
import { detectFrequency } from "./frequency.ts";
import { combinesRows, monthStartDay, resample } from "./resample.ts";
import { datedTable, rowsOf } from "../../tests/support/dated-tables.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import type { Weekday } from "./weekday.ts";

/** `length` consecutive periods from `start`, `step` days apart, with `row(i)` giving the cells. */
function series(start: string, length: number, step: number, columns: string[], row: (i: number) => Cell[]) {
  return datedTable(
    columns,
    Array.from({ length }, (_, i) => [addDays(start, i * step), ...row(i)] as [string, ...Cell[]]),
  );
}

function resampleTo(
  data: DatedTable,
  to: "week" | "month",
  weekStart: Weekday = "monday",
  mean: string[] = [],
) {
  return resample(data, {
    from: detectFrequency(data.days, "DATE"),
    to,
    weekStart,
    rules: () => columnRules(data, new Map(mean.map((c) => [c, "mean"])), new Set()),
  });
}

// Wednesday 2024-01-03 to Tuesday 2024-01-16: sales 1 … 14, price 10 but 17 on 2024-01-10, a promo on 2024-01-09.
const daily = series("2024-01-03", 14, 1, ["sales", "price", "events"], (i) => [
  i + 1,
  i === 7 ? 17 : 10,
  i === 6 ? "promo" : "na",
]);

describe("resample: daily to weekly", () => {
  it("sums each week starting on Monday, dated by its Monday, and drops the partial first and last weeks", () => {
    const { dated, report, periodsSpanned } = resampleTo(daily, "week", "monday", ["price"]);
    // 2024-01-08 … 2024-01-14 are days 6 … 12: 6 + 7 + … + 12 = 63; price (6 × 10 + 17) / 7 = 11.
    expect(rowsOf(dated)).toEqual([["2024-01-08", 63, 11, "na"]]);
    expect(periodsSpanned).toBe(3);
    expect(report).toMatchObject({
      requested: "week",
      from: "day",
      status: "resampled",
      weekStart: "monday",
      periods: 1,
      weeksSplitAcrossMonths: 0,
      partialPeriodsDropped: [
        { start: "2024-01-01", days: 5, fullDays: 7, position: "first" },
        { start: "2024-01-15", days: 2, fullDays: 7, position: "last" },
      ],
    });
    expect(report.aggregation!.textDisagreements).toEqual([
      { column: "events", periods: 1, firstDate: "2024-01-08", values: ["na", "promo"] },
    ]);
  });

  it("starts weeks on the chosen weekday", () => {
    const { dated, report } = resampleTo(daily, "week", "sunday");
    // 2024-01-07 … 2024-01-13 are days 5 … 11: 56.
    expect(rowsOf(dated).map((row) => row.slice(0, 2))).toEqual([["2024-01-07", 56]]);
    expect(report.partialPeriodsDropped.map((p) => [p.start, p.days])).toEqual([
      ["2023-12-31", 4],
      ["2024-01-14", 3],
    ]);
  });

  it("fails, saying why, when no week is complete", () => {
    const short = series("2024-01-03", 4, 1, ["sales"], (i) => [i]);
    const error = expectInvalidInput(() => resampleTo(short, "week"), "resample");
    expect(error.message).toBe(
      "The data covers 2024-01-03 to 2024-01-06, which holds no complete week: resampling to weeks needs data " +
        'for at least one whole week. Load a longer period, or set resample to "none".',
    );
  });
});

describe("resample: to months", () => {
  it("sums daily data by calendar month, dated by the 1st, dropping partial months", () => {
    const data = series("2024-01-30", 33, 1, ["sales"], () => [1]);
    const { dated, report } = resampleTo(data, "month");
    expect(rowsOf(dated)).toEqual([["2024-02-01", 29]]);
    expect(report.partialPeriodsDropped).toEqual([
      { start: "2024-01-01", days: 2, fullDays: 31, position: "first" },
      { start: "2024-03-01", days: 2, fullDays: 31, position: "last" },
    ]);
  });

  it("splits weeks that span two months between them by days", () => {
    // Mondays 2024-01-29 … 2024-03-04; each week's sales 70, price 1 … 6.
    const weekly = series("2024-01-29", 6, 7, ["sales", "price"], (i) => [70, i + 1]);
    const { dated, report } = resampleTo(weekly, "month", "monday", ["price"]);
    // February: 4 days of the first week, three whole weeks, 4 days of the fifth.
    const [[date, sales, price]] = rowsOf(dated) as [[string, number, number]];
    expect(date).toBe("2024-02-01");
    expect(sales).toBeCloseTo(70 * (4 / 7) + 3 * 70 + 70 * (4 / 7), 10); // 290
    expect(price).toBeCloseTo((1 * 4 + 2 * 7 + 3 * 7 + 4 * 7 + 5 * 4) / 29, 12); // 3
    expect(report.weeksSplitAcrossMonths).toBe(2);
    expect(report.partialPeriodsDropped.map((p) => [p.start, p.days, p.fullDays])).toEqual([
      ["2024-01-01", 3, 31],
      ["2024-03-01", 10, 31],
    ]);
  });

  it("finds the 1st of a month", () => {
    const day = datedTable(["x"], [["2024-02-29", 1]]).days[0]!;
    expect(rowsOf({ columns: [], cells: {}, days: [monthStartDay(day)] })).toEqual([["2024-02-01"]]);
  });
});

describe("resample: data already at the frequency, or too coarse", () => {
  it("leaves weekly data as it is, whatever the week start", () => {
    const weekly = series("2023-12-31", 5, 7, ["sales"], (i) => [i]);
    const { dated, report } = resampleTo(weekly, "week", "monday");
    expect(dated).toBe(weekly);
    expect(report).toMatchObject({ status: "unchanged", from: "week", weekStart: "sunday", periods: 5 });
    expect(report.aggregation).toBeNull();
  });

  it("leaves monthly data as it is and refuses to make weeks of it", () => {
    const monthly = datedTable(
      ["sales"],
      [
        ["2024-01-31", 1],
        ["2024-02-29", 2],
        ["2024-03-31", 3],
      ],
    );
    expect(resampleTo(monthly, "month").dated).toBe(monthly);
    const error = expectInvalidInput(() => resampleTo(monthly, "week"), "resample");
    expect(error.message).toBe(
      'The data is monthly, so it cannot be resampled to weeks: set resample to "month" or "none".',
    );
    expect(combinesRows("month", "week")).toBe(false);
    expect(combinesRows("day", "week")).toBe(true);
  });
});
