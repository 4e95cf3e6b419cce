import { describe, expect, it } from "vitest";
import { dayNumber } from "./dates.ts";
import { fillMissingPeriods } from "./fill-missing-periods.ts";
import { datedTable, rowsOf } from "../../tests/support/dated-tables.ts";

describe("fillMissingPeriods", () => {
  it("adds the missing periods with 0 in numeric columns, nothing in text, and the country", () => {
    const data = datedTable(
      ["sales", "events", "COUNTRY"],
      [
        ["2024-01-01", 5, "na", "DE"],
        ["2024-01-04", 7, "sale", "DE"],
      ],
    );
    const filled = fillMissingPeriods(data, [dayNumber("2024-01-02"), dayNumber("2024-01-03")], {
      column: "COUNTRY",
      value: "DE",
    });
    expect(rowsOf(filled)).toEqual([
      ["2024-01-01", 5, "na", "DE"],
      ["2024-01-02", 0, null, "DE"],
      ["2024-01-03", 0, null, "DE"],
      ["2024-01-04", 7, "sale", "DE"],
    ]);
  });

  it("returns the data as it is when nothing is missing", () => {
    const data = datedTable(["sales"], [["2024-01-01", 1]]);
    expect(fillMissingPeriods(data, [])).toBe(data);
  });
});
