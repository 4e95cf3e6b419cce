import { describe, expect, it } from "vitest";
import { dates, model, tv } from "../../tests/support/scenario-model.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { forecastMedia } from "./media-forecast.ts";
import { nextDates, recentSpendPlan } from "./spend-plan.ts";

describe("recentSpendPlan", () => {
  const { input } = model("geometric");

  it("replays the last N periods' spend after the data, times the multiplier", () => {
    const plan = recentSpendPlan(input, { periods: 3, multiplier: 1.5 });
    expect(plan.dates).toEqual(["2020-03-16", "2020-03-23", "2020-03-30"]);
    expect(dates.at(-1)).toBe("2020-03-09");
    expect(plan.spend).toEqual({ tv_S: [80 * 1.5, 20 * 1.5, 50 * 1.5] });
    expect(Array.from(tv.subarray(-3))).toEqual([80, 20, 50]);
  });

  it("takes multipliers per channel and names an unknown one", () => {
    expect(recentSpendPlan(input, { periods: 2, multiplier: { tv_S: 0 } }).spend).toEqual({ tv_S: [0, 0] });
    expectInvalidInput(
      () => recentSpendPlan(input, { periods: 2, multiplier: { radio_S: 2 } }),
      "multiplier.radio_S",
    );
    expectInvalidInput(() => recentSpendPlan(input, { periods: 0 }), "periods");
    expectInvalidInput(() => recentSpendPlan(input, { periods: 11 }), "periods");
  });

  it("gives a plan the forecast takes: a bigger multiplier adds more", () => {
    const once = forecastMedia(model("geometric"), recentSpendPlan(input, { periods: 3 }));
    const twice = forecastMedia(model("geometric"), recentSpendPlan(input, { periods: 3, multiplier: 2 }));
    expect(twice.totalResponse).toBeGreaterThan(once.totalResponse);
    expect(twice.totalPaidSpend).toBe(2 * once.totalPaidSpend);
  });
});

describe("nextDates", () => {
  it("steps by the interval's days, or by calendar months", () => {
    expect(nextDates("2020-12-28", { type: "week", days: 7 }, 2)).toEqual(["2021-01-04", "2021-01-11"]);
    expect(nextDates("2020-11-01", { type: "month", days: 30 }, 3)).toEqual([
      "2020-12-01",
      "2021-01-01",
      "2021-02-01",
    ]);
    expect(nextDates("2020-02-28", { type: "day", days: 1 }, 2)).toEqual(["2020-02-29", "2020-03-01"]);
  });
});
