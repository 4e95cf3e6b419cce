import { describe, expect, it } from "vitest";
import { allocateBudget, type AllocatorChannel, type AllocatorRequest } from "./allocate.ts";
import { responseAt } from "./response-curve.ts";
import { mmmErrorOf } from "../../tests/support/expect-mmm-error.ts";

/** Three channels in "paid_media" order (not alphabetical): an S-curve, a concave curve and a near-linear one. */
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

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

describe("allocateBudget: max_response", () => {
  it("sorts channels alphabetically and applies per-channel bounds given in the request's order", () => {
    const result = allocateBudget(request({ low: 0.7, up: [1.2, 1.5, 1.5] }));
    expect(result.rows.map((r) => r.channels)).toEqual(["facebook_S", "ooh_S", "tv_S"]);
    const tv = result.rows.find((r) => r.channels === "tv_S")!;
    expect(tv.constr_up).toBe(1.2);
    expect(tv.constr_up_abs).toBe(16_000 * 1.2);
    expect(tv.constr_up_unb).toBe(1 + (1.2 - 1) * 3);
    expect(tv.constr_low_unb).toBe(Math.max(0, 1 - (1 - 0.7) * 3));
  });

  it("uses Robyn's default bounds 0.5–2 and multiplier 3, and spends the historical budget", () => {
    const result = allocateBudget(request());
    for (const row of result.rows) {
      expect([row.constr_low, row.constr_up, row.unconstr_mult]).toEqual([0.5, 2, 3]);
      expect(row.constr_low_unb).toBe(0);
      expect(row.constr_up_unb).toBe(4);
      expect(row.optmSpendUnit).toBeGreaterThanOrEqual(row.constr_low_abs);
      expect(row.optmSpendUnit).toBeLessThanOrEqual(row.constr_up_abs);
    }
    const historical = sum(channels.map((c) => c.initialSpend));
    expect(result.totals.total_budget_unit).toBe(historical);
    expect(result.totals.optmSpendUnitTotal).toBeCloseTo(historical, 6);
    expect(result.totals.optmSpendUnitTotalUnbound).toBeCloseTo(historical, 6);
    expect(result.totals.optmResponseUnitTotal).toBeGreaterThanOrEqual(result.totals.initResponseUnitTotal);
    expect(result.totals.optmResponseUnitTotalUnbound).toBeGreaterThanOrEqual(
      result.totals.optmResponseUnitTotal,
    );
    expect(result.bounded.status).toBe("optimal");
  });

  it("fills Robyn's per-channel and total columns consistently", () => {
    const result = allocateBudget(request({ totalBudget: 800_000 }));
    const { totals } = result;
    expect(totals.total_budget_unit).toBe(80_000);
    expect(totals.initSpendTotal).toBeCloseTo(totals.initSpendUnitTotal * 10, 6);
    expect(totals.optmResponseTotal).toBeCloseTo(totals.optmResponseUnitTotal * 10, 6);
    expect(totals.optmResponseUnitTotalLift).toBeCloseTo(
      totals.optmResponseUnitTotal / totals.initResponseUnitTotal - 1,
      12,
    );
    expect(sum(result.rows.map((r) => r.optmSpendShareUnit))).toBeCloseTo(1, 12);
    expect(sum(result.rows.map((r) => r.initSpendShare))).toBeCloseTo(1, 12);
    for (const row of result.rows) {
      const channel = channels.find((c) => c.name === row.channels)!;
      expect(row.optmResponseUnit).toBe(responseAt(channel, row.optmSpendUnit));
      expect(row.optmResponseMargUnit).toBe(
        responseAt(channel, row.optmSpendUnit + 1) - row.optmResponseUnit,
      );
      expect(row.optmRoiUnit).toBe(row.optmResponseUnit / row.optmSpendUnit);
      expect(row.optmCpaUnit).toBe(row.optmSpendUnit / row.optmResponseUnit);
      expect(row.optmSpendUnitDelta).toBe(row.optmSpendUnit / row.initSpendUnit - 1);
      expect(row.optmResponseUnitLift).toBe(row.optmResponseUnit / row.initResponseUnit - 1);
      expect(row.initResponseUnit).toBe(responseAt(channel, channel.initialSpend));
    }
  });

  it("uses the model's mean response as the initial response when the caller gives it", () => {
    const withMean = channels.map((c) => ({ ...c, initialResponse: 1234 }));
    const result = allocateBudget(request({ channels: withMean }));
    expect(result.rows.every((r) => r.initResponseUnit === 1234)).toBe(true);
    expect(result.totals.initResponseUnitTotal).toBe(3 * 1234);
  });

  it("leaves out zero-coefficient and zero-spend channels but keeps their spend in the historical budget", () => {
    const withDead = [
      ...channels.map((c) => ({ ...c })),
      { name: "print_S", coef: 0, alpha: 0.5, inflexion: 20_000, carryover: 1_000, initialSpend: 3_800 },
      { name: "radio_S", coef: 90_000, alpha: 1.5, inflexion: 5_000, carryover: 0, initialSpend: 0 },
    ];
    const result = allocateBudget(request({ channels: withDead }));
    expect(result.excluded).toEqual([
      { channel: "print_S", reason: "zero_coef" },
      { channel: "radio_S", reason: "zero_bounds" },
    ]);
    const print = result.rows.find((r) => r.channels === "print_S")!;
    expect([print.optmSpendUnit, print.optmResponseUnit, print.initResponseUnit]).toEqual([0, 0, 0]);
    expect(Number.isNaN(print.optmRoiUnit)).toBe(true);
    expect(print.initCpaUnit).toBe(Infinity);
    const historical = sum(withDead.map((c) => c.initialSpend));
    expect(result.totals.optmSpendUnitTotal).toBeCloseTo(historical, 6); // print's 3,800 is re-allocated
  });

  it("says which bound to relax, and by how much, when the budget cannot be met", () => {
    const tooMuch = mmmErrorOf(() => allocateBudget(request({ totalBudget: 2_000_000, up: 1.5 })));
    expect(tooMuch.code).toBe("invalid_input");
    expect(tooMuch.field).toBe("channel_constr_up");
    expect(tooMuch.message).toBe(
      "The upper bounds allow at most 105,150 per week but the budget is 200,000: " +
        "raise channel_constr_up (for example to 2.9) or lower total_budget.",
    );
    const tooLittle = mmmErrorOf(() => allocateBudget(request({ totalBudget: 300_000, low: 0.7 })));
    expect(tooLittle.field).toBe("channel_constr_low");
    expect(tooLittle.message).toBe(
      "The lower bounds require at least 49,070 per week but the budget is 30,000: " +
        "lower channel_constr_low (for example to 0.42) or raise total_budget.",
    );
  });

  it("rejects malformed requests with the field to fix", () => {
    const cases: [Partial<AllocatorRequest>, string][] = [
      [{ scenario: "max_roi" as never }, "scenario"],
      [{ up: [1.5, 2] }, "channel_constr_up"],
      [{ low: 2, up: 1.5 }, "channel_constr_up"],
      [{ low: -0.1 }, "channel_constr_low"],
      [{ multiplier: 0.5 }, "channel_constr_multiplier"],
      [{ totalBudget: -5 }, "total_budget"],
      [{ periods: 0 }, "date_range"],
      [{ channels: [{ ...channels[0]!, coef: Number.NaN }] }, "channels.tv_S.coef"],
      [{ channels: [{ ...channels[0]! }, { ...channels[0]! }] }, "paid_media_spends"],
      [{ channels: [{ ...channels[0]!, coef: 0 }] }, "paid_media_spends"],
    ];
    for (const [overrides, field] of cases) {
      expect(mmmErrorOf(() => allocateBudget(request(overrides))).field).toBe(field);
    }
  });
});

