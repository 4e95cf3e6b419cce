import { describe, expect, it } from "vitest";
import { columnStats, histogram } from "./column-stats.ts";

describe("columnStats", () => {
  it("describes a numeric column: nulls, zeros, distinct values, min / median / max and a histogram", () => {
    const s = columnStats("tv_S", Object.freeze(["0", "10", "NA", "20", "", "0", "30"]));
    expect(s).toMatchObject({
      type: "number",
      rows: 7,
      nulls: 2,
      zeros: 2,
      distinct: 4,
      min: 0,
      median: 10,
      max: 30,
      mean: 12,
    });
    expect(s.sparkline).toEqual([2, 0, 0, 1, 0, 0, 1, 0, 0, 1]);
  });

  it("describes dates by range and rows per year, and text by its most frequent values", () => {
    expect(columnStats("DATE", ["2016-01-04", "2015-12-28", "2016-01-11"])).toMatchObject({
      type: "date",
      min: "2015-12-28",
      median: "2016-01-04",
      max: "2016-01-11",
      sparkline: [1, 2],
    });
    const text = columnStats("events", ["na", "na", "event2", "na", "event1", "event2"]);
    expect(text).toMatchObject({ type: "text", distinct: 3, sparkline: [3, 2, 1] });
    expect(text.sparklineLabel).toBe("most frequent: na (3), event2 (2), event1 (1)");
  });

  it("puts the maximum in the last bin and a constant column in one bin", () => {
    expect(histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 10)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
    expect(histogram([5, 5], 5, 5)).toEqual([2]);
    expect(columnStats("empty", ["", "NA"])).toMatchObject({
      type: "text",
      nulls: 2,
      distinct: 0,
      sparkline: [],
    });
  });
});
