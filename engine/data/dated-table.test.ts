import { describe, expect, it } from "vitest";
import { dayNumber } from "./dates.ts";
import { tableFromRows } from "../../common/table.ts";
import { readDatedTable, resolveDateVar, toTable } from "./dated-table.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";

const table = Object.freeze(
  tableFromRows(
    ["sales", "week", "note"],
    [
      [3, "2024-01-15", "c"],
      [1, "2024/01/01", "a"],
      [2, "2024-01-08T00:00:00Z", "b"],
      [4, "2024-01-01", "a2"],
    ],
  ),
);

describe("resolveDateVar", () => {
  it("finds the one column of dates for auto, and checks a named one", () => {
    expect(resolveDateVar(table, "auto")).toBe("week");
    expect(resolveDateVar(table, "week")).toBe("week");
    expectInvalidInput(() => resolveDateVar(table, "DATE"), "date_var");
    const none = tableFromRows(["a"], [[1]]);
    expect(expectInvalidInput(() => resolveDateVar(none, "auto"), "date_var").message).toMatch(
      /^No column of the data holds only dates/,
    );
  });
});

describe("readDatedTable", () => {
  it("puts the rows in date order, keeping the order of rows of the same date", () => {
    const { dated, sorted } = readDatedTable(table, "week", [0, 1, 2, 3]);
    expect(sorted).toBe(true);
    expect(dated.columns).toEqual(["sales", "note"]);
    expect(dated.days).toEqual(["2024-01-01", "2024-01-01", "2024-01-08", "2024-01-15"].map(dayNumber));
    expect(dated.cells).toEqual({ sales: [1, 4, 2, 3], note: ["a", "a2", "b", "c"] });
  });

  it("reads only the rows asked for and says when they were already in order", () => {
    const { dated, sorted } = readDatedTable(table, "week", [1, 2]);
    expect(sorted).toBe(false);
    expect(dated.cells.sales).toEqual([1, 2]);
  });

  it("names the row (1-based) of a value that is not a date", () => {
    const bad = tableFromRows(
      ["DATE", "x"],
      [
        ["2024-01-01", 1],
        ["Jan 8", 2],
      ],
    );
    const error = expectInvalidInput(() => readDatedTable(bad, "DATE", [0, 1]), "date_var");
    expect(error.message).toBe(
      'Row 2 of the date column "DATE" holds "Jan 8", which is not a date. Dates must be written YYYY-MM-DD (e.g. 2016-01-04).',
    );
  });

  it("writes the table back with ISO dates at the date column's place", () => {
    const { dated } = readDatedTable(table, "week", [2, 1]);
    expect(toTable(dated, "week", 1)).toEqual({
      columns: ["sales", "week", "note"],
      data: { sales: [1, 2], week: ["2024-01-01", "2024-01-08"], note: ["a", "b"] },
    });
  });
});
