/**
 * `prepareData` end to end: hand-written tables with their expected tables and reports written out, the
 * errors a marketer gets, the demo data surviving a split-and-merge round trip into the model, and
 * properties over generated daily and weekly data (`fast-check`).
 *
 * About 500 lines: the expected tables and sentences are written out in full rather than built by helpers,
 * and the property tests share this file's generators.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_DATA_FILE, DEMO_MODEL_SETTINGS } from "../../tests/fixtures/demo-spec.ts";
import { tableFromRows, type Cell, type Table } from "../../common/table.ts";
import { parseCsv } from "./csv.ts";
import { addDays, dayNumber, isoFromDayNumber } from "./dates.ts";
import { buildModelInput } from "../model-input/model-input.ts";
import { monthIndex } from "./frequency.ts";
import { needsPreparation, prepareData, type PrepareDataOptions } from "./prepare-data.ts";
import type { PreparationReport } from "./preparation-report.ts";
import { monthStartDay } from "./resample.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { WEEKDAYS, weekdayOfDay, weekStartDay, type Weekday } from "./weekday.ts";

const base: PrepareDataOptions = Object.freeze({
  dateVar: "DATE",
  resample: "none",
  weekStart: "monday",
  aggregations: {},
});

/**
 * 16 days of DE (Monday 2024-01-01 to Tuesday 2024-01-16): revenue 100 + day of month, tv_S the day of
 * month, 2024-01-03 split over two rows ("de" on the second, its tv_S missing); three rows of FR and GB;
 * all rows in reverse order.
 */
function multiCountryDaily(): Table {
  const rows: Cell[][] = [];
  for (let d = 1; d <= 16; d++) {
    const date = addDays("2024-01-01", d - 1);
    if (d === 3) rows.push([date, "DE", 60, 3, "na"], [date, "de", 43, null, "na"]);
    else rows.push([date, "DE", 100 + d, d, "na"]);
  }
  rows.push(
    ["2024-01-02", "FR", 1, 1, "na"],
    ["2024-01-09", "FR", 1, 1, "na"],
    ["2024-01-10", "GB", 1, 1, "x"],
  );
  return tableFromRows(["DATE", "COUNTRY", "revenue", "tv_S", "events"], rows.reverse());
}

