import { describe, expect, it } from "vitest";
import { createRng } from "../search/rng.ts";
import { isoFromDayNumber, requireDayNumber } from "../data/dates.ts";
import { countryHolidays } from "./holidays.ts";
import { decomposeProphet, fitProphet, type ProphetOptions } from "./prophet.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";

const series = (first: string, n: number, stepDays: number): string[] =>
  Array.from({ length: n }, (_, i) => isoFromDayNumber(requireDayNumber(first, "ds") + stepDays * i));

const monthStarts = (firstYear: number, n: number): string[] =>
  Array.from({ length: n }, (_, i) => isoFromDayNumber(Date.UTC(firstYear, i, 1) / 86_400_000));

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function expectInvalid(options: ProphetOptions, field: string, message: RegExp): void {
  expect(expectInvalidInput(() => decomposeProphet(options), field).message).toMatch(message);
}

describe("decomposeProphet", () => {
  // Four years of weekly data: trend with a kink, yearly seasonality, a Christmas-week effect, noise.
  const dates = series("2016-01-04", 208, 7);
  const rng = createRng(42);
  const truth = {
    trend: new Float64Array(208),
    season: new Float64Array(208),
    holiday: new Float64Array(208),
  };
  const christmasWeeks = new Set(["2016-12-19", "2017-12-25", "2018-12-24", "2019-12-23"]);
  const y = new Float64Array(208);
  dates.forEach((ds, i) => {
    const day = requireDayNumber(ds, "ds");
    truth.trend[i] = 10_000 + 20 * i - 35 * Math.max(i - 120, 0);
    truth.season[i] =
      800 * Math.sin((2 * Math.PI * day) / 365.25) + 300 * Math.cos((2 * Math.PI * 2 * day) / 365.25);
    truth.holiday[i] = christmasWeeks.has(ds) ? 1500 : 0;
    y[i] = truth.trend[i]! + truth.season[i]! + truth.holiday[i]! + 30 * rng.normal();
  });
  const holidays = ["2016-12-25", "2017-12-25", "2018-12-25", "2019-12-25"].map((ds) => ({
    ds,
    holiday: "Christmas Day",
  }));

  it("recovers a known trend, seasonality and holiday effect", () => {
    const out = decomposeProphet({
      dates,
      y,
      interval: "week",
      components: ["trend", "season", "holiday"],
      holidays,
    });
    const range = Math.max(...y) - Math.min(...y);
    // Noise sd is 30 (0.7% of the range); each component is recovered within about that.
    expect(maxAbsDiff(out.trend!, truth.trend) / range).toBeLessThan(0.01);
    expect(maxAbsDiff(out.season!, truth.season) / range).toBeLessThan(0.01);
    expect(maxAbsDiff(out.holiday!, truth.holiday) / range).toBeLessThan(0.01);
    expect(Object.keys(out).sort()).toEqual(["factors", "holiday", "season", "trend"]);
    expect(out.factors).toEqual({});
  });

  it("returns only the requested components, while always fitting the trend", () => {
    const out = decomposeProphet({ dates, y, interval: "week", components: ["season"] });
    expect(out.trend).toBeUndefined();
    expect(out.season).toBeInstanceOf(Float64Array);
    expect(out.holiday).toBeUndefined();
  });

  it("has components and factor effects that add up to the fitted values", () => {
    const values = dates.map((_, i) => (i % 40 === 5 ? "launch" : i % 29 === 3 ? "sale" : "none"));
    const fit = fitProphet({
      dates,
      y,
      interval: "week",
      components: ["trend", "season", "holiday"],
      holidays,
      factors: [{ name: "events", values }],
    });
    const sum = new Float64Array(208);
    for (const part of [...Object.values(fit.components), ...Object.values(fit.factorEffects)]) {
      part!.forEach((v, i) => (sum[i] += v));
    }
    expect(maxAbsDiff(sum, fit.fitted)).toBeLessThan(1e-9 * Math.max(...y));
    expect(fit.yScale).toBe(Math.max(...y));
  });

  it("turns each factor into a non-negative effect series whose minimum is exactly 0", () => {
    const events = dates.map((_, i) => (i === 30 ? "event1" : i === 150 ? "event2" : "na"));
    const promo = dates.map((_, i) => (i % 10 < 3 ? "on" : "off"));
    const lifted = Float64Array.from(y, (v, i) => v + (i === 30 ? 4000 : 0) - (i === 150 ? 2500 : 0));
    const out = decomposeProphet({
      dates,
      y: lifted,
      interval: "week",
      components: ["trend", "season"],
      factors: [
        { name: "events", values: events },
        { name: "promo", values: promo },
      ],
    });
    for (const name of ["events", "promo"]) {
      const effect = out.factors[name]!;
      expect(Math.min(...effect)).toBe(0);
      expect(effect.every((v) => v >= 0)).toBe(true);
    }
    // event2 lowers y: its row is the minimum (0), the "na" rows sit about 2500 above it.
    const events2 = out.factors.events!;
    expect(events2[150]).toBe(0);
    expect(events2[0]).toBeGreaterThan(2000);
    expect(events2[30]! - events2[0]!).toBeGreaterThan(3000);
  });

  it("gives a constant factor an all-zero effect", () => {
    const out = decomposeProphet({
      dates,
      y,
      interval: "week",
      components: ["trend"],
      factors: [{ name: "flat", values: dates.map(() => "none") }],
    });
    expect([...out.factors.flat!]).toEqual(new Array(208).fill(0));
  });

  it("works on daily data with weekday and monthly terms and real holidays", () => {
    const days = series("2017-01-01", 3 * 365, 1);
    const yDaily = Float64Array.from(days, (ds, i) => {
      const weekday = new Date(`${ds}T00:00:00Z`).getUTCDay();
      return (
        500 + 0.1 * i + (weekday === 0 || weekday === 6 ? 60 : 0) + 40 * Math.sin((2 * Math.PI * i) / 365.25)
      );
    });
    const out = decomposeProphet({
      dates: days,
      y: yDaily,
      interval: "day",
      components: ["trend", "season", "weekday", "monthly", "holiday"],
      holidays: countryHolidays("US", 2017, 2019),
    });
    for (const key of ["trend", "season", "weekday", "monthly", "holiday"] as const) {
      expect(out[key]).toHaveLength(days.length);
      expect(out[key]!.every(Number.isFinite)).toBe(true);
    }
    // The weekend bump lands in the weekday component: Saturday minus Wednesday ≈ 60.
    const saturday = days.findIndex((ds) => new Date(`${ds}T00:00:00Z`).getUTCDay() === 6);
    expect(out.weekday![saturday]! - out.weekday![saturday + 4]!).toBeCloseTo(60, -1);
  });

  it("works on monthly data dated on the first of each month", () => {
    const months = monthStarts(2015, 60);
    const yMonthly = Float64Array.from(months, (_, i) => 100 + i + 10 * Math.cos((2 * Math.PI * i) / 12));
    const out = decomposeProphet({
      dates: months,
      y: yMonthly,
      interval: "month",
      components: ["trend", "season", "holiday"],
      holidays: countryHolidays("DE", 2015, 2019),
    });
    expect(out.trend).toHaveLength(60);
    expect(out.season!.every(Number.isFinite)).toBe(true);
    // December holds Christmas in every year, so its months carry the same holiday label.
    const decembers = months
      .map((ds, i) => (ds.slice(5, 7) === "12" ? out.holiday![i]! : NaN))
      .filter(Number.isFinite);
    expect(new Set(decembers.map((v) => v.toFixed(6))).size).toBe(1);
  });

  it("handles the smallest inputs: 2 and 3 rows, and y ≡ 0", () => {
    const two = decomposeProphet({
      dates: ["2020-01-06", "2020-01-13"],
      y: new Float64Array([5, 7]),
      interval: "week",
      components: ["trend"],
    });
    expect(two.trend).toHaveLength(2);
    expect(two.trend!.every(Number.isFinite)).toBe(true);
    const three = decomposeProphet({
      dates: series("2020-01-06", 3, 7),
      y: new Float64Array([5, 7, 6]),
      interval: "week",
      components: ["trend", "season"],
    });
    expect(three.season!.every(Number.isFinite)).toBe(true);
    const zero = decomposeProphet({
      dates: series("2020-01-06", 10, 7),
      y: new Float64Array(10),
      interval: "week",
      components: ["trend"],
    });
    expect([...zero.trend!]).toEqual(new Array(10).fill(0));
  });

  describe("rejects bad input with a clear message", () => {
    const base: ProphetOptions = { dates, y, interval: "week", components: ["trend"] };
    it("fewer than 2 rows", () => {
      expectInvalid({ ...base, dates: ["2020-01-06"], y: new Float64Array([1]) }, "dates", /at least 2/);
    });
    it("dates out of order or repeated", () => {
      const swapped = [...dates];
      [swapped[10], swapped[11]] = [swapped[11]!, swapped[10]!];
      expectInvalid({ ...base, dates: swapped }, "dates", /strictly ascending: row 12 \(2016-03-14\)/);
      const repeated = [...dates];
      repeated[11] = repeated[10]!;
      expectInvalid({ ...base, dates: repeated }, "dates", /strictly ascending/);
    });
    it("malformed dates", () => {
      const bad = [...dates];
      bad[3] = "2016-02-30";
      expectInvalid({ ...base, dates: bad }, "dates", /2016-02-30.*not a date/);
    });
    it("y of the wrong length or not finite", () => {
      expectInvalid({ ...base, y: y.subarray(0, 100) }, "y", /100 values but there are 208 dates/);
      const withNaN = Float64Array.from(y);
      withNaN[7] = Number.NaN;
      expectInvalid({ ...base, y: withNaN }, "y", /not finite on 2016-02-22/);
    });
    it("unknown interval or component", () => {
      expectInvalid({ ...base, interval: "year" as never }, "interval", /day, week, month/);
      expectInvalid({ ...base, components: ["trend", "yearly" as never] }, "components", /`yearly`/);
    });
    it("monthly dates not on the 1st", () => {
      expectInvalid(
        { ...base, dates: series("2020-01-15", 12, 30), y: new Float64Array(12).fill(1), interval: "month" },
        "dates",
        /first day of each month/,
      );
    });
    it("holiday component without holidays", () => {
      expectInvalid({ ...base, components: ["holiday"] }, "holidays", /countryHolidays/);
    });
    it("factor given twice", () => {
      const values = dates.map(() => "a");
      expectInvalid(
        {
          ...base,
          factors: [
            { name: "events", values },
            { name: "events", values },
          ],
        },
        "factors.events",
        /given twice/,
      );
    });
    it("factor of the wrong length", () => {
      expectInvalid(
        { ...base, factors: [{ name: "events", values: ["a", "b"] }] },
        "factors.events",
        /2 values but there are 208 rows/,
      );
    });
  });
});
