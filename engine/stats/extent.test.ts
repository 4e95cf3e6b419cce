import { describe, expect, it } from "vitest";
import { maxOf, minOf } from "./extent.ts";

describe("maxOf / minOf", () => {
  it("take 500k values, where spreading them into Math.max overflows the stack", () => {
    const values = Float64Array.from({ length: 500_000 }, (_, i) => Math.sin(i) * i);
    expect(() => Math.max(...values)).toThrow(RangeError);
    let max = -Infinity;
    let min = Infinity;
    for (const v of values) {
      max = v > max ? v : max;
      min = v < min ? v : min;
    }
    expect(maxOf(0, values)).toBe(max);
    expect(minOf(0, values)).toBe(min);
  });

  it("answer as Math.max(start, ...a, ...b) and Math.min do: start when empty, NaN when any is NaN", () => {
    expect(maxOf(1e-9)).toBe(1e-9);
    expect(maxOf(0.05, [0.01, 0.02], [0.3])).toBe(0.3);
    expect(minOf(0, [3, -2], [-5])).toBe(-5);
    expect(maxOf(1, [2, NaN])).toBeNaN();
    expect(minOf(1, [NaN])).toBeNaN();
  });
});
