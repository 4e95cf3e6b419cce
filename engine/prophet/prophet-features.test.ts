import { describe, expect, it } from "vitest";
import { isoFromDayNumber, requireDayNumber } from "../data/dates.ts";
import { roundHalfEven } from "../stats/r-numbers.ts";
import { buildProphetDesign, changepointRows, factorDummies } from "./prophet-features.ts";

const weeks = (n: number, first = "2015-11-23"): string[] =>
  Array.from({ length: n }, (_, i) => isoFromDayNumber(requireDayNumber(first, "ds") + 7 * i));

describe("roundHalfEven", () => {
  it("rounds like R: halves to the even neighbour", () => {
    expect([0.5, 1.5, 2.5, -1.5, -2.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, -2, -2, 2, 3]);
  });
});

describe("changepointRows", () => {
  it("places Prophet's 25 changepoints in the first 80% of 208 weekly rows", () => {
    // R: round(seq(1, 166, length.out = 26))[-1], 1-based.
    const oneBased = [
      8, 14, 21, 27, 34, 41, 47, 54, 60, 67, 74, 80, 87, 93, 100, 107, 113, 120, 126, 133, 140, 146, 153, 159,
      166,
    ];
    expect(changepointRows(208)).toEqual(oneBased.map((i) => i - 1));
  });

  it("uses h − 1 changepoints when the first 80% holds fewer than 26 rows, none below 3 rows", () => {
    expect(changepointRows(20)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(changepointRows(3)).toEqual([1]);
    expect(changepointRows(2)).toEqual([]);
  });
});

describe("buildProphetDesign", () => {
  it("builds t in [0, 1], the hinge trend basis and the Fourier terms", () => {
    const dates = weeks(52);
    const design = buildProphetDesign({ dates, interval: "week", components: ["trend", "season"] });
    expect(design.t[0]).toBe(0);
    expect(design.t[51]).toBe(1);
    const names = design.columns.map((c) => c.name);
    expect(names.slice(0, 3)).toEqual(["k", "m", "delta_1"]);
    expect(names.filter((n) => n.startsWith("delta_"))).toHaveLength(25);
    expect(names.filter((n) => n.startsWith("yearly_"))).toHaveLength(20);
    const hinge = design.columns.find((c) => c.name === "delta_3")!;
    const s = design.changepoints[2]!;
    design.t.forEach((t, i) => expect(hinge.values[i]).toBeCloseTo(Math.max(t - s, 0), 15));
    expect(hinge.prior).toEqual({ kind: "laplace", scale: 0.05 });
    const sin2 = design.columns.find((c) => c.name === "yearly_sin_2")!;
    const day = requireDayNumber(dates[10]!, "ds");
    expect(sin2.values[10]).toBeCloseTo(Math.sin((2 * Math.PI * 2 * day) / 365.25), 14);
    expect(sin2.prior).toEqual({ kind: "normal", scale: 10 });
  });

  it("adds weekly (P = 7, order 3) and monthly (P = 30.5, order 5) terms on request", () => {
    const dates = Array.from({ length: 60 }, (_, i) =>
      isoFromDayNumber(requireDayNumber("2020-01-01", "ds") + i),
    );
    const design = buildProphetDesign({ dates, interval: "day", components: ["weekday", "monthly"] });
    const names = design.columns.map((c) => c.name);
    expect(names.filter((n) => n.startsWith("weekly_"))).toHaveLength(6);
    expect(names.filter((n) => n.startsWith("monthly_"))).toHaveLength(10);
    expect(names.some((n) => n.startsWith("yearly_"))).toBe(false);
  });

  it("keeps one dummy changepoint at t = 0 when there is no room for any", () => {
    const design = buildProphetDesign({ dates: weeks(2), interval: "week", components: ["trend"] });
    expect([...design.changepoints]).toEqual([0]);
  });

  it("makes one holiday column per folded name that meets a data row", () => {
    const design = buildProphetDesign({
      dates: weeks(60, "2016-11-28"),
      interval: "week",
      components: ["holiday"],
      holidays: [
        { ds: "2016-12-25", holiday: "Christmas Day" }, // Sunday → week of 12-19
        { ds: "2016-12-26", holiday: "Second Day" }, // Monday → week of 12-26
        { ds: "2017-12-25", holiday: "Christmas Day" }, // Monday, same week as the next
        { ds: "2017-12-26", holiday: "Second Day" },
        { ds: "2030-01-01", holiday: "Far Future" }, // no data row
      ],
    });
    const holidayColumns = design.columns.filter(
      (c) => c.owner.kind === "component" && c.owner.name === "holiday",
    );
    expect(holidayColumns.map((c) => c.name)).toEqual([
      "Christmas Day",
      "Second Day",
      "Christmas Day, Second Day",
    ]);
    expect(holidayColumns.map((c) => c.values.reduce((a, b) => a + b, 0))).toEqual([1, 1, 1]);
  });
});

describe("factorDummies (Robyn's lares::ohse)", () => {
  it("drops the last sorted level for three or more levels", () => {
    const columns = factorDummies("events", ["na", "event2", "na", "event1"]);
    expect(columns.map((c) => c.name)).toEqual(["events_event1", "events_event2"]);
    expect([...columns[0]!.values]).toEqual([0, 0, 0, 1]);
    expect([...columns[1]!.values]).toEqual([0, 1, 0, 0]);
    expect(columns[0]!.prior).toEqual({ kind: "normal", scale: 10 });
    expect(columns[0]!.owner).toEqual({ kind: "factor", name: "events", level: "event1" });
  });

  it("keeps the second sorted level of a two-level factor", () => {
    const columns = factorDummies("promo", ["on", "off", "on"]);
    expect(columns.map((c) => c.name)).toEqual(["promo_on"]);
    expect([...columns[0]!.values]).toEqual([1, 0, 1]);
  });

  it("gives nothing for a constant factor", () => {
    expect(factorDummies("x", ["a", "a"])).toEqual([]);
  });
});
