import { describe, expect, it } from "vitest";
import { dayNumber } from "./dates.ts";
import { collapseDuplicates, hasDuplicateDays } from "./collapse-duplicates.ts";
import { columnRules } from "./column-rules.ts";
import { datedTable, rowsOf } from "../../tests/support/dated-tables.ts";

// A table split by campaign, with a price to average and a region column that disagrees on one date.
const split = datedTable(
  ["sales", "tv_S", "price", "region"],
  [
    ["2024-01-01", 100, 10, 2.0, "north"],
    ["2024-01-01", 50, null, 4.0, "north"],
    ["2024-01-02", 80, 5, 3.0, "north"],
    ["2024-01-03", 60, 1, 1.0, "north"],
    ["2024-01-03", 40, 2, 2.0, "south"],
    ["2024-01-03", 20, 3, 6.0, "south"],
  ],
);

describe("collapseDuplicates", () => {
  it("merges each date's rows: numbers by their aggregation, text by its most frequent value", () => {
    const rules = columnRules(split, new Map([["price", "mean"]]), new Set());
    const { dated, report } = collapseDuplicates(split, rules);
    expect(rowsOf(dated)).toEqual([
      ["2024-01-01", 150, 10, 3.0, "north"],
      ["2024-01-02", 80, 5, 3.0, "north"],
      ["2024-01-03", 120, 6, 3.0, "south"],
    ]);
    expect(report).toEqual({
      dates: 2,
      rowsMerged: 3,
      firstDates: ["2024-01-01", "2024-01-03"],
      aggregation: {
        columns: rules,
        skippedMissingValues: [{ column: "tv_S", cells: 1, periods: 1, firstDate: "2024-01-01" }],
        textDisagreements: [
          { column: "region", periods: 1, firstDate: "2024-01-03", values: ["south", "north"] },
        ],
      },
    });
  });

  it("detects duplicate days in ascending days", () => {
    expect(hasDuplicateDays(split.days)).toBe(true);
    expect(hasDuplicateDays([1, 2, 3].map((d) => dayNumber("2024-01-01") + d))).toBe(false);
  });
});
