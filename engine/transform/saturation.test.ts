import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hillInflexion, hillSaturate } from "./saturation.ts";

const positive = fc.double({ min: 1e-6, max: 1e7, noNaN: true });
const alpha = fc.double({ min: 0.01, max: 9.99, noNaN: true });

function saturate(values: number[], a: number, inflexion: number): number[] {
  const out = new Float64Array(values.length);
  hillSaturate(values, a, inflexion, out);
  return Array.from(out);
}

describe("Hill saturation", () => {
  it("stays in [0, 1], is 0 at 0 and ½ at the inflexion", () => {
    fc.assert(
      fc.property(fc.array(positive, { minLength: 1, maxLength: 30 }), alpha, positive, (x, a, k) => {
        for (const s of saturate(x, a, k)) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
        }
        expect(saturate([0, k], a, k)).toEqual([0, expect.closeTo(0.5, 12)]);
      }),
    );
  });

  it("is monotone increasing in the input and decreasing in the inflexion", () => {
    fc.assert(
      fc.property(positive, positive, alpha, positive, (x1, x2, a, k) => {
        const [lo, hi] = x1 < x2 ? [x1, x2] : [x2, x1];
        const [sLo, sHi] = saturate([lo, hi], a, k);
        expect(sHi!).toBeGreaterThanOrEqual(sLo!);
        expect(saturate([lo], a, k * 2)[0]!).toBeLessThanOrEqual(sLo!);
      }),
    );
  });

  it("takes the inflexion as γ times the window maximum", () => {
    expect(hillInflexion([5, 20, 10, 40], 0.5, 0, 3)).toBe(10);
    expect(hillInflexion([5, 20, 10, 40], 0.5)).toBe(20);
  });
});
