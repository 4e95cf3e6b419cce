import { describe, expect, it } from "vitest";
import { customParamsOf, seasonalityFromCustomParams } from "./prophet-custom-params.ts";

describe("Prophet's seasonality switches in Robyn's custom_params", () => {
  it("are written as robyn_inputs' yearly.seasonality / weekly.seasonality and read back", () => {
    const written = customParamsOf({ yearly: false, weekly: true });
    expect(written).toEqual({ "yearly.seasonality": [false], "weekly.seasonality": [true] });
    expect(seasonalityFromCustomParams(JSON.parse(JSON.stringify(written)))).toEqual({
      seasonality: { yearly: false, weekly: true },
      ignored: [],
    });
    expect(customParamsOf(undefined)).toEqual({});
    expect(seasonalityFromCustomParams({})).toEqual({ seasonality: undefined, ignored: [] });
  });

  it("name what is not honoured: other arguments, and a Fourier order instead of on/off", () => {
    expect(
      seasonalityFromCustomParams({
        "yearly.seasonality": [5],
        quiet: [true],
        "weekly.seasonality": [false],
      }),
    ).toEqual({
      seasonality: { weekly: false },
      ignored: ["yearly.seasonality", "quiet"],
    });
  });
});
