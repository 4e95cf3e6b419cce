import { describe, expect, it } from "vitest";
import { downsample } from "./downsample.ts";

describe("downsample", () => {
  it("keeps a short series and turns missing values into null", () => {
    expect(downsample([1, Number.NaN, 3], 60)).toEqual([1, null, 3]);
  });

  it("averages equal runs into at most the asked number of points", () => {
    const values = Array.from({ length: 1095 }, (_, i) => i);
    const points = downsample(values, 60);
    expect(points).toHaveLength(60);
    // The first run is rows 0..17 (⌊1095/60⌋ = 18 rows), mean 8.5; the last ends at 1094.
    expect(points[0]).toBe(8.5);
    expect(points.at(-1)).toBeCloseTo((1076 + 1094) / 2, 12);
    expect(downsample([], 60)).toEqual([]);
  });
});