describe("prepareData: one country's daily rows to weeks", () => {
  const { table, report } = prepareData(multiCountryDaily(), {
    ...base,
    resample: "week",
    country: "de",
    protectedColumns: ["revenue", "tv_S", "events"],
  });

  it("filters, merges the duplicate date, and sums complete weeks dated by their Monday", () => {
    expect(table.columns).toEqual(["DATE", "COUNTRY", "revenue", "tv_S", "events"]);
    // Week of 2024-01-01: revenue 7 × 100 + (1 + … + 7) = 728, tv_S 1 + … + 7 = 28 (the missing cell skipped).
    expect(table.data).toEqual({
      DATE: ["2024-01-01", "2024-01-08"],
      COUNTRY: ["DE", "DE"],
      revenue: [728, 777],
      tv_S: [28, 77],
      events: ["na", "na"],
    });
  });

  it("reports every step in structured form, with counts that add up", () => {
    expect(report.rows).toEqual({
      in: 20,
      droppedByCountry: 3,
      mergedDuplicates: 1,
      addedForMissingPeriods: 0,
      beforeResampling: 16,
      resampledPeriods: 3,
      droppedPartialPeriods: 1,
      out: 2,
    });
    expect(report.country).toMatchObject({
      status: "filtered",
      column: "COUNTRY",
      country: "DE",
      rowsKept: 17,
    });
    expect(report.duplicates).toMatchObject({ dates: 1, rowsMerged: 1, firstDates: ["2024-01-03"] });
    expect(report.duplicates!.aggregation.textDisagreements).toEqual([]); // "de" and "DE" are one country
    expect(report.frequency).toEqual({ detected: "day", weekday: null });
    expect(report.missingPeriods).toEqual({ count: 0, dates: [], action: "none" });
    expect(report.resampling!.partialPeriodsDropped).toEqual([
      { start: "2024-01-15", days: 2, fullDays: 7, position: "last" },
    ]);
    expect(report.columns).toEqual([
      { column: "events", finding: "constant", value: "na", mediaLike: false, usedByModel: true },
    ]);
    expect([report.firstDate, report.lastDate, report.frequencyOut, report.sorted]).toEqual([
      "2024-01-01",
      "2024-01-08",
      "week",
      true,
    ]);
  });

  it("says it in words a marketer understands", () => {
    expect(report.summary).toEqual([
      'The data has 20 rows, dated by "DATE".',
      "Kept the 17 rows whose COUNTRY is DE and dropped 3 rows of other countries (FR, GB).",
      "The rows were put in date order.",
      "1 date appeared on more than one row (first 2024-01-03): 1 extra row was merged, leaving one row per date. " +
        "Numbers were added up (revenue, tv_S); text columns took their most frequent value (COUNTRY, events).",
      'Column "tv_S" has 1 missing value in 1 date (first 2024-01-03): it was combined from the values present.',
      "The data is daily.",
      "No day is missing between the first and the last date.",
      "Resampled the daily data to weeks starting on Monday, each dated by its Monday: 2 weeks. Numbers were " +
        "added up (revenue, tv_S); text columns took their most frequent value (COUNTRY, events).",
      "Dropped the incomplete last week 2024-01-15 (2 of 7 days), so that a partial week does not look like a " +
        "drop in sales.",
      'Column "events" has the same value ("na") in every week, so it cannot explain anything. The run uses it, ' +
        "so training will stop: remove it from the model, or fix the data.",
      "The prepared data has 2 weeks from 2024-01-01 to 2024-01-08.",
    ]);
  });
});

