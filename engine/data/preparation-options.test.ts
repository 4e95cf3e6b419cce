import { describe, expect, it } from "vitest";
import { parseRunSpec } from "../../core/run-spec.ts";
import { DEMO_SPEC } from "../../tests/fixtures/demo-spec.ts";
import { preparationOptionsFor } from "./preparation-options.ts";

describe("preparationOptionsFor", () => {
  it("reads a validated RunSpec: defaults, country, protected and media columns", () => {
    const options = preparationOptionsFor(parseRunSpec(DEMO_SPEC));
    expect(options).toEqual({
      dateVar: "DATE",
      resample: "none",
      weekStart: "monday",
      aggregations: {},
      country: "DE",
      countryColumn: undefined,
      protectedColumns: [
        "revenue",
        "tv_S",
        "ooh_S",
        "print_S",
        "facebook_S",
        "search_S",
        "facebook_I",
        "search_clicks_P",
        "newsletter",
        "competitor_sales_B",
        "events",
      ],
      mediaColumns: [
        "tv_S",
        "ooh_S",
        "print_S",
        "facebook_S",
        "search_S",
        "facebook_I",
        "search_clicks_P",
        "newsletter",
      ],
    });
  });

  it("passes the spec's resampling, week start, aggregations and country column", () => {
    const spec = parseRunSpec({
      ...DEMO_SPEC,
      resample: "month",
      week_start: "sunday",
      aggregations: { competitor_sales_B: "mean" },
      data: { table: "SALES", country_column: "MARKET" },
      prophet: "precomputed",
    });
    expect(preparationOptionsFor(spec)).toMatchObject({
      resample: "month",
      weekStart: "sunday",
      aggregations: { competitor_sales_B: "mean" },
      countryColumn: "MARKET",
    });
    expect(preparationOptionsFor(spec).protectedColumns).toEqual(
      expect.arrayContaining(["trend", "season", "holiday"]),
    );
  });
});
