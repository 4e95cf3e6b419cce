import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { niceMax, niceRange } from "./chart-panel.ts";

describe("niceRange / niceMax", () => {
  it("rounds axis ends out to chart.js tick steps", () => {
    expect(niceRange(0.048, 1.45, 9)).toEqual({ min: 0, max: 1.6 });
    expect(niceMax(0.92)).toBe(1);
    expect(niceMax(802_000, 5)).toBe(1_000_000);
    expect(niceRange(-0.05, 1)).toEqual({ min: -0.2, max: 1 });
    // No nice step exists for a span beyond the double range or below its smallest value.
    expect(niceRange(-1e308, 1e308)).toEqual({ min: -1e308, max: 1e308 });
    expect(niceRange(0, 5e-324)).toEqual({ min: 0, max: 5e-324 });
  });

  it("covers the data with at most maxTicks − 1 steps of 1, 2 or 5 × 10^k, starting on a step", () => {
    // Axis data: the offset is at most 1000 spans from 0 (beyond that the ends lose their digits to rounding).
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        fc.integer({ min: 4, max: 10 }),
        (offset, span, ticks) => {
          const low = offset * span;
          const { min, max } = niceRange(low, low + span, ticks);
          expect(min).toBeLessThanOrEqual(low + 1e-8 * span);
          expect(max).toBeGreaterThanOrEqual(low + span - 1e-8 * span);
          const power = 10 ** Math.floor(Math.log10((max - min) / (ticks - 1)));
          const onStep = (step: number) =>
            (max - min) / step <= ticks - 1 + 1e-9 && Math.abs(min / step - Math.round(min / step)) < 1e-6;
          expect([1, 2, 5, 10].some((s) => onStep(s * power))).toBe(true);
        },
      ),
      { numRuns: 2000, examples: [[60.58756434905345, 0.00043840019142622527, 4]] },
    );
  });
});
