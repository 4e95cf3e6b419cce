import { describe, expect, it } from "vitest";
import { amount, checkBudgetFeasible, expandBounds } from "./allocation-checks.ts";
import { mmmErrorOf } from "../../tests/support/expect-mmm-error.ts";

describe("expandBounds", () => {
  it("repeats a single value and keeps per-channel values in order", () => {
    expect(expandBounds(0.7, [1.2, 1.5], ["tv_S", "ooh_S"])).toEqual({ low: [0.7, 0.7], up: [1.2, 1.5] });
  });

  it("names the channel order when the lengths differ", () => {
    expect(mmmErrorOf(() => expandBounds([0.7, 0.8, 0.9], 2, ["tv_S", "ooh_S"])).message).toBe(
      "channel_constr_low has 3 values but there are 2 channels: give one value, or one per channel in the order tv_S, ooh_S.",
    );
  });
});

describe("checkBudgetFeasible", () => {
  const initial = Float64Array.of(100, 300);
  const multiples = { low: Float64Array.of(0.5, 0.5), up: Float64Array.of(1.5, 1.2) };
  const bounds = { lower: Float64Array.of(50, 150), upper: Float64Array.of(150, 360) };

  it("accepts a budget between the sums of the bounds", () => {
    expect(() => checkBudgetFeasible(400, bounds, initial, multiples, "per week")).not.toThrow();
  });

  it("suggests the smallest uniform upper multiple that reaches the budget, rounded up to 2 digits", () => {
    // Σ init·max(up_i, k) >= 600 needs k >= 1.5 (100·1.5 + 300·1.5 = 600).
    const error = mmmErrorOf(() => checkBudgetFeasible(600, bounds, initial, multiples, "per week"));
    expect(error.message).toBe(
      "The upper bounds allow at most 510 per week but the budget is 600: raise channel_constr_up (for example to 1.5) or lower total_budget.",
    );
    expect(error.context).toMatchObject({
      field: "channel_constr_up",
      suggestedUp: 1.5,
      alternativeField: "total_budget",
    });
  });

  it("suggests the largest uniform lower multiple that fits the budget, rounded down to 2 digits", () => {
    const error = mmmErrorOf(() => checkBudgetFeasible(150, bounds, initial, multiples, "per day"));
    expect(error.field).toBe("channel_constr_low");
    expect(error.message).toBe(
      "The lower bounds require at least 200 per day but the budget is 150: lower channel_constr_low (for example to 0.37) or raise total_budget.",
    );
  });
});

describe("amount", () => {
  it("groups thousands and keeps cents only for small amounts", () => {
    expect(amount(118_816.815)).toBe("118,817");
    expect(amount(12.345)).toBe("12.35");
  });
});
