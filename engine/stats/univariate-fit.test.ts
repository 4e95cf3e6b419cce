import { describe, expect, it } from "vitest";
import { univariateFit } from "./univariate-fit.ts";

/** Squared Pearson correlation by deviations: with an intercept, the OLS R². */
function squaredCorrelation(x: readonly number[], y: readonly number[]): number {
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  const cov = x.reduce((s, v, i) => s + (v - mx) * (y[i]! - my), 0);
  const vx = x.reduce((s, v) => s + (v - mx) ** 2, 0);
  const vy = y.reduce((s, v) => s + (v - my) ** 2, 0);
  return (cov * cov) / (vx * vy);
}

describe("univariateFit", () => {
  const x = [0, 10, 20, 0, 35, 50, 5, 25];
  const y = [100, 130, 150, 90, 210, 240, 120, 160];

  it("has R² equal to the squared correlation and the line of the normal equations", () => {
    const fit = univariateFit(x, y)!;
    expect(fit.r2).toBeCloseTo(squaredCorrelation(x, y), 12);
    // Normal equations [n Σx; Σx Σx²]·[a; b] = [Σy; Σxy], solved by Cramer's rule.
    const n = x.length;
    const sx = x.reduce((a, b) => a + b, 0);
    const sxx = x.reduce((a, b) => a + b * b, 0);
    const sy = y.reduce((a, b) => a + b, 0);
    const sxy = x.reduce((a, b, i) => a + b * y[i]!, 0);
    const det = n * sxx - sx * sx;
    expect(fit.intercept).toBeCloseTo((sy * sxx - sx * sxy) / det, 9);
    expect(fit.slope).toBeCloseTo((n * sxy - sx * sy) / det, 12);
    const mae = x.reduce((s, v, i) => s + Math.abs(y[i]! - fit.intercept - fit.slope * v), 0) / n;
    expect(fit.nmae).toBeCloseTo(mae / (sy / n), 12);
    expect(fit.rows).toBe(8);
  });

  it("is exact for a straight line and skips incomplete rows", () => {
    const fit = univariateFit([1, 2, Number.NaN, 4, 5], [3, 5, 999, 9, Number.NaN])!;
    expect(fit).toMatchObject({ rows: 3, r2: 1, nmae: 0 });
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(1, 12);
  });

  it("is undefined for a constant regressor or goal", () => {
    expect(univariateFit([0, 0, 0, 0], [1, 2, 3, 4])).toBeUndefined();
    expect(univariateFit([1, 2, 3, 4], [5, 5, 5, 5])).toBeUndefined();
  });
});
