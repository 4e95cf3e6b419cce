import { describe, expect, it } from "vitest";
import { defaultBlockLength, movingBlockResample, twinTable } from "./twin-data.ts";

describe("movingBlockResample", () => {
  it("is made of runs of consecutive values, reproducible per seed", () => {
    const values = Float64Array.from({ length: 40 }, (_, i) => i);
    const out = movingBlockResample(values, 5, 7);
    expect(out).toEqual(movingBlockResample(values, 5, 7));
    expect(out).not.toEqual(movingBlockResample(values, 5, 8));
    // Each block of 5 is a run of consecutive source values.
    for (let b = 0; b < 40; b += 5) for (let k = 1; k < 5; k++) expect(out[b + k]! - out[b + k - 1]!).toBe(1);
  });

  it("uses blocks of about the cube root of the length", () => {
    expect(defaultBlockLength(208)).toBe(6);
    expect(defaultBlockLength(1)).toBe(2);
  });
});

describe("twinTable", () => {
  it("replaces the goal in the window by fitted plus resampled residuals, and keeps everything else", () => {
    const table = {
      columns: ["DATE", "revenue", "tv_S"],
      data: {
        DATE: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"],
        revenue: [100, 110, 120, 130],
        tv_S: [5, 6, 7, 8],
      },
    };
    const window = {
      dates: ["2024-01-08", "2024-01-15", "2024-01-22"],
      fitted: [108, 125, 126],
      actual: [110, 120, 130],
    };
    const twin = twinTable({ table, dateVar: "DATE", depVar: "revenue", window, seed: 3, blockLength: 1 });
    expect(twin.data.DATE).toEqual(table.data.DATE);
    expect(twin.data.tv_S).toBe(table.data.tv_S);
    expect(twin.data.revenue![0]).toBe(100);
    const residuals = [2, -5, 4];
    const noise = (twin.data.revenue!.slice(1) as number[]).map((v, t) => v - window.fitted[t]!);
    for (const e of noise) expect(residuals).toContain(e);
  });
});
