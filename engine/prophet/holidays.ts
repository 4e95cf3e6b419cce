/**
 * Country holidays for the Prophet-style decomposition, and Robyn's folding of daily holidays onto the
 * data's weeks or months (robyn-method.md §1.6, Robyn's `set_holidays`).
 *
 * Robyn ships Prophet's holiday tables (`dt_prophet_holidays`, made by the Python `holidays` package).
 * We take the dates from the `date-holidays` package instead, which works offline and covers ~200
 * countries. Only its holidays of type `public` are kept:
 * - For DE, `public` reproduces Robyn's table date for date in 2015–2019 (the names differ, e.g. "Boxing
 *   Day" for "Second Day of Christmas"; see holidays.test.ts). Adding `bank` would bring Christmas Eve
 *   and New Year's Eve, `observance` brings Advent Sundays, Mother's Day, Valentine's Day and similar
 *   days, none of which are in Prophet's table.
 * - Prophet's tables list statutory (public) holidays, observed/substitute days included; date-holidays
 *   marks those as `public` too (`substitute: true`). `optional` and `school` days (e.g. Carnival in BR,
 *   Good Friday in NL) are not statutory and are left out as well.
 * Holiday names only label model columns, so a different spelling of the same day changes nothing in
 * the fit; only which days are holidays, and how they share a week, matters.
 */
import Holidays from "date-holidays";
import { MmmError } from "../../common/errors.ts";
import { addDays, isoFromDayNumber, requireDayNumber } from "../data/dates.ts";
import type { HolidayRow } from "../model-input/model-settings.ts";

/** One holiday on one day, as in Robyn's `dt_holidays` (`ds, holiday, country, year`). */
export type Holiday = HolidayRow;

/** A holiday label on the data's grid (week or month start, or the day itself). */
export interface FoldedHoliday {
  ds: string;
  /** Names of the holidays falling in that period (and year), joined with ", ". */
  holiday: string;
  country?: string;
  year: number;
  /** How many daily holidays were joined (Robyn's `n`). */
  count: number;
}

export type HolidayInterval = "day" | "week" | "month";

const DAY_MS = 86_400_000;

let countryCodes: readonly string[] | undefined;

/** ISO 3166-1 alpha-2 codes of the countries whose holidays we know, sorted. */
export function supportedCountries(): readonly string[] {
  countryCodes ??= Object.keys(new Holidays().getCountries()).sort();
  return countryCodes;
}

/**
 * The public holidays of `country` (ISO alpha-2 code, any case) for the years `fromYear..toYear`,
 * one row per day, sorted by date. A holiday lasting several days gives one row per day.
 * For a data range, pass its first year and its last year + 1: folding moves holidays back to the
 * start of their week, so a New Year's Day can land in the last week of the data.
 */
export function countryHolidays(country: string, fromYear: number, toYear: number): Holiday[] {
  const code = country.trim().toUpperCase();
  if (!supportedCountries().includes(code)) {
    throw new MmmError(
      "invalid_input",
      `country \`${country}\` has no holiday calendar: use one of the supported ISO country codes ` +
        `(${supportedCountries().join(", ")})`,
      { context: { field: "country", value: country } },
    );
  }
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new MmmError(
      "invalid_input",
      `holiday years must be whole numbers with fromYear <= toYear (got ${fromYear}..${toYear})`,
      { context: { field: "years", fromYear, toYear } },
    );
  }
  const calendar = new Holidays(code, { languages: ["en"] });
  const rows: Holiday[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (const entry of calendar.getHolidays(year, "en")) {
      if (entry.type !== "public") continue;
      const first = entry.date.slice(0, 10);
      // `date` is the local calendar day; a holiday of n whole days spans n*24h (±1h across DST).
      const days = Math.max(1, Math.round((entry.end.getTime() - entry.start.getTime()) / DAY_MS));
      for (let d = 0; d < days; d++) {
        const ds = d === 0 ? first : addDays(first, d);
        rows.push({ ds, holiday: entry.name, country: code, year: Number(ds.slice(0, 4)) });
      }
    }
  }
  rows.sort((a, b) => (a.ds < b.ds ? -1 : a.ds > b.ds ? 1 : 0));
  return rows;
}

/**
 * Robyn's `set_holidays`: puts daily holidays on the data's grid.
 * - day: unchanged (one row per holiday and day).
 * - week: each date is floored to the start of its week, weeks starting on the weekday of `firstDate`
 *   (the first data date); rows are grouped by (ds, country, year) and the names joined with ", " in
 *   input order. Because `year` is part of the key, a week holding Dec 26 and Jan 1 gets two labels.
 *   (Robyn itself only accepts weeks starting on Monday or Sunday; any weekday works here.)
 * - month: floored to the first of the month, grouped the same way.
 * Output is sorted by (ds, country, year), as dplyr's grouped summary is.
 */
export function foldHolidays(
  holidays: readonly Holiday[],
  interval: HolidayInterval,
  firstDate: string,
): FoldedHoliday[] {
  const firstDay = requireDayNumber(firstDate, "firstDate");
  const floor = (day: number): number => {
    if (interval === "day") return day;
    if (interval === "week") return day - ((((day - firstDay) % 7) + 7) % 7);
    const iso = isoFromDayNumber(day);
    return requireDayNumber(`${iso.slice(0, 8)}01`, "ds");
  };
  const groups = new Map<string, FoldedHoliday>();
  for (const row of holidays) {
    const day = floor(requireDayNumber(row.ds, "holidays.ds"));
    const ds = isoFromDayNumber(day);
    const year = row.year ?? Number(row.ds.slice(0, 4));
    if (interval === "day") {
      groups.set(`${groups.size}`, { ds, holiday: row.holiday, country: row.country, year, count: 1 });
      continue;
    }
    const key = `${ds}\u0000${row.country ?? ""}\u0000${year}`;
    const found = groups.get(key);
    if (found) {
      found.holiday = `${found.holiday}, ${row.holiday}`;
      found.count += 1;
    } else {
      groups.set(key, { ds, holiday: row.holiday, country: row.country, year, count: 1 });
    }
  }
  const folded = [...groups.values()];
  if (interval === "day") return folded;
  return folded.sort(
    (a, b) => compareText(a.ds, b.ds) || compareText(a.country ?? "", b.country ?? "") || a.year - b.year,
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
