import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMmmError } from "../../common/errors.ts";
import { goldenPath } from "../../tests/golden/fixtures.ts";
import { isoFromDayNumber, requireDayNumber } from "../data/dates.ts";
import { countryHolidays, foldHolidays, supportedCountries, type Holiday } from "./holidays.ts";

/** Robyn's `dt_prophet_holidays` rows for DE (Prophet's table), from the golden fixtures. */
function robynHolidaysDE(): Holiday[] {
  const rows = parse(readFileSync(goldenPath("dt_prophet_holidays_DE.csv"), "utf8"), {
    columns: true,
  }) as { ds: string; holiday: string; country: string; year: string }[];
  return rows.map((r) => ({ ds: r.ds, holiday: r.holiday, country: r.country, year: Number(r.year) }));
}

describe("supportedCountries", () => {
  it("lists sorted ISO codes including the ones Robyn users ask for most", () => {
    const codes = supportedCountries();
    expect(codes.length).toBeGreaterThan(100);
    expect([...codes].sort()).toEqual(codes);
    for (const code of ["DE", "US", "GB", "FR", "BR", "IN", "JP", "AU"]) expect(codes).toContain(code);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{2}$/);
  });
});

describe("countryHolidays", () => {
  it("returns one row per public holiday and day, sorted, with country and year", () => {
    const rows = countryHolidays("DE", 2016, 2016);
    expect(rows.map((r) => r.ds)).toEqual([
      "2016-01-01",
      "2016-03-25",
      "2016-03-28",
      "2016-05-01",
      "2016-05-05",
      "2016-05-16",
      "2016-10-03",
      "2016-12-25",
      "2016-12-26",
    ]);
    expect(rows.every((r) => r.country === "DE" && r.year === 2016)).toBe(true);
  });

  it("accepts lower-case codes and spaces", () => {
    expect(countryHolidays(" de ", 2019, 2019)).toEqual(countryHolidays("DE", 2019, 2019));
  });

  it("gives real ISO dates inside the requested years", () => {
    for (const row of countryHolidays("US", 2014, 2026)) {
      expect(isoFromDayNumber(requireDayNumber(row.ds, "ds"))).toBe(row.ds);
      expect(row.year).toBeGreaterThanOrEqual(2014);
      expect(row.year).toBeLessThanOrEqual(2026);
    }
  });

  it("rejects an unknown country with invalid_input on `country`, listing the supported codes", () => {
    let caught: unknown;
    try {
      countryHolidays("XX", 2019, 2019);
    } catch (error) {
      caught = error;
    }
    expect(isMmmError(caught)).toBe(true);
    if (!isMmmError(caught)) return;
    expect(caught.code).toBe("invalid_input");
    expect(caught.context.field).toBe("country");
    expect(caught.message).toContain("`XX`");
    expect(caught.message).toContain("DE, DJ, DK");
    expect(caught.message).toContain("US");
  });

  it("rejects reversed or fractional years", () => {
    expect(() => countryHolidays("DE", 2020, 2019)).toThrow(/fromYear <= toYear/);
    expect(() => countryHolidays("DE", 2019.5, 2020)).toThrow(/whole numbers/);
  });

  it("differs from Robyn's (Prophet's) DE table for 2015–2019 only in three names", () => {
    const inYears = (r: Holiday): boolean => r.ds >= "2015-01-01" && r.ds <= "2019-12-31";
    const robyn = robynHolidaysDE().filter(inYears);
    const ours = countryHolidays("DE", 2015, 2019);
    const byDate = (rows: Holiday[]): Map<string, string[]> => {
      const map = new Map<string, string[]>();
      for (const r of rows) map.set(r.ds, [...(map.get(r.ds) ?? []), r.holiday]);
      return map;
    };
    const robynByDate = byDate(robyn);
    const oursByDate = byDate(ours);
    const onlyRobyn = [...robynByDate.keys()].filter((ds) => !oursByDate.has(ds));
    const onlyOurs = [...oursByDate.keys()].filter((ds) => !robynByDate.has(ds));
    const renamed: string[] = [];
    for (const [ds, names] of robynByDate) {
      const other = oursByDate.get(ds);
      if (other && other.join("|") !== names.join("|")) {
        renamed.push(`${ds}: "${names.join(", ")}" (Robyn) vs "${other.join(", ")}" (date-holidays)`);
      }
    }
    console.log(
      [
        `DE 2015–2019: Robyn ${robyn.length} holiday days, date-holidays ${ours.length}`,
        `dates only in Robyn's table: ${onlyRobyn.join(", ") || "none"}`,
        `dates only in date-holidays: ${onlyOurs.join(", ") || "none"}`,
        `same date, other name (${renamed.length}):`,
        ...renamed.map((line) => `  ${line}`),
      ].join("\n"),
    );
    expect(robyn.length).toBe(46);
    expect(ours.length).toBe(46);
    expect(onlyRobyn).toEqual([]);
    expect(onlyOurs).toEqual([]);
    const pairs = new Set(renamed.map((line) => line.slice(line.indexOf(":") + 2)));
    expect([...pairs].sort()).toEqual([
      '"German Unity Day" (Robyn) vs "National Holiday" (date-holidays)',
      '"Labor Day" (Robyn) vs "Labour Day" (date-holidays)',
      '"Second Day of Christmas" (Robyn) vs "Boxing Day" (date-holidays)',
    ]);
    expect(renamed).toHaveLength(15); // the three names, in each of the five years
  });
});

