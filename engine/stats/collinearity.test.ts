import { describe, expect, it } from "vitest";
import { rSquared } from "../../tests/support/normal-equations.ts";
import { collinearity, conditionBand, vifBand } from "./collinearity.ts";

/** A small deterministic generator (LCG), so the inputs are frozen. */
function series(seed: number, n: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: n }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  });
}

function correlation(x: Float64Array, y: Float64Array): number {
  const mean = (v: Float64Array) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let t = 0; t < x.length; t++) {
    sxy += (x[t]! - mx) * (y[t]! - my);
    sxx += (x[t]! - mx) ** 2;
    syy += (y[t]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe("collinearity", () => {
  it("gives 1/(1 − r²) and √((1 + |r|)/(1 − |r|)) for two columns", () => {
    const x = series(1, 80);
    const noise = series(2, 80);
    const y = x.map((v, t) => v + 0.5 * noise[t]!);
    const r = correlation(x, y);
    const result = collinearity([x, y])!;
    expect(result.vif[0]).toBeCloseTo(1 / (1 - r * r), 10);
    expect(result.vif[1]).toBeCloseTo(1 / (1 - r * r), 10);
    expect(result.conditionNumber).toBeCloseTo(Math.sqrt((1 + Math.abs(r)) / (1 - Math.abs(r))), 10);
  });

  it("equals 1 / (1 − R²) of regressing each column on the others", () => {
    const a = series(3, 60);
    const b = series(4, 60).map((v, t) => v + 0.3 * a[t]!);
    const c = series(5, 60).map((v, t) => v - 0.6 * a[t]! + 0.2 * b[t]!);
    const d = series(6, 60);
    const columns = [a, b, c, d];
    const result = collinearity(columns)!;
    columns.forEach((column, j) => {
      const others = columns.filter((_, i) => i !== j);
      expect(result.vif[j]).toBeCloseTo(1 / (1 - rSquared(column, others)), 8);
    });
  });

  it("is infinite for the columns of a linear dependency and for a constant column, finite for the rest", () => {
    const x1 = series(7, 50);
    const x2 = series(8, 50);
    const x3 = x1.map((v, t) => v + 2 * x2[t]!);
    const x4 = series(9, 50);
    const result = collinearity([x1, x2, x3, x4])!;
    expect(result.vif.slice(0, 3)).toEqual([Infinity, Infinity, Infinity]);
    expect(result.vif[3]).toBeGreaterThan(1);
    expect(result.vif[3]).toBeLessThan(2);
    expect(result.conditionNumber).toBe(Infinity);
    const withConstant = collinearity([x1, new Float64Array(50).fill(3), x4])!;
    expect(withConstant.vif[1]).toBe(Infinity);
    expect(Number.isFinite(withConstant.vif[0])).toBe(true);
    expect(withConstant.conditionNumber).toBe(Infinity);
  });

  it("fills missing values with the column mean and flags practically identical columns", () => {
    const x = series(10, 40);
    const y = series(12, 40);
    const gap = Float64Array.from(y);
    gap[5] = Number.NaN;
    const filled = Float64Array.from(y);
    filled[5] = (y.reduce((s, v) => s + v, 0) - y[5]!) / 39;
    expect(collinearity([x, gap, series(11, 40)])).toEqual(collinearity([x, filled, series(11, 40)]));
    expect(collinearity([x, y, series(11, 40)])!.identicalPairs).toEqual([]);
    expect(collinearity([x, Float64Array.from(x), series(11, 40)])!.identicalPairs).toEqual([[0, 1]]);
  });

  it("needs two columns and more rows than columns + 1", () => {
    expect(collinearity([series(1, 10)])).toBeUndefined();
    expect(collinearity([series(1, 3), series(2, 3)])).toBeUndefined();
  });

  it("bands like the replaced product", () => {
    expect([4.9, 5, 9.9, 10, Infinity].map(vifBand)).toEqual(["green", "amber", "amber", "red", "red"]);
    expect([9.9, 10, 30, 30.1].map(conditionBand)).toEqual(["green", "amber", "amber", "red"]);
  });
});
