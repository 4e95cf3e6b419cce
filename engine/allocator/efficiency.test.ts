import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../search/rng.ts";
import { bestReachableEfficiency, bestReplyToEfficiency, efficiencyAtUpperBounds } from "./efficiency.ts";
import { responseAt, type ResponseCurve, type ResponseCurves } from "./response-curve.ts";

/** A double uniform in [min, max] on a grid of a million steps (fast-check's doubles favour extremes). */
function uniform(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 1_000_000 }).map((k) => min + ((max - min) * k) / 1_000_000);
}

const boxes = fc
  .array(
    fc.record({
      coef: uniform(10, 1e6),
      alpha: uniform(0.3, 6),
      inflexion: uniform(10, 1e5),
      carryover: fc.oneof(fc.constant(0), uniform(0, 1e4)),
      lower: fc.oneof(fc.constant(0), uniform(0, 1e4)),
      width: uniform(1, 5e4),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((channels) => ({
    curves: {
      coef: Float64Array.from(channels, (c) => c.coef),
      alpha: Float64Array.from(channels, (c) => c.alpha),
      inflexion: Float64Array.from(channels, (c) => c.inflexion),
      carryover: Float64Array.from(channels, (c) => c.carryover),
    },
    bounds: {
      lower: Float64Array.from(channels, (c) => c.lower),
      upper: Float64Array.from(channels, (c) => c.lower + c.width),
    },
  }));

function curveAt(curves: ResponseCurves, i: number): ResponseCurve {
  return {
    coef: curves.coef[i]!,
    alpha: curves.alpha[i]!,
    inflexion: curves.inflexion[i]!,
    carryover: curves.carryover[i]!,
  };
}

describe("bestReplyToEfficiency", () => {
  it("maximises R_i(x) − t·x over each channel's interval (checked on a 2 001-point grid)", () => {
    fc.assert(
      fc.property(boxes, uniform(0.01, 50), ({ curves, bounds }, t) => {
        const reply = bestReplyToEfficiency(curves, bounds, t);
        for (let i = 0; i < reply.length; i++) {
          const curve = curveAt(curves, i);
          const value = responseAt(curve, reply[i]!) - t * reply[i]!;
          let best = -Infinity;
          for (let k = 0; k <= 2000; k++) {
            const x = bounds.lower[i]! + ((bounds.upper[i]! - bounds.lower[i]!) * k) / 2000;
            best = Math.max(best, responseAt(curve, x) - t * x);
          }
          expect(value).toBeGreaterThanOrEqual(best - 1e-9 * curve.coef);
        }
      }),
      { seed: 21, numRuns: 150 },
    );
  });
});

describe("bestReachableEfficiency", () => {
  it("is at least the return of every sampled box point, and at least the return at the upper bounds", () => {
    fc.assert(
      fc.property(boxes, fc.integer({ min: 1, max: 1_000_000 }), ({ curves, bounds }, seed) => {
        const best = bestReachableEfficiency(curves, bounds);
        expect(best.ratio).toBeGreaterThanOrEqual(efficiencyAtUpperBounds(curves, bounds) * (1 - 1e-12));
        if (best.ratio === Infinity) {
          // Only when spending nothing is allowed and carryover alone already gives a response.
          expect(bounds.lower.every((x) => x === 0)).toBe(true);
          return;
        }
        const n = bounds.lower.length;
        let total = 0;
        let spend = 0;
        for (let i = 0; i < n; i++) {
          total += responseAt(curveAt(curves, i), best.spend[i]!);
          spend += best.spend[i]!;
        }
        expect(total / spend).toBeCloseTo(best.ratio, 10);
        const rng = createRng(seed);
        let sampled = 0;
        for (let k = 0; k < 1000; k++) {
          let r = 0;
          let x = 0;
          for (let i = 0; i < n; i++) {
            const xi = bounds.lower[i]! + rng.next() * (bounds.upper[i]! - bounds.lower[i]!);
            r += responseAt(curveAt(curves, i), xi);
            x += xi;
          }
          if (x > 0) sampled = Math.max(sampled, r / x);
        }
        expect(sampled).toBeLessThanOrEqual(best.ratio * (1 + 1e-12));
      }),
      { seed: 4, numRuns: 150 },
    );
  });

  it("is unbounded when every channel may spend nothing and carryover alone gives a response", () => {
    const curves = {
      coef: Float64Array.of(100),
      alpha: Float64Array.of(2),
      inflexion: Float64Array.of(10),
      carryover: Float64Array.of(5),
    };
    expect(
      bestReachableEfficiency(curves, { lower: Float64Array.of(0), upper: Float64Array.of(50) }).ratio,
    ).toBe(Infinity);
    expect(
      bestReachableEfficiency(curves, { lower: Float64Array.of(1), upper: Float64Array.of(50) }).ratio,
    ).toBeLessThan(Infinity);
  });
});
