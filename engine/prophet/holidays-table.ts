/**
 * A holidays table given by the user (Robyn's `dt_holidays`: `ds, holiday, country, year`), and the
 * holidays a run's decomposition uses: the table's rows of the run's country (Robyn filters `dt_holidays`
 * by `prophet_country`), with or without the built-in public holidays of that country.
 */
import { invalidInput } from "../../common/errors.ts";
import type { Table } from "../../common/table.ts";
import type { HolidayRow } from "../model-input/model-settings.ts";
import { countryHolidays, type Holiday } from "./holidays.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every row of a holidays table (a CSV file in Robyn's `dt_holidays` shape), checked cell by cell. */
export function holidayRowsFromTable(table: Table): HolidayRow[] {
  for (const column of ["ds", "holiday"]) {
    if (!table.columns.includes(column))
      throw invalidInput(
        "holidays",
        `The holidays table has no "${column}" column: it needs ds (YYYY-MM-DD), holiday, and optionally country and year.`,
      );
  }
  const { ds, holiday: names, country: countries, year: years } = table.data;
  return ds!.map((cell, i) => {
    if (typeof cell !== "string" || !DATE.test(cell))
      throw invalidInput(
        "holidays",
        `Row ${i + 2} of the holidays table has ds "${String(cell)}": write dates as YYYY-MM-DD.`,
      );
    const name = names![i];
    if (name === null || name === undefined || String(name).trim() === "")
      throw invalidInput("holidays", `Row ${i + 2} of the holidays table has no holiday name.`);
    const country = countries?.[i];
    const year = years?.[i];
    return {
      ds: cell,
      holiday: String(name),
      ...(typeof country === "string" && country !== "" ? { country } : {}),
      ...(typeof year === "number" ? { year } : {}),
    };
  });
}

/** The rows for `country` (rows without a country belong to every run), labelled with its code. */
export function holidaysOfCountry(rows: readonly HolidayRow[], country: string): Holiday[] {
  const code = country.toUpperCase();
  return rows
    .filter((row) => row.country === undefined || row.country.toUpperCase() === code)
    .map((row) => ({ ...row, country: code }));
}

/**
 * The holidays of a run over the data's years: the user's rows of `country`, plus the built-in public
 * holidays unless `withCalendar` is false (Robyn's `dt_holidays` replaces its own table; here the user
 * chooses). The calendar runs one year past the data: folding can move a New Year's Day back into the
 * data's last week.
 */
export function runHolidays(options: {
  country: string;
  dates: readonly string[];
  rows: readonly HolidayRow[] | undefined;
  withCalendar: boolean;
}): Holiday[] {
  const { country, dates } = options;
  const own = holidaysOfCountry(options.rows ?? [], country);
  if (!options.withCalendar && own.length === 0)
    throw invalidInput(
      "dt_holidays",
      `The holiday component has no holidays: dt_holidays has no rows for country ${country} and country_holidays is false. Add rows for ${country} or set country_holidays to true.`,
    );
  if (!options.withCalendar) return own;
  const firstYear = Number(dates[0]!.slice(0, 4));
  const lastYear = Number(dates[dates.length - 1]!.slice(0, 4)) + 1;
  return [...countryHolidays(country, firstYear, lastYear), ...own];
}