describe("prepareData: rules one at a time", () => {
  const daily = (cells: [string, ...Cell[]][], columns = ["DATE", "sales"]) => tableFromRows(columns, cells);

  it("fails naming the country and the countries present when the country is absent", () => {
    const error = expectInvalidInput(
      () => prepareData(multiCountryDaily(), { ...base, country: "US" }),
      "country",
    );
    expect(error.message).toBe(
      'No rows for country "US" in column COUNTRY. Countries in the data: DE, FR, GB.',
    );
  });

  it("says, rather than hides, that a table without a country column is taken as the country's", () => {
    const { report } = prepareData(
      daily([
        ["2024-01-01", 1],
        ["2024-01-02", 2],
      ]),
      { ...base, country: "DE" },
    );
    expect(report.country.status).toBe("no_country_column");
    expect(report.summary[1]).toBe(
      "The data has no country column (looked for COUNTRY, COUNTRY_CODE, MARKET, COUNTRY_ISO, LOCALE, GEO), so all of " +
        "it is taken as DE's. If it holds several countries, set data.country_column.",
    );
  });

  it("warns that a text column disagreeing within a date may be what the table is split by", () => {
    const { table, report } = prepareData(
      daily(
        [
          ["2024-01-01", 1, "DE-north"],
          ["2024-01-01", 2, "DE-south"],
          ["2024-01-02", 3, "DE-north"],
        ],
        ["DATE", "sales", "REGION"],
      ),
      base,
    );
    expect(table.data.sales).toEqual([3, 3]);
    expect(report.duplicates!.aggregation.textDisagreements).toEqual([
      { column: "REGION", periods: 1, firstDate: "2024-01-01", values: ["DE-north", "DE-south"] },
    ]);
    expect(report.summary).toContain(
      'Column "REGION" had different values within 1 date (first 2024-01-01: "DE-north", "DE-south"); the most ' +
        'frequent value was kept. If the table is split by "REGION" (several countries or segments), the rows were ' +
        'added up across them: set data.country_column to "REGION", or filter the data, to train one of them.',
    );
  });

  it("combines duplicates by the column's aggregation", () => {
    const { table } = prepareData(
      daily(
        [
          ["2024-01-01", 1, 4],
          ["2024-01-01", 3, 8],
          ["2024-01-02", 5, 1],
        ],
        ["DATE", "sales", "price"],
      ),
      { ...base, aggregations: { price: "max" } },
    );
    expect(table.data).toEqual({ DATE: ["2024-01-01", "2024-01-02"], sales: [4, 5], price: [8, 1] });
  });

  const gappy = () =>
    daily([
      ["2024-01-01", 1],
      ["2024-01-02", 1],
      ["2024-01-05", 1],
      ["2024-01-06", 1],
      ["2024-01-07", 1],
      ["2024-01-08", 1],
    ]);

  it("lists missing periods and leaves them to the model's checks when not resampling", () => {
    const { table, report } = prepareData(gappy(), base);
    expect(table.data.DATE).toHaveLength(6);
    expect(report.missingPeriods).toEqual({
      count: 2,
      dates: ["2024-01-03", "2024-01-04"],
      action: "left_for_model_checks",
    });
    expect(report.summary).toContain(
      "2 days are missing between the first and the last date (2024-01-03, 2024-01-04): the model needs one row " +
        "per day, so training will stop unless they are added to the data (with 0 where there was no activity).",
    );
  });

  it("fills missing periods with zeros on request, before resampling", () => {
    const { table, report } = prepareData(gappy(), { ...base, fillMissing: "zero", resample: "week" });
    expect(table.data).toEqual({ DATE: ["2024-01-01"], sales: [5] });
    expect(report.rows).toMatchObject({ in: 6, addedForMissingPeriods: 2, beforeResampling: 8, out: 1 });
    expect(report.missingPeriods.action).toBe("filled_with_zero");
  });

  it("refuses to resample across missing periods, which would look like drops", () => {
    const error = expectInvalidInput(() => prepareData(gappy(), { ...base, resample: "week" }), "date_var");
    expect(error.message).toBe(
      '2 days are missing in "DATE" between 2024-01-01 and 2024-01-08 (first missing: 2024-01-03): resampled to ' +
        "weeks, the weeks holding them would look like drops. Add the missing days to the data, with 0 where there " +
        "was no activity.",
    );
  });

  it("names media columns that are zero throughout", () => {
    const { report } = prepareData(
      daily(
        [
          ["2024-01-01", 1, 0],
          ["2024-01-02", 2, 0],
        ],
        ["DATE", "sales", "radio_S"],
      ),
      { ...base, protectedColumns: ["sales", "radio_S"] },
    );
    expect(report.summary).toContain(
      'Media column "radio_S" is zero in every day: the channel had no activity in this data, so its effect cannot ' +
        "be measured. The run uses it, so training will stop: remove it from the model, or fix the data.",
    );
  });

  it("rejects an empty table and an aggregation for a column that does not exist", () => {
    expectInvalidInput(() => prepareData({ columns: ["DATE"], data: { DATE: [] } }, base), "data");
    expectInvalidInput(
      () => prepareData(daily([["2024-01-01", 1]]), { ...base, aggregations: { sale: "mean" } }),
      "aggregations.sale",
    );
  });
});

describe("needsPreparation", () => {
  const single = tableFromRows(
    ["DATE", "sales"],
    [
      ["2024-01-01", 1],
      ["2024-01-02", 2],
    ],
  );

  it("is needed for resampling, a country column, duplicate dates or filling, and not otherwise", () => {
    expect(needsPreparation(single, { ...base, country: "DE" })).toBe(false);
    expect(needsPreparation(single, { ...base, resample: "week" })).toBe(true);
    expect(needsPreparation(single, { ...base, fillMissing: "zero" })).toBe(true);
    expect(needsPreparation(single, { ...base, country: "DE", countryColumn: "market" })).toBe(true);
    expect(needsPreparation(multiCountryDaily(), { ...base, country: "DE" })).toBe(true);
    const duplicated = tableFromRows(
      ["DATE", "sales"],
      [
        ["2024-01-01", 1],
        ["2024-01-01", 2],
      ],
    );
    expect(needsPreparation(duplicated, { ...base, dateVar: "auto" })).toBe(true);
  });
});