describe("foldHolidays", () => {
  const h = (ds: string, holiday: string, year?: number): Holiday => ({ ds, holiday, country: "DE", year });

  it("day: leaves the rows unchanged", () => {
    const rows = [h("2016-12-26", "B"), h("2016-12-25", "A")];
    expect(foldHolidays(rows, "day", "2016-01-01")).toEqual([
      { ds: "2016-12-26", holiday: "B", country: "DE", year: 2016, count: 1 },
      { ds: "2016-12-25", holiday: "A", country: "DE", year: 2016, count: 1 },
    ]);
  });

  it("week: floors to the first date's weekday, joins names per (week, year), splits across years", () => {
    // Monday weeks (2015-11-23 is a Monday). 2016-12-26 (Mon) and 2017-01-01 (Sun) share a week but
    // not a year; 2017-12-25 (Mon) and 2017-12-26 (Tue) share both.
    const rows = [
      h("2016-12-25", "Christmas Day"),
      h("2016-12-26", "Second Day"),
      h("2017-01-01", "New Year"),
      h("2017-12-25", "Christmas Day"),
      h("2017-12-26", "Second Day"),
    ];
    expect(foldHolidays(rows, "week", "2015-11-23")).toEqual([
      { ds: "2016-12-19", holiday: "Christmas Day", country: "DE", year: 2016, count: 1 },
      { ds: "2016-12-26", holiday: "Second Day", country: "DE", year: 2016, count: 1 },
      { ds: "2016-12-26", holiday: "New Year", country: "DE", year: 2017, count: 1 },
      { ds: "2017-12-25", holiday: "Christmas Day, Second Day", country: "DE", year: 2017, count: 2 },
    ]);
    // Sunday weeks: 2016-12-25 is a Sunday, so Christmas and the Second Day share the week.
    expect(foldHolidays(rows.slice(0, 2), "week", "2015-11-22")).toEqual([
      { ds: "2016-12-25", holiday: "Christmas Day, Second Day", country: "DE", year: 2016, count: 2 },
    ]);
  });

  it("month: floors to the first of the month", () => {
    const rows = [h("2017-10-03", "Unity"), h("2017-10-31", "Reformation"), h("2017-12-26", "Second Day")];
    expect(foldHolidays(rows, "month", "2017-01-01")).toEqual([
      { ds: "2017-10-01", holiday: "Unity, Reformation", country: "DE", year: 2017, count: 2 },
      { ds: "2017-12-01", holiday: "Second Day", country: "DE", year: 2017, count: 1 },
    ]);
  });

  it("takes the year from the date when the row has none", () => {
    expect(foldHolidays([{ ds: "2018-01-01", holiday: "NY" }], "week", "2015-11-23")).toEqual([
      { ds: "2018-01-01", holiday: "NY", country: undefined, year: 2018, count: 1 },
    ]);
  });

  it("week starts are never after the holiday, at most 6 days before, on the first date's weekday", () => {
    const day = fc.integer({
      min: requireDayNumber("1990-01-01", "ds"),
      max: requireDayNumber("2040-12-31", "ds"),
    });
    fc.assert(
      fc.property(day, day, (holidayDay, firstDay) => {
        const [folded] = foldHolidays(
          [{ ds: isoFromDayNumber(holidayDay), holiday: "x" }],
          "week",
          isoFromDayNumber(firstDay),
        );
        const start = requireDayNumber(folded!.ds, "ds");
        expect(holidayDay - start).toBeGreaterThanOrEqual(0);
        expect(holidayDay - start).toBeLessThanOrEqual(6);
        expect((((start - firstDay) % 7) + 7) % 7).toBe(0);
      }),
    );
  });

  it("rejects malformed dates naming the field", () => {
    expect(() => foldHolidays([h("2017-02-30", "x")], "week", "2017-01-02")).toThrow(/holidays\.ds/);
    expect(() => foldHolidays([], "week", "02/01/2017")).toThrow(/firstDate/);
  });
});
