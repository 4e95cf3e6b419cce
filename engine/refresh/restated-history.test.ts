import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../common/table.ts";
import { restatedHistory } from "./restated-history.ts";

describe("restatedHistory", () => {
  const parent = tableFromRows(
    ["DATE", "revenue", "tv_S"],
    [
      ["2020-01-06", 100, 10],
      ["2020-01-13", 110, 20],
      ["2020-01-20", 120, 30],
    ],
  );

  it("reports per column the old periods whose values changed, not the new ones", () => {
    const next = tableFromRows(
      ["DATE", "revenue", "tv_S"],
      [
        ["2020-01-13", 115, "20"],
        ["2020-01-06", 100, 10],
        ["2020-01-20", 125, 30.0000000000001],
        ["2020-01-27", 999, 40],
      ],
    );
    expect(restatedHistory(parent, next, "DATE", ["revenue", "tv_S"])).toEqual([
      { column: "revenue", periods: 2, first_date: "2020-01-13", last_date: "2020-01-20" },
    ]);
  });

  it("reports nothing when the history is unchanged", () => {
    expect(restatedHistory(parent, parent, "DATE", ["revenue", "tv_S"])).toEqual([]);
  });
});
