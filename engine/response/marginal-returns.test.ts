import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inflectionSpend, responseAt, type ResponseCurve } from "../allocator/response-curve.ts";
import { mmmErrorOf } from "../../tests/support/expect-mmm-error.ts";
import { marginalReturnAt, marginalReturns, paidChannelCurves, rankNextBudget } from "./marginal-returns.ts";

const curves = fc.record({
  coef: fc.double({ min: 1, max: 1e7, noNaN: true }),
  alpha: fc.double({ min: 0.5, max: 5, noNaN: true }),
  inflexion: fc.double({ min: 10, max: 1e6, noNaN: true }),
  carryover: fc.double({ min: 0, max: 1e5, noNaN: true }),
});

describe("marginal ROI on the response curve", () => {
  it("equals the central finite difference of R to 1e-6 relative", () => {
    fc.assert(
      fc.property(
        curves,
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (drawn, share, carryoverShare) => {
          // Spend and carryover around the inflexion, where the slope is not lost in the rounding of R itself.
          const curve = { ...drawn, carryover: carryoverShare * drawn.inflexion };
          const spend = share * curve.inflexion;
          // Central difference error is about h²·R‴/6: h at 1e-5 of the input keeps it near 1e-9 even at alpha = 5.
          const h = 1e-5 * (spend + curve.carryover);
          const difference = (responseAt(curve, spend + h) - responseAt(curve, spend - h)) / (2 * h);
          const { mroi } = marginalReturnAt(curve, spend);
          expect(Math.abs(mroi - difference)).toBeLessThanOrEqual(1e-6 * Math.abs(difference));
        },
      ),
    );
  });

  it("decreases with spend beyond the inflection point when alpha >= 1", () => {
    fc.assert(
      fc.property(
        curves.filter((c) => c.alpha >= 1),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        (curve, from, further) => {
          const start = Math.max(0, inflectionSpend(curve)) + from * curve.inflexion;
          const later = start + further * curve.inflexion;
          expect(marginalReturnAt(curve, later).mroi).toBeLessThanOrEqual(
            marginalReturnAt(curve, start).mroi,
          );
        },
      ),
    );
  });

  it("is never negative, nor is the response to one more unit or to 10 % more spend", () => {
    fc.assert(
      fc.property(curves, fc.double({ min: 0, max: 1e7, noNaN: true }), (curve, spend) => {
        const [row] = marginalReturns([{ channel: "tv_S", curve, spend }]);
        expect(row!.mroi).toBeGreaterThanOrEqual(0);
        expect(row!.marginal_response).toBeGreaterThanOrEqual(0);
        expect(row!.next_step_response).toBeGreaterThanOrEqual(0);
      }),
      {
        // Found by this property: an input near zero made (inflexion / z)^alpha overflow on squaring (NaN).
        examples: [
          [
            {
              coef: 339039.5577887146,
              alpha: 1.349632029354436,
              inflexion: 61.00648890955491,
              carryover: 8.73680945220229e-225,
            },
            4.1741653352684823e-225,
          ],
        ],
      },
    );
  });

  it("reports Robyn's R(x + 1) − R(x) and the 10 % step as differences of R", () => {
    const curve: ResponseCurve = { coef: 5000, alpha: 2, inflexion: 800, carryover: 120 };
    const [row] = marginalReturns([{ channel: "tv_S", curve, spend: 600 }]);
    expect(row).toEqual({
      channel: "tv_S",
      spend: 600,
      response: responseAt(curve, 600),
      mroi: row!.mroi,
      marginal_response: responseAt(curve, 601) - responseAt(curve, 600),
      next_step_spend: 60,
      next_step_response: responseAt(curve, 660) - responseAt(curve, 600),
      next_step_roi: (responseAt(curve, 660) - responseAt(curve, 600)) / 60,
    });
    // z = 720 < inflexion: r = (800/720)^2; R' = coef·alpha·r / (z (1 + r)^2).
    const r = (800 / 720) ** 2;
    expect(row!.mroi).toBeCloseTo((5000 * 2 * r) / (720 * (1 + r) ** 2), 12);
  });

  it("ranks channels by the response gained from 10 % more of their own spend", () => {
    const saturated: ResponseCurve = { coef: 1000, alpha: 1.5, inflexion: 100, carryover: 0 };
    const open: ResponseCurve = { coef: 1000, alpha: 1.5, inflexion: 10_000, carryover: 0 };
    const ranked = rankNextBudget(
      marginalReturns([
        { channel: "search_S", curve: saturated, spend: 5000 },
        { channel: "tv_S", curve: open, spend: 5000 },
        { channel: "print_S", curve: open, spend: 0 },
      ]),
    );
    expect(ranked.map((r) => r.channel)).toEqual(["tv_S", "search_S", "print_S"]);
    expect(ranked[2]!.next_step_response).toBe(0);
    expect(ranked[2]!.next_step_roi).toBeNaN();
  });
});

describe("paidChannelCurves", () => {
  const variables = [
    { rn: "(Intercept)", coef: 1200, mean_spend: Number.NaN, mean_carryover: Number.NaN },
    { rn: "tv_S", coef: 3.5, mean_spend: 900, mean_carryover: 210 },
    { rn: "newsletter", coef: 0.2, mean_spend: Number.NaN, mean_carryover: 40 },
  ];

  it("reads each paid channel's curve and mean spend from the model's rows by Robyn's names", () => {
    expect(paidChannelCurves(variables, { tv_S_alphas: 1.8, tv_S_inflexion: 1500, solID: "1_2_3" })).toEqual([
      { channel: "tv_S", curve: { coef: 3.5, alpha: 1.8, inflexion: 1500, carryover: 210 }, spend: 900 },
    ]);
  });

  it("names the missing field when a row lacks it", () => {
    const error = mmmErrorOf(() => paidChannelCurves(variables, { tv_S_alphas: 1.8 }));
    expect(error.message).toContain("tv_S_inflexion");
  });
});
