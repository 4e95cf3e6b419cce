import { describe, expect, it } from "vitest";
import { lowess } from "./lowess.ts";

describe("lowess", () => {
  it("reproduces a straight line exactly (local linear fits)", () => {
    const x = Array.from({ length: 50 }, (_, i) => i * 1.7);
    const y = x.map((v) => 3 - 0.5 * v);
    const smooth = lowess(x, y, 0.5, 20);
    expect(smooth.x[0]).toBe(0);
    expect(smooth.x[19]).toBeCloseTo(49 * 1.7, 12);
    smooth.x.forEach((at, i) => expect(smooth.y[i]).toBeCloseTo(3 - 0.5 * at, 9));
  });

  it("follows a curve locally and handles an empty input", () => {
    const x = Array.from({ length: 200 }, (_, i) => i / 20);
    const smooth = lowess(
      x,
      x.map((v) => Math.sin(v)),
      0.1,
      11,
    );
    smooth.x.forEach((at, i) => expect(Math.abs(smooth.y[i]! - Math.sin(at))).toBeLessThan(0.05));
    expect(lowess([], []).x.length).toBe(0);
  });
});
