import { describe, expect, it } from "vitest";
import { expectInvalidInput } from "../tests/support/expect-mmm-error.ts";
import { parseRunSpec, type RunSpecInput } from "./run-spec.ts";

const base: RunSpecInput = {
  country: "de",
  dep_var: "revenue",
  dep_var_type: "revenue",
  paid_media_spends: ["tv_S"],
  prophet_vars: ["trend", "season", "holiday"],
};
const launch = { ds: "2017-08-09", holiday: "product launch" };

describe("the spec's holidays and seasonality settings", () => {
  it("takes Robyn's dt_holidays rows and the seasonality switches, with their defaults", () => {
    const spec = parseRunSpec({
      ...base,
      dt_holidays: [launch, { ds: "2017-12-24", holiday: "Heiligabend", country: "de", year: 2017 }],
      prophet_seasonality: { weekly: true, daily: false },
    });
    expect(spec.dt_holidays).toEqual([
      launch,
      { ds: "2017-12-24", holiday: "Heiligabend", country: "DE", year: 2017 },
    ]);
    expect(spec.country_holidays).toBe(true);
    expect(spec.prophet_seasonality).toEqual({ weekly: true, daily: false });
    expect(parseRunSpec(base).country_holidays).toBe(true);
  });

  it("refuses bad rows with the row and the column named", () => {
    const error = expectInvalidInput(
      () => parseRunSpec({ ...base, dt_holidays: [launch, { ds: "09/08/2017", holiday: "x" }] }),
      "dt_holidays[1].ds",
    );
    expect(error.message).toContain("YYYY-MM-DD");
    expectInvalidInput(
      () => parseRunSpec({ ...base, dt_holidays: [{ ds: "2017-08-09" }] }),
      "dt_holidays[0].holiday",
    );
    expect(
      expectInvalidInput(
        () => parseRunSpec({ ...base, dt_holidays: [{ ...launch, date: "x" }] }),
        "dt_holidays[0].date",
      ).message,
    ).toContain("not a spec field");
    expectInvalidInput(() => parseRunSpec({ ...base, dt_holidays: [] }), "dt_holidays");
  });

  it("refuses holidays that would be ignored or leave the holiday component empty", () => {
    const withoutHoliday = { ...base, prophet_vars: ["trend" as const] };
    expect(
      expectInvalidInput(() => parseRunSpec({ ...withoutHoliday, dt_holidays: [launch] }), "dt_holidays")
        .message,
    ).toContain("add holiday to prophet_vars");
    expectInvalidInput(
      () => parseRunSpec({ ...base, prophet: "precomputed", dt_holidays: [launch] }),
      "dt_holidays",
    );
    expect(
      expectInvalidInput(
        () => parseRunSpec({ ...base, dt_holidays: [{ ...launch, country: "FR" }], country_holidays: false }),
        "dt_holidays",
      ).message,
    ).toContain("no rows for country DE");
    expectInvalidInput(() => parseRunSpec({ ...base, country_holidays: false }), "country_holidays");
    expect(parseRunSpec({ ...base, dt_holidays: [launch], country_holidays: false }).country_holidays).toBe(
      false,
    );
  });

  it("refuses a seasonality switch that contradicts prophet_vars, and daily seasonality", () => {
    expect(
      expectInvalidInput(
        () => parseRunSpec({ ...base, prophet_seasonality: { yearly: false } }),
        "prophet_seasonality.yearly",
      ).message,
    ).toContain("remove season from prophet_vars");
    expectInvalidInput(
      () => parseRunSpec({ ...base, prophet_vars: ["weekday"], prophet_seasonality: { weekly: false } }),
      "prophet_seasonality.weekly",
    );
    expect(
      expectInvalidInput(
        () => parseRunSpec({ ...base, prophet_seasonality: { daily: true } as never }),
        "prophet_seasonality.daily",
      ).message,
    ).toContain("daily.seasonality = FALSE");
    expect(
      parseRunSpec({ ...base, prophet_vars: ["trend"], prophet_seasonality: { yearly: false } })
        .prophet_seasonality,
    ).toEqual({ yearly: false });
  });
});
