/**
 * The sentences not already checked end to end in `prepare-data.test.ts`: each built from a real
 * preparation of a small hand-written table.
 */
import { describe, expect, it } from "vitest";
import { tableFromRows, type Cell } from "../../common/table.ts";
import { addDays } from "./dates.ts";
import { describeRules } from "./describe-preparation.ts";
import { prepareData, type PrepareDataOptions } from "./prepare-data.ts";

const base: PrepareDataOptions = { dateVar: "DATE", resample: "none", weekStart: "monday", aggregations: {} };

function weekly(start: string, weeks: number, row: (i: number) => Cell[], columns: string[]) {
  return tableFromRows(
    ["DATE", ...columns],
    Array.from({ length: weeks }, (_, i) => [addDays(start, 7 * i), ...row(i)]),
  );
}

describe("describePreparation", () => {
  it("says when weekly data is already weekly, with its weekday", () => {
    const { report } = prepareData(
      weekly("2023-12-31", 3, (i) => [i], ["sales"]),
      { ...base, resample: "week" },
    );
    expect(report.summary).toContain("The data is weekly (dated by Sundays).");
    expect(report.summary).toContain(
      "The data is already weekly (dated by Sundays), so it was not resampled.",
    );
  });

  it("explains how weeks become months", () => {
    const { report } = prepareData(
      weekly("2024-01-29", 6, (i) => [i + 1], ["sales"]),
      { ...base, resample: "month" },
    );
    expect(report.summary).toEqual(
      expect.arrayContaining([
        "Resampled the weekly data to months, each dated by its 1st: 1 month. Numbers were added up (sales).",
        "Each weekly row was taken to cover its date and the 6 days after it; 2 weeks spanning two months were split " +
          "between them by days.",
        "Dropped the incomplete first month 2024-01-01 (3 of 31 days) and the incomplete last month 2024-03-01 " +
          "(10 of 31 days), so that a partial month does not look like a drop in sales.",
        "The prepared data has 1 month from 2024-02-01 to 2024-02-01.",
      ]),
    );
  });

  it("says which periods were filled, that nothing needed filtering, and names unused empty columns", () => {
    const table = tableFromRows(
      ["DATE", "COUNTRY", "sales", "notes"],
      [
        ["2024-01-01", "DE", 1, null],
        ["2024-01-02", "DE", 2, null],
        ["2024-01-04", "DE", 3, null],
      ],
    );
    const { report } = prepareData(table, { ...base, country: "DE", fillMissing: "zero" });
    expect(report.summary).toEqual([
      'The data has 3 rows, dated by "DATE".',
      "Every row has COUNTRY DE: there was nothing to filter.",
      "The data is daily.",
      "1 day was missing between the first and the last date (2024-01-03); it was added with 0 in every numeric column.",
      'Column "notes" has no values at all. It is not used by this run.',
      "The prepared data has 4 days from 2024-01-01 to 2024-01-04.",
    ]);
  });

  it("groups the columns by how they are combined", () => {
    const rule = (column: string, r: "sum" | "mean" | "max" | "min" | "most_frequent") => ({
      column,
      kind: r === "most_frequent" ? ("text" as const) : ("number" as const),
      rule: r,
      fromSettings: r !== "sum",
    });
    expect(
      describeRules([
        rule("a", "sum"),
        rule("b", "mean"),
        rule("c", "max"),
        rule("d", "min"),
        rule("e", "most_frequent"),
      ]),
    ).toBe(
      "Numbers were added up (a), averaged (b), combined by their largest value (c), combined by their smallest " +
        "value (d); text columns took their most frequent value (e).",
    );
    expect(describeRules([rule("e", "most_frequent")])).toBe(
      "Text columns took their most frequent value (e).",
    );
    expect(describeRules([])).toBe("");
  });
});
