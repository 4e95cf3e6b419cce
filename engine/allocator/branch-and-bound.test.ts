import { describe, expect, it } from "vitest";
import { branchAndBound, relaxBudget, relaxTarget } from "./branch-and-bound.ts";
import { concaveEnvelope, envelopeValue } from "./concave-envelope.ts";
import { curveOf, responseAt, type ResponseCurves } from "./response-curve.ts";

/** Two identical S-curves: splitting a small budget between them is worse than giving it all to one. */
const twins: ResponseCurves = Object.freeze({
  coef: Float64Array.of(1000, 1000),
  alpha: Float64Array.of(4, 4),
  inflexion: Float64Array.of(100, 100),
  carryover: Float64Array.of(0, 0),
});
const box = { lower: Float64Array.of(0, 0), upper: Float64Array.of(300, 300) };
const envelopes = [0, 1].map((i) => concaveEnvelope(curveOf(twins, i), 0, 300));

describe("relaxBudget", () => {
  it("spends the budget exactly and bounds the true optimum from above", () => {
    const relaxed = relaxBudget(envelopes, 150)!;
    expect(relaxed.spend[0]! + relaxed.spend[1]!).toBe(150);
    // By symmetry, the true optimum gives everything to one channel (the curves are convex up to ~88).
    const trueBest = Math.max(
      ...Array.from(
        { length: 151 },
        (_, k) => responseAt(curveOf(twins, 0), k) + responseAt(curveOf(twins, 1), 150 - k),
      ),
    );
    expect(relaxed.bound).toBeGreaterThanOrEqual(trueBest);
    expect(relaxed.bound).toBe(
      envelopeValue(envelopes[0]!, relaxed.spend[0]!) + envelopeValue(envelopes[1]!, relaxed.spend[1]!),
    );
  });

  it("returns null for a budget outside the box", () => {
    expect(relaxBudget(envelopes, 700)).toBeNull();
  });
});

describe("relaxTarget", () => {
  it("finds the largest spend whose relaxed return is at least t, and null when none is", () => {
    const relaxed = relaxTarget(envelopes, 5)!;
    let surplus = 0;
    for (let i = 0; i < 2; i++) {
      surplus += envelopeValue(envelopes[i]!, relaxed.spend[i]!) - 5 * relaxed.spend[i]!;
    }
    expect(Math.abs(surplus)).toBeLessThan(1e-9);
    expect(relaxed.spend[0]! + relaxed.spend[1]!).toBeLessThan(600);
    // At t = 2 even the upper bounds return more than t per unit: the relaxation spends them.
    expect(Array.from(relaxTarget(envelopes, 2)!.spend)).toEqual([300, 300]);
    // With spends of at least 50 each, no point returns 100 per unit (zero spend would, trivially).
    const atLeast50 = [0, 1].map((i) => concaveEnvelope(curveOf(twins, i), 50, 300));
    expect(relaxTarget(atLeast50, 100)).toBeNull();
    expect(Array.from(relaxTarget(envelopes, 100)!.spend)).toEqual([0, 0]);
  });
});

describe("branchAndBound", () => {
  it("closes the gap on the twins: all of a small budget goes to one channel", () => {
    const search = branchAndBound(
      twins,
      box,
      (e) => relaxBudget(e, 150),
      (relaxed) => ({
        spend: relaxed.spend,
        value:
          responseAt(curveOf(twins, 0), relaxed.spend[0]!) + responseAt(curveOf(twins, 1), relaxed.spend[1]!),
      }),
      {},
    );
    expect(search.status).toBe("optimal");
    const spend = Array.from(search.best!.spend).sort((a, b) => a - b);
    expect(spend[0]).toBeCloseTo(0, 6);
    expect(spend[1]).toBeCloseTo(150, 6);
    expect(search.upperBound - search.best!.value).toBeLessThanOrEqual(1e-11 * search.best!.value);
    expect(search.nodes).toBeGreaterThan(1);
  });
});