describe("allocateBudget: target_efficiency", () => {
  it("defaults to 0.8 × the initial ROAS, bounds 0.1–10, and meets the target exactly", () => {
    const result = allocateBudget(request({ scenario: "target_efficiency" }));
    const initialRoas = result.totals.initResponseUnitTotal / result.totals.initSpendUnitTotal;
    expect(result.target).toEqual({
      metric: "roas",
      value: 0.8 * initialRoas,
      isDefault: true,
      unboundedValue: 1,
    });
    expect(result.rows.every((r) => r.constr_low === 0.1 && r.constr_up === 10)).toBe(true);
    const { optmResponseUnitTotal, optmSpendUnitTotal } = result.totals;
    expect(Math.abs(optmResponseUnitTotal - 0.8 * initialRoas * optmSpendUnitTotal)).toBeLessThan(
      1e-9 * optmResponseUnitTotal,
    );
    expect(result.bounded.targetValue).toBe(0.8 * initialRoas);
  });

  it("uses CPA for conversions: 1.2 × the initial CPA, Σ spend = CPA × Σ response, widened run at 1.5 × CPA", () => {
    const result = allocateBudget(request({ scenario: "target_efficiency", depVarType: "conversion" }));
    const initialCpa = result.totals.initSpendUnitTotal / result.totals.initResponseUnitTotal;
    expect(result.target!.metric).toBe("cpa");
    expect(result.target!.value).toBeCloseTo(1.2 * initialCpa, 14);
    expect(result.target!.unboundedValue).toBeCloseTo(1.8 * initialCpa, 14);
    const { optmResponseUnitTotal: r, optmSpendUnitTotal: x } = result.totals;
    expect(Math.abs(x - result.target!.value * r)).toBeLessThan(1e-9 * x);
    expect(result.totals.optmCpaUnitTotal).toBeCloseTo(result.target!.value, 9);
  });

  it("rejects a target no allocation reaches, and one every allocation beats at the upper bounds", () => {
    const unreachable = mmmErrorOf(() =>
      allocateBudget(request({ scenario: "target_efficiency", targetValue: 100 })),
    );
    expect(unreachable.field).toBe("target_value");
    expect(unreachable.message).toMatch(
      /^No allocation within the bounds reaches a ROAS of 100: the best reachable is [\d.]+\. Lower target_value to at most [\d.]+, or widen channel_constr_low \/ channel_constr_up\.$/,
    );
    const beaten = mmmErrorOf(() =>
      allocateBudget(request({ scenario: "target_efficiency", targetValue: 0.5, up: 1.1 })),
    );
    expect(beaten.field).toBe("channel_constr_up");
    expect(beaten.message).toMatch(
      /^Even with every channel at its upper bound \(77,110 per week\) the ROAS is [\d.]+, above the target 0\.5, so no allocation within the bounds lands on the target: raise channel_constr_up \(for example to [\d.]+\) or raise target_value to at least [\d.]+\.$/,
    );
  });

  it("reports, without failing, a widened run that cannot meet its target", () => {
    // Tiny spends on strong curves: the bounded run can hit ROAS 400, but even 28 × the initial spend returns more than 1.
    const cheap = channels.map((c) => ({ ...c, initialSpend: c.initialSpend / 1000 }));
    const result = allocateBudget(
      request({ scenario: "target_efficiency", channels: cheap, targetValue: 400 }),
    );
    expect(result.bounded.status).toBe("optimal");
    expect(result.unbounded.status).toBe("infeasible");
    expect(result.unbounded.message).toMatch(/^Widened run: Even with every channel at its upper bound/);
    expect(result.rows.every((r) => Number.isNaN(r.optmSpendUnitUnbound))).toBe(true);
  });
});
