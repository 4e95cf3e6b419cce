import { describe, expect, it } from "vitest";
import { mmmErrorOf } from "../../tests/support/expect-mmm-error.ts";
import { looksLikeBatchSettings, parseBatchSettings } from "./batch-settings.ts";

const header =
  "market,country,table,market_column,dep_var,dep_var_type,paid_media_spends,iterations,ts_validation,tag";

describe("batch settings files", () => {
  it("reads one run per CSV row: lists, numbers, booleans, the source and the market column", () => {
    const rows = parseBatchSettings(
      "runs.csv",
      `${header}\nGeo0,US,SALES,geo,revenue,revenue,tv_S;search_S,500,yes,first\nDE,,SALES,,revenue,revenue,tv_S,,,\n`,
    );
    expect(rows).toEqual([
      {
        row: 1,
        tag: "first",
        spec: {
          market: "Geo0",
          country: "US",
          data: { table: "SALES", country_column: "geo" },
          dep_var: "revenue",
          dep_var_type: "revenue",
          paid_media_spends: ["tv_S", "search_S"],
          iterations: 500,
          ts_validation: true,
        },
      },
      {
        row: 2,
        spec: {
          market: "DE",
          data: { table: "SALES" },
          dep_var: "revenue",
          dep_var_type: "revenue",
          paid_media_spends: ["tv_S"],
        },
      },
    ]);
  });

  it("lays JSON runs over their defaults", () => {
    const rows = parseBatchSettings(
      "runs.json",
      JSON.stringify({
        defaults: { dep_var: "y", dep_var_type: "conversion", paid_media_spends: ["a"], country: "US" },
        runs: [
          { market: "Geo0", tag: "t" },
          { market: "Geo1", iterations: 10 },
        ],
      }),
    );
    expect(rows.map((r) => [r.row, r.spec.market, r.spec.country, r.tag])).toEqual([
      [1, "Geo0", "US", "t"],
      [2, "Geo1", "US", undefined],
    ]);
  });

  it("checks every row before any starts, naming each bad row and column", () => {
    const error = mmmErrorOf(() =>
      parseBatchSettings(
        "runs.csv",
        `${header}\nGeo0,US,SALES,,revenue,revenue,tv_S,500,,\nGeo1,USA,SALES,,revenue,income,tv_S,0,,\n`,
      ),
    );
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/row 2, column country: must be a two-letter country code/);
    expect(error.message).toMatch(/row 2, column dep_var_type: must be revenue or conversion/);
    expect(error.message).toMatch(/row 2, column iterations/);
    expect(error.message).not.toMatch(/row 1/);
    expect(mmmErrorOf(() => parseBatchSettings("runs.csv", `${header}\n`)).message).toMatch(/holds no runs/);
  });

  it("tells batch settings from data files", () => {
    expect(looksLikeBatchSettings("runs.csv", `${header}\n`)).toBe(true);
    expect(looksLikeBatchSettings("sales.csv", "DATE,country,revenue,tv_S\n2024-01-01,DE,1,2\n")).toBe(false);
    expect(looksLikeBatchSettings("runs.json", '{"runs":[]}')).toBe(true);
    expect(looksLikeBatchSettings("sales.xlsx", "")).toBe(false);
  });
});
