import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bestReply, concaveEnvelope, envelopeValue, inverseMarginal } from "./concave-envelope.ts";
import { inflectionSpend, marginalResponseAt, responseAt, type ResponseCurve } from "./response-curve.ts";

const sCurve: ResponseCurve = Object.freeze({ coef: 1000, alpha: 3, inflexion: 100, carryover: 0 });

const cases = fc.record({
  curve: fc.record({
    coef: fc.double({ min: 1, max: 1e6, noNaN: true }),
    alpha: fc.double({ min: 0.3, max: 6, noNaN: true }),
    inflexion: fc.double({ min: 1, max: 1e4, noNaN: true }),
    carryover: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e3, noNaN: true })),
  }),
  lowerShare: fc.double({ min: 0, max: 2, noNaN: true }),
  widthShare: fc.double({ min: 0.01, max: 5, noNaN: true }),
});

describe("concaveEnvelope", () => {
  it("is the chord when the whole interval is convex, and the curve itself when it is concave", () => {
    const foot = concaveEnvelope(sCurve, 0, 40); // inflection at 100·(2/4)^(1/3) ≈ 79
    expect(foot.tangent).toBe(40);
    expect(foot.slope).toBeCloseTo(responseAt(sCurve, 40) / 40, 12);
    const top = concaveEnvelope(sCurve, 100, 300);
    expect(top.tangent).toBe(100);
    expect(Number.isNaN(top.slope)).toBe(true);
    expect(envelopeValue(top, 150)).toBe(responseAt(sCurve, 150));
  });

  it("touches the curve at a tangent point where R'(w) equals the chord slope", () => {
    const envelope = concaveEnvelope(sCurve, 0, 500);
    expect(envelope.tangent).toBeGreaterThan(inflectionSpend(sCurve));
    expect(envelope.tangent).toBeLessThan(500);
    expect(marginalResponseAt(sCurve, envelope.tangent)).toBeCloseTo(envelope.slope, 10);
  });

  it("lies above the curve, meets it at both ends, and is concave (non-increasing slopes)", () => {
    fc.assert(
      fc.property(cases, ({ curve, lowerShare, widthShare }) => {
        const lower = lowerShare * curve.inflexion;
        const upper = lower + widthShare * curve.inflexion;
        const envelope = concaveEnvelope(curve, lower, upper);
        const scale = curve.coef * 1e-12;
        expect(Math.abs(envelopeValue(envelope, lower) - responseAt(curve, lower))).toBeLessThanOrEqual(
          scale,
        );
        expect(Math.abs(envelopeValue(envelope, upper) - responseAt(curve, upper))).toBeLessThanOrEqual(
          scale,
        );
        const steps = 200;
        let previousSlope = Infinity;
        let previous = envelopeValue(envelope, lower);
        let below = 0; // largest amount by which the envelope falls under the curve
        let bend = 0; // largest increase of the slope (concavity violation)
        for (let k = 1; k <= steps; k++) {
          const x = lower + ((upper - lower) * k) / steps;
          const value = envelopeValue(envelope, x);
          below = Math.max(below, responseAt(curve, x) - value);
          const slope = (value - previous) / ((upper - lower) / steps);
          bend = Math.max(bend, slope - previousSlope - 1e-9 * Math.abs(previousSlope));
          previousSlope = slope;
          previous = value;
        }
        expect(below).toBeLessThanOrEqual(scale);
        expect(bend).toBeLessThanOrEqual(1e-6 * scale);
      }),
      { seed: 5, numRuns: 200 },
    );
  });
});

describe("bestReply", () => {
  it("maximises envelope(x) − price·x over the interval (checked against a dense grid)", () => {
    fc.assert(
      fc.property(
        cases,
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        ({ curve, lowerShare, widthShare }, rel) => {
          const lower = lowerShare * curve.inflexion;
          const upper = lower + widthShare * curve.inflexion;
          const envelope = concaveEnvelope(curve, lower, upper);
          const price = rel * (curve.coef / curve.inflexion);
          const x = bestReply(envelope, price);
          expect(x).toBeGreaterThanOrEqual(lower);
          expect(x).toBeLessThanOrEqual(upper);
          const value = envelopeValue(envelope, x) - price * x;
          let best = -Infinity;
          for (let k = 0; k <= 500; k++) {
            const y = lower + ((upper - lower) * k) / 500;
            best = Math.max(best, envelopeValue(envelope, y) - price * y);
          }
          expect(best).toBeLessThanOrEqual(value + 1e-9 * curve.coef);
        },
      ),
      { seed: 9, numRuns: 200 },
    );
  });

  it("jumps from the tangent point to the lower bound as the price crosses the linear part's slope", () => {
    const envelope = concaveEnvelope(sCurve, 0, 500);
    expect(bestReply(envelope, envelope.slope * (1 + 1e-9))).toBe(0);
    expect(bestReply(envelope, envelope.slope * (1 - 1e-9))).toBeCloseTo(envelope.tangent, 3);
    expect(bestReply(envelope, 0)).toBe(500);
  });
});

describe("inverseMarginal", () => {
  it("solves R'(x) = price on the concave part to a few ulps", () => {
    const x = inverseMarginal(sCurve, 2, 100, 1000);
    expect(marginalResponseAt(sCurve, x)).toBeCloseTo(2, 12);
  });
});
