import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluateMarginals,
  evaluateResponses,
  inflectionSpend,
  marginalResponseAt,
  responseAt,
  responseCurvatureAt,
  responseOfOneMoreUnit,
  type ResponseCurve,
} from "./response-curve.ts";

const sCurve: ResponseCurve = Object.freeze({ coef: 1000, alpha: 2.5, inflexion: 321, carryover: 50 });
const concave: ResponseCurve = Object.freeze({ coef: 1000, alpha: 0.7, inflexion: 321, carryover: 0 });

const curves = fc.record({
  coef: fc.double({ min: 1, max: 1e7, noNaN: true }),
  alpha: fc.double({ min: 0.2, max: 8, noNaN: true }),
  inflexion: fc.double({ min: 1, max: 1e6, noNaN: true }),
  carryover: fc.double({ min: 0, max: 1e5, noNaN: true }),
});

describe("response curve R(x) = coef / (1 + (inflexion / (x + carryover))^alpha)", () => {
  it("is 0 at zero spend and carryover, coef/2 where x + carryover = inflexion, and tends to coef", () => {
    expect(responseAt(concave, 0)).toBe(0);
    expect(responseAt(sCurve, 321 - 50)).toBeCloseTo(500, 12);
    expect(responseAt(sCurve, 1e12)).toBeCloseTo(1000, 6);
  });

  it("has the zero-spend limits of its derivative: +Inf, coef/inflexion, 0 for alpha <, =, > 1", () => {
    expect(marginalResponseAt(concave, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(marginalResponseAt({ ...concave, alpha: 1 }, 0)).toBeCloseTo(1000 / 321, 14);
    expect(marginalResponseAt({ ...concave, alpha: 2.5 }, 0)).toBe(0);
    expect(marginalResponseAt({ ...concave, coef: 0 }, 0)).toBe(0);
  });

  it("matches central differences for its first and second derivatives", () => {
    fc.assert(
      fc.property(curves, fc.double({ min: 0.01, max: 3, noNaN: true }), (curve, share) => {
        const x = share * curve.inflexion;
        const h = 1e-5 * (x + curve.carryover);
        const slope = (responseAt(curve, x + h) - responseAt(curve, x - h)) / (2 * h);
        const bend = (marginalResponseAt(curve, x + h) - marginalResponseAt(curve, x - h)) / (2 * h);
        const marginal = marginalResponseAt(curve, x);
        const curvature = responseCurvatureAt(curve, x);
        expect(Math.abs(slope - marginal)).toBeLessThanOrEqual(
          1e-5 * Math.abs(marginal) + (1e-9 * curve.coef) / curve.inflexion,
        );
        expect(Math.abs(bend - curvature)).toBeLessThanOrEqual(
          1e-4 * Math.abs(curvature) + (1e-7 * curve.coef) / (curve.inflexion * curve.inflexion),
        );
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it("is convex below the inflection spend and concave above it", () => {
    const x = inflectionSpend(sCurve);
    expect(x).toBeCloseTo(321 * Math.pow(1.5 / 3.5, 1 / 2.5) - 50, 10);
    expect(responseCurvatureAt(sCurve, x * 0.99)).toBeGreaterThan(0);
    expect(responseCurvatureAt(sCurve, x * 1.01)).toBeLessThan(0);
    expect(Math.abs(responseCurvatureAt(sCurve, x))).toBeLessThan(1e-12);
    expect(inflectionSpend(concave)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("does not overflow for large spends and alpha", () => {
    const steep: ResponseCurve = { coef: 5, alpha: 10, inflexion: 1e3, carryover: 0 };
    expect(responseAt(steep, 1e40)).toBe(5);
    expect(marginalResponseAt(steep, 1e40)).toBe(0);
    expect(Number.isFinite(responseCurvatureAt(steep, 1e40))).toBe(true);
  });

  it("evaluates many channels into a caller's buffer", () => {
    const set = {
      coef: Float64Array.of(1000, 1000),
      alpha: Float64Array.of(2.5, 0.7),
      inflexion: Float64Array.of(321, 321),
      carryover: Float64Array.of(50, 0),
    };
    const out = new Float64Array(2);
    const total = evaluateResponses(set, [10, 10], out);
    expect(out[0]).toBe(responseAt(sCurve, 10));
    expect(out[1]).toBe(responseAt(concave, 10));
    expect(total).toBe(out[0]! + out[1]!);
    evaluateMarginals(set, [10, 10], out);
    expect(out[1]).toBe(marginalResponseAt(concave, 10));
  });

  it("reports Robyn's marginal response as R(x + 1) − R(x)", () => {
    expect(responseOfOneMoreUnit(sCurve, 100)).toBe(responseAt(sCurve, 101) - responseAt(sCurve, 100));
  });
});
