import { describe, expect, it } from "vitest";
import { allocateBudget, type AllocatorChannel, type AllocatorRequest } from "./allocate.ts";
import { marginalResponseAt } from "./response-curve.ts";

/** Three channels in "paid_media" order (not alphabetical), so index mix-ups between the orders show. */
const channels: readonly AllocatorChannel[] = Object.freeze([
  { name: "tv_S", coef: 500_000, alpha: 0.9, inflexion: 60_000, carryover: 15_000, initialSpend: 16_000 },
  { name: "facebook_S", coef: 250_000, alpha: 2.8, inflexion: 7_500, carryover: 300, initialSpend: 2_100 },
  { name: "ooh_S", coef: 260_000, alpha: 0.5, inflexion: 180_000, carryover: 12_000, initialSpend: 52_000 },
]);

function request(overrides: Partial<AllocatorRequest> = {}): AllocatorRequest {
  return {
    scenario: "max_response",
    depVarType: "revenue",
    channels: channels.map((c) => ({ ...c })),
    periods: 10,
    intervalType: "week",
    ...overrides,
  };
}

/** Bounds per channel by name, in the request's (paid_media) order. */
function ordered(bounds: Record<string, number>): number[] {
  return channels.map((c) => bounds[c.name]!);
}

describe("bindingBounds: which bounds hold the allocation back", () => {
  const low: Record<string, number> = { tv_S: 0.8, facebook_S: 0.9, ooh_S: 0.9 };
  const up: Record<string, number> = { tv_S: 1.1, facebook_S: 1.1, ooh_S: 1.1 };
  const result = allocateBudget(request({ low: ordered(low), up: ordered(up), multiplier: 2 }));
  const total = result.totals.optmResponseUnitTotal;

  it("lists exactly the bounds the optimised spends sit on, by channel name", () => {
    const onBounds = result.rows.flatMap((row) => {
      const at = (bound: number) => Math.abs(row.optmSpendUnit - bound) <= 1e-9 * bound;
      return at(row.constr_up_abs)
        ? [`${row.channels}:upper`]
        : at(row.constr_low_abs)
          ? [`${row.channels}:lower`]
          : [];
    });
    expect(onBounds.length).toBeGreaterThan(0);
    expect(result.bindingBounds.map((b) => `${b.channel}:${b.side}`).sort()).toEqual(onBounds.sort());
    for (const bound of result.bindingBounds) {
      const row = result.rows.find((r) => r.channels === bound.channel)!;
      const side = bound.side === "upper" ? "up" : "low";
      expect(bound.multiple).toBeCloseTo(row[`constr_${side}`], 12);
      expect(bound.spend).toBe(row[`constr_${side}_abs`]);
      expect(bound.relaxedSpend).toBe(row[`constr_${side}_unb_abs`]);
    }
  });

  it("reports for each bound the gain of re-solving with that bound alone widened", () => {
    for (const bound of result.bindingBounds) {
      const relaxedLow = { ...low };
      const relaxedUp = { ...up };
      (bound.side === "upper" ? relaxedUp : relaxedLow)[bound.channel] = bound.relaxedMultiple;
      const again = allocateBudget(
        request({ low: ordered(relaxedLow), up: ordered(relaxedUp), multiplier: 2 }),
      );
      const gain = again.totals.optmResponseUnitTotal - total;
      expect(bound.responseGainUnit).toBeCloseTo(gain, 6);
      expect(bound.binds).toBe(gain > 1e-9 * total);
    }
    expect(result.bindingBounds.some((b) => b.binds)).toBe(true);
  });

  it("gives the KKT price: a binding upper bound's curve is steeper than the free channels' common slope", () => {
    const price = result.bounded.multiplier;
    expect(Number.isFinite(price)).toBe(true);
    for (const bound of result.bindingBounds) {
      const curve = channels.find((c) => c.name === bound.channel)!;
      const slope = marginalResponseAt(curve, bound.spend);
      expect(bound.firstOrderGainPerUnit).toBeCloseTo(
        bound.side === "upper" ? slope - price : price - slope,
        12,
      );
      // At a maximum, moving a bound can only help: the first-order price is not negative.
      expect(bound.firstOrderGainPerUnit!).toBeGreaterThanOrEqual(-1e-9 * Math.abs(price));
    }
  });

  it("agrees with a small relaxation to first order", () => {
    const upper = result.bindingBounds.find((b) => b.side === "upper" && b.binds)!;
    const step = 1e-4; // as a multiple of the initial spend
    const nudged = { ...up, [upper.channel]: upper.multiple + step };
    const again = allocateBudget(request({ low: ordered(low), up: ordered(nudged), multiplier: 2 }));
    const initial = channels.find((c) => c.name === upper.channel)!.initialSpend;
    const perUnit = (again.totals.optmResponseUnitTotal - total) / (step * initial);
    // The curves bend, so the finite step differs from the slope at second order (step·initial = a few units).
    expect(Math.abs(perUnit / upper.firstOrderGainPerUnit! - 1)).toBeLessThan(1e-3);
  });

  it("lists nothing when no bound is reached, and skips bounds the multiplier cannot move", () => {
    // A lower bound of 0 is spend >= 0, not a choice: the widened run cannot move it either.
    expect(allocateBudget(request({ low: 0, up: 50 })).bindingBounds).toEqual([]);
    const pinned = allocateBudget(request({ low: 0.9, up: 1.1, multiplier: 1 }));
    expect(pinned.bindingBounds).toEqual([]);
  });

  it("reports target_efficiency bounds as response gained, without a price", () => {
    const target = allocateBudget(
      request({ scenario: "target_efficiency", low: 0.5, up: ordered(up), targetValue: 5 }),
    );
    const uppers = target.bindingBounds.filter((b) => b.side === "upper");
    expect(uppers.length).toBeGreaterThan(0);
    for (const bound of target.bindingBounds) {
      expect(bound.firstOrderGainPerUnit).toBeNull();
      expect(bound.responseGainUnit).toBeGreaterThanOrEqual(0);
    }
  });
});
