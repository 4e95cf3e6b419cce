import { describe, expect, it } from "vitest";
import { mmmErrorOf } from "../../tests/support/expect-mmm-error.ts";
import { holidayRowsFromTable, holidaysOfCountry, runHolidays } from "./holidays-table.ts";

describe("holidays tables (Robyn's dt_holidays)", () => {
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
    expect(holidaysOfCountry(holidayRowsFromTable(table), "de")).toEqual([
      { ds: "2016-01-01", holiday: "New Year's Day", country: "DE", year: 2016 },
      { ds: "2016-12-25", holiday: "Christmas Day", country: "DE", year: 2016 },
    ]);
  });

  it("gives rows without a country to every run", () => {
    const events = { columns: ["ds", "holiday"], data: { ds: ["2017-08-09"], holiday: ["launch"] } };
    expect(holidaysOfCountry(holidayRowsFromTable(events), "US")).toEqual([
      { ds: "2017-08-09", holiday: "launch", country: "US" },
    ]);
  });

  it("names what is wrong with the table", () => {
    const noDs = { columns: ["holiday"], data: { holiday: ["x"] } };
    expect(mmmErrorOf(() => holidayRowsFromTable(noDs)).message).toContain('no "ds" column');
    const badDate = { columns: ["ds", "holiday"], data: { ds: ["01/01/2016"], holiday: ["x"] } };
    expect(mmmErrorOf(() => holidayRowsFromTable(badDate)).message).toContain("YYYY-MM-DD");
    const noName = { columns: ["ds", "holiday"], data: { ds: ["2016-01-01"], holiday: [null] } };
    expect(mmmErrorOf(() => holidayRowsFromTable(noName)).message).toContain("no holiday name");
  });

  it("adds the user's rows to the country calendar, or uses them alone", () => {
    const rows = [{ ds: "2017-08-09", holiday: "launch" }];
    const dates = ["2017-01-02", "2017-12-25"];
    const both = runHolidays({ country: "DE", dates, rows, withCalendar: true });
    expect(both.some((h) => h.holiday === "launch")).toBe(true);
    expect(both.filter((h) => h.ds.startsWith("2017-12-25")).length).toBe(1);
    expect(runHolidays({ country: "DE", dates, rows, withCalendar: false })).toEqual([
      { ds: "2017-08-09", holiday: "launch", country: "DE" },
    ]);
    const error = mmmErrorOf(() => runHolidays({ country: "DE", dates, rows: [], withCalendar: false }));
    expect(error.context?.field).toBe("dt_holidays");
  });
});
