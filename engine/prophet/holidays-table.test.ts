import { describe, expect, it } from "vitest";
import { mmmErrorOf } from "../../tests/support/expect-mmm-error.ts";
import { holidaysFromTable } from "./holidays-table.ts";

describe("holidaysFromTable", () => {
  const table = {
    columns: ["ds", "holiday", "country", "year"],
    data: {
      ds: ["2016-01-01", "2016-01-01", "2016-12-25"],
      holiday: ["New Year's Day", "Jour de l'an", "Christmas Day"],
      country: ["DE", "FR", "DE"],
      year: [2016, 2016, 2016],
    },
  };

  it("keeps the run country's rows, as Robyn filters dt_holidays by prophet_country", () => {
    expect(holidaysFromTable(table, "de")).toEqual([
      { ds: "2016-01-01", holiday: "New Year's Day", country: "DE", year: 2016 },
      { ds: "2016-12-25", holiday: "Christmas Day", country: "DE", year: 2016 },
    ]);
  });

  it("names what is wrong with the table", () => {
    expect(mmmErrorOf(() => holidaysFromTable(table, "US")).message).toContain("no rows for country US");
    const noDs = { columns: ["holiday"], data: { holiday: ["x"] } };
    expect(mmmErrorOf(() => holidaysFromTable(noDs, "DE")).message).toContain('no "ds" column');
    const badDate = { columns: ["ds", "holiday"], data: { ds: ["01/01/2016"], holiday: ["x"] } };
    expect(mmmErrorOf(() => holidaysFromTable(badDate, "DE")).message).toContain("YYYY-MM-DD");
  });
});