describe("prepareData: Robyn's demo data", () => {
  const demo = parseCsv(readFileSync(DEMO_DATA_FILE, "utf8"));

  it("merges a table split into two rows per week back into the original, which the model accepts", () => {
    const numeric = demo.columns.filter((c) => c !== "DATE" && c !== "events");
    const half = (cells: readonly Cell[]) => cells.map((v) => (v as number) / 2);
    const twice = <T>(cells: readonly T[]) => [...cells, ...cells];
    const split: Table = {
      columns: demo.columns,
      data: Object.fromEntries(
        demo.columns.map((c) => [c, numeric.includes(c) ? twice(half(demo.data[c]!)) : twice(demo.data[c]!)]),
      ),
    };
    const { table, report } = prepareData(split, { ...base, resample: "week" });
    expect(report.rows).toMatchObject({ in: 416, mergedDuplicates: 208, out: 208 });
    expect(report.resampling).toMatchObject({ status: "unchanged", from: "week" });
    expect(table.data.DATE).toEqual(demo.data.DATE);
    for (const column of numeric) {
      (table.data[column] as number[]).forEach((v, i) =>
        expect(v).toBeCloseTo(demo.data[column]![i] as number, 6),
      );
    }
    expect(buildModelInput(table, DEMO_MODEL_SETTINGS).dates).toHaveLength(208);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

const firstDay = fc.integer({ min: dayNumber("2010-01-01"), max: dayNumber("2030-12-31") });
const weekday = fc.constantFrom(...WEEKDAYS);
const dayValues = fc.record({ sales: fc.integer({ min: 0, max: 100_000 }), split: fc.boolean() });

/** Daily (or weekly) rows from `start`, with sales; a split row becomes two rows whose sales add up. */
function generated(
  start: number,
  step: number,
  values: { sales: number; split: boolean }[],
  reverse: boolean,
) {
  const rows: Cell[][] = [];
  values.forEach(({ sales, split }, i) => {
    const date = isoFromDayNumber(start + i * step);
    if (split) rows.push([date, Math.floor(sales / 3), "a"], [date, sales - Math.floor(sales / 3), "b"]);
    else rows.push([date, sales, "a"]);
  });
  return tableFromRows(["DATE", "sales", "tag"], reverse ? rows.reverse() : rows);
}

/** The complete periods inside [first, last] (days), computed without the code under test's helpers. */
function completeSpan(first: number, last: number, to: "week" | "month", weekStart: Weekday) {
  if (to === "week") {
    const start = first + ((7 - (first - weekStartDay(first, weekStart))) % 7);
    const lastWeek = weekStartDay(last, weekStart);
    const end = lastWeek + 6 === last ? last : lastWeek - 1;
    return { start, end };
  }
  const start = monthStartDay(first) === first ? first : monthStartDay(monthStartDay(first) + 31);
  const nextMonth = monthStartDay(monthStartDay(last) + 31);
  const end = nextMonth - 1 === last ? last : monthStartDay(last) - 1;
  return { start, end };
}

function sumOf(cells: readonly Cell[]): number {
  return cells.reduce<number>((total, v) => total + (v as number), 0);
}

function countsAddUp({ rows }: PreparationReport): boolean {
  return (
    rows.in - rows.droppedByCountry - rows.mergedDuplicates + rows.addedForMissingPeriods ===
      rows.beforeResampling && rows.resampledPeriods - rows.droppedPartialPeriods === rows.out
  );
}

describe("prepareData: properties", () => {
  it("keeps the total of sum columns over the complete periods, for daily and weekly data", () => {
    fc.assert(
      fc.property(
        firstDay,
        fc.constantFrom(1, 7),
        fc.array(dayValues, { minLength: 70, maxLength: 400 }),
        fc.constantFrom("week" as const, "month" as const),
        weekday,
        fc.boolean(),
        (start, step, values, to, weekStart, reverse) => {
          if (step === 7 && to === "week") return; // identity, checked below
          const { table } = prepareData(generated(start, step, values, reverse), {
            ...base,
            resample: to,
            weekStart,
          });
          const { start: from, end } = completeSpan(start, start + values.length * step - 1, to, weekStart);
          // Each row's sales spread evenly over the days it covers, counted inside the complete periods.
          let expected = 0;
          values.forEach(({ sales }, i) => {
            const rowStart = start + i * step;
            const inside = Math.max(0, Math.min(end, rowStart + step - 1) - Math.max(from, rowStart) + 1);
            expected += (sales * inside) / step;
          });
          const actual = sumOf(table.data.sales!);
          expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
          expect(table.data.DATE![0]).toBe(isoFromDayNumber(from));
        },
      ),
    );
  });

  it("gives strictly increasing, evenly spaced dates: weeks on the week start, months on the 1st", () => {
    fc.assert(
      fc.property(
        firstDay,
        fc.array(dayValues, { minLength: 62, maxLength: 400 }),
        fc.constantFrom("week" as const, "month" as const),
        weekday,
        (start, values, to, weekStart) => {
          const { table } = prepareData(generated(start, 1, values, false), {
            ...base,
            resample: to,
            weekStart,
          });
          const days = (table.data.DATE as string[]).map(dayNumber);
          days.forEach((day, i) => {
            if (to === "week") {
              expect(weekdayOfDay(day)).toBe(weekStart);
              if (i > 0) expect(day - days[i - 1]!).toBe(7);
            } else {
              expect(monthStartDay(day)).toBe(day);
              if (i > 0) expect(monthIndex(day) - monthIndex(days[i - 1]!)).toBe(1);
            }
          });
        },
      ),
    );
  });

  it("reports counts that add up, with other countries, duplicates, gaps filled and any resampling", () => {
    fc.assert(
      fc.property(
        firstDay,
        fc.array(
          fc.record({ sales: fc.nat(1000), split: fc.boolean(), gap: fc.boolean(), other: fc.boolean() }),
          {
            minLength: 62,
            maxLength: 200,
          },
        ),
        fc.constantFrom("none" as const, "week" as const, "month" as const),
        (start, values, resample) => {
          const rows: Cell[][] = [];
          values.forEach(({ sales, split, gap, other }, i) => {
            const date = isoFromDayNumber(start + i);
            if (other) rows.push([date, "FR", 1]);
            if (gap && i > 0 && i < values.length - 1) return;
            rows.push([date, "DE", sales]);
            if (split) rows.push([date, "DE", 1]);
          });
          const table = tableFromRows(["DATE", "COUNTRY", "sales"], rows);
          const { table: out, report } = prepareData(table, {
            ...base,
            resample,
            country: "DE",
            fillMissing: "zero",
          });
          expect(countsAddUp(report)).toBe(true);
          expect(report.rows.in).toBe(rows.length);
          expect(report.rows.droppedByCountry).toBe(values.filter((v) => v.other).length);
          expect(out.data.DATE).toHaveLength(report.rows.out);
          if (resample === "none") expect(report.rows.out).toBe(values.length);
        },
      ),
    );
  });

  it("leaves weekly data resampled to weeks exactly as it was", () => {
    fc.assert(
      fc.property(
        firstDay,
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 150 }),
        weekday,
        (start, sales, weekStart) => {
          const table = generated(
            start,
            7,
            sales.map((s) => ({ sales: s, split: false })),
            false,
          );
          const { table: out, report } = prepareData(table, { ...base, resample: "week", weekStart });
          expect(out.columns).toEqual(table.columns);
          expect(out.data).toEqual(table.data);
          expect(report.resampling!.status).toBe("unchanged");
          expect(countsAddUp(report)).toBe(true);
        },
      ),
    );
  });
});
