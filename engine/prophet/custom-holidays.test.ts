/**
 * The spec's own holidays and seasonality switches, through the provider the engine calls
 * (`nativeProphet` with the request `prophet-regressors.ts` builds from the spec).
 */
import { describe, expect, it } from "vitest";
import { isoFromDayNumber, requireDayNumber } from "../data/dates.ts";
import type { ProphetRequest } from "../model-input/model-settings.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { nativeProphet } from "./native-prophet.ts";
import { fitProphet } from "./prophet.ts";

// Three years of Monday weeks: trend, yearly season, and a product launch on Wednesday 2017-08-09 that
// adds 500 to its week (2017-08-07). No German public holiday falls in that week.
const first = requireDayNumber("2016-01-04", "ds");
const dates = Array.from({ length: 156 }, (_, i) => isoFromDayNumber(first + 7 * i));
const launchWeek = dates.indexOf("2017-08-07");
const y = Float64Array.from(dates, (ds, i) => {
  const day = requireDayNumber(ds, "ds");
  return 5000 + 10 * i + 600 * Math.sin((2 * Math.PI * day) / 365.25) + (i === launchWeek ? 500 : 0);
});
const launch = { ds: "2017-08-09", holiday: "product launch" };

function holidayComponent(request: Partial<ProphetRequest>): Float64Array {
  const result = nativeProphet({
    dates,
    y,
    interval: "week",
    components: ["trend", "season", "holiday"],
    country: "DE",
    factors: [],
    ...request,
  });
  return result.components.holiday!;
}

describe("custom holidays (dt_holidays) in the holiday component", () => {
  it("a crafted event shows up on its week, in addition to the country's holidays", () => {
    expect(launchWeek).toBeGreaterThan(0);
    const holiday = holidayComponent({ holidays: [launch] });
    expect(holiday[launchWeek]).toBeGreaterThan(400);
    expect(holiday[launchWeek]).toBeLessThan(510);
    // The country calendar is still there: Christmas weeks carry a (small) effect of their own.
    expect(holiday.some((v, i) => i !== launchWeek && v !== 0)).toBe(true);
  });

  it("removing the event removes it from the component", () => {
    const without = holidayComponent({});
    expect(without[launchWeek]).toBe(0);
  });

  it("alone (country_holidays false) the component is the event and nothing else", () => {
    const alone = holidayComponent({ holidays: [launch], countryHolidays: false });
    expect(alone[launchWeek]).toBeGreaterThan(400);
    alone.forEach((v, i) => {
      if (i !== launchWeek) expect(v).toBe(0);
    });
  });

  it("keeps only the run country's rows", () => {
    const elsewhere = holidayComponent({ holidays: [{ ...launch, country: "FR" }] });
    expect(elsewhere[launchWeek]).toBe(0);
  });
});

describe("seasonality switches (Robyn's yearly.seasonality / weekly.seasonality)", () => {
  const options = { dates, y, interval: "week" as const };

  it("yearly off removes the yearly terms from the fit; on fits them without asking for season", () => {
    const off = fitProphet({ ...options, components: ["trend"], seasonality: { yearly: false } });
    expect(off.design.columns.some((c) => c.name.startsWith("yearly_"))).toBe(false);
    expect(off.components.season).toBeUndefined();
    const on = fitProphet({ ...options, components: ["trend"], seasonality: { yearly: true } });
    expect(on.design.columns.filter((c) => c.name.startsWith("yearly_")).length).toBe(20);
    // The fitted yearly curve is the data's: its amplitude is near 600.
    expect(Math.max(...on.components.season!)).toBeGreaterThan(500);
    // Without the yearly terms the fit cannot follow the season: its residuals are far larger.
    const residualSquares = (fit: typeof on) => y.reduce((sum, v, i) => sum + (v - fit.fitted[i]!) ** 2, 0);
    expect(residualSquares(on) * 10).toBeLessThan(residualSquares(off));
  });

  it("a switch that contradicts prophet_vars is refused with the field named", () => {
    expectInvalidInput(
      () => fitProphet({ ...options, components: ["trend", "season"], seasonality: { yearly: false } }),
      "prophet_seasonality.yearly",
    );
    const months = Array.from({ length: 36 }, (_, i) => isoFromDayNumber(Date.UTC(2016, i, 1) / 86_400_000));
    expectInvalidInput(
      () =>
        fitProphet({
          dates: months,
          y: new Float64Array(36).map((_, i) => 100 + i),
          interval: "month",
          components: ["trend"],
          seasonality: { weekly: true },
        }),
      "prophet_seasonality.weekly",
    );
  });
});
