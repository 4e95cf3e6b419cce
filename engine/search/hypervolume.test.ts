import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume2d } from "./hypervolume.ts";

describe("hypervolume2d", () => {
  it("measures the dominated area, written out by hand", () => {
    // One point at (0.5, 0.5): a 0.5 x 0.5 square. Adding (0.25, 0.75) adds 0.25 x 0.25.
    expect(hypervolume2d([0.5], [0.5])).toBeCloseTo(0.25, 15);
    expect(hypervolume2d([0.5, 0.25], [0.5, 0.75])).toBeCloseTo(0.3125, 15);
    expect(hypervolume2d([0.5, 0.6], [0.5, 0.6])).toBeCloseTo(0.25, 15); // a dominated point adds nothing
    expect(hypervolume2d([1.5], [0.1])).toBe(0); // beyond the reference
  });

  it("never decreases when a point is added, and is order-independent", () => {
    const point = fc.tuple(
      fc.double({ min: 0, max: 1.2, noNaN: true }),
      fc.double({ min: 0, max: 1.2, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 40 }), point, (points, extra) => {
        const hv = hypervolume2d(
          points.map((p) => p[0]),
          points.map((p) => p[1]),
        );
        const more = [...points, extra];
        expect(
          hypervolume2d(
            more.map((p) => p[0]),
            more.map((p) => p[1]),
          ),
        ).toBeGreaterThanOrEqual(hv - 1e-15);
        const reversed = [...points].reverse();
        expect(
          hypervolume2d(
            reversed.map((p) => p[0]),
            reversed.map((p) => p[1]),
          ),
        ).toBeCloseTo(hv, 14);
      }),
    );
  });
});
