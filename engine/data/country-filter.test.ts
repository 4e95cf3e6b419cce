import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../common/table.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { COUNTRY_COLUMN_CANDIDATES, filterCountry, findCountryColumn } from "./country-filter.ts";

const table = Object.freeze(
  tableFromRows(
    ["DATE", "Country", "sales"],
    [
      ["2024-01-01", "DE", 1],
      ["2024-01-01", "fr ", 2],
      ["2024-01-08", " de", 3],
      ["2024-01-08", "FR", 4],
      ["2024-01-15", null, 5],
      ["2024-01-15", "GB", 6],
    ],
  ),
);

describe("filterCountry", () => {
  it("keeps the country's rows, comparing trimmed and case-insensitively, and names the others", () => {
    const { rows, report } = filterCountry(table, 6, "de", undefined);
    expect(rows).toEqual([0, 2]);
    expect(report).toEqual({
      status: "filtered",
      column: "Country",
      country: "DE",
      rowsKept: 2,
      rowsDropped: 4,
      otherCountries: ["FR", "GB"],
      lookedFor: [...COUNTRY_COLUMN_CANDIDATES],
    });
  });

  it("uses a named column", () => {
    const { rows, report } = filterCountry(table, 6, "GB", "country");
    expect(rows).toEqual([5]);
    expect(report.column).toBe("Country");
    expect(report.lookedFor).toEqual(["country"]);
  });

  it("fails naming the country and the countries present when the country is absent", () => {
    const error = expectInvalidInput(() => filterCountry(table, 6, "US", undefined), "country");
    expect(error.message).toBe(
      'No rows for country "US" in column Country. Countries in the data: DE, FR, GB.',
    );
    expect(error.context).toMatchObject({
      country: "US",
      countryColumn: "Country",
      countries: ["DE", "FR", "GB"],
    });
  });

  it("fails when the named column does not exist, listing the columns", () => {
    const error = expectInvalidInput(() => filterCountry(table, 6, "DE", "MARKET"), "data.country_column");
    expect(error.message).toMatch(
      /^The country column "MARKET" is not in the data\. Its columns are: DATE, Country, sales\./,
    );
  });

  it("takes a table without a country column as the country's own, and says so", () => {
    const single = tableFromRows(["DATE", "sales"], [["2024-01-01", 1]]);
    const { rows, report } = filterCountry(single, 1, "DE", undefined);
    expect(rows).toEqual([0]);
    expect(report).toMatchObject({
      status: "no_country_column",
      column: null,
      country: "DE",
      rowsDropped: 0,
    });
  });

  it("does nothing without a country, but refuses a country column without a country", () => {
    expect(filterCountry(table, 6, undefined, undefined).report.status).toBe("not_requested");
    expectInvalidInput(() => filterCountry(table, 6, undefined, "Country"), "country");
    expectInvalidInput(() => filterCountry(table, 6, " ", undefined), "country");
  });
});

describe("findCountryColumn", () => {
  it("looks for the old product's candidates, in its order of preference", () => {
    expect(COUNTRY_COLUMN_CANDIDATES).toEqual([
      "COUNTRY",
      "COUNTRY_CODE",
      "MARKET",
      "COUNTRY_ISO",
      "LOCALE",
      "GEO",
    ]);
    expect(findCountryColumn(["date", "locale", "market"])).toBe("market");
    expect(findCountryColumn(["date", "sales"])).toBeUndefined();
  });
});
