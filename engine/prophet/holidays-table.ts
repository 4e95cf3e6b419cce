/**
 * A holidays table given by the user (Robyn's `dt_holidays`: `ds, holiday, country, year`) in place of the
 * built-in calendars: the rows of the run's country feed the Prophet-style decomposition, exactly as Robyn
 * filters `dt_holidays` by `prophet_country`.
 */
import { invalidInput } from "../../common/errors.ts";
import type { Table } from "../../common/table.ts";
import type { ProphetProvider } from "../model-input/model-settings.ts";
import type { Holiday } from "./holidays.ts";
import { decomposeProphet } from "./prophet.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The table's rows for `country` (every row when the table has no `country` column). */
export function holidaysFromTable(table: Table, country: string): Holiday[] {
  for (const column of ["ds", "holiday"]) {
    if (!table.columns.includes(column))
      throw invalidInput(
        "holidays",
        `The holidays table has no "${column}" column: it needs ds (YYYY-MM-DD), holiday, and optionally country and year.`,
      );
  }
  const ds = table.data.ds!;
  const names = table.data.holiday!;
  const countries = table.data.country;
  const years = table.data.year;
  const holidays: Holiday[] = [];
  ds.forEach((cell, i) => {
    const rowCountry = countries?.[i];
    if (typeof rowCountry === "string" && rowCountry.toUpperCase() !== country.toUpperCase()) return;
    if (typeof cell !== "string" || !DATE.test(cell))
      throw invalidInput(
        "holidays",
        `Row ${i + 2} of the holidays table has ds "${String(cell)}": write dates as YYYY-MM-DD.`,
      );
    const year = years?.[i];
    holidays.push({
      ds: cell,
      holiday: String(names[i] ?? ""),
      country: country.toUpperCase(),
      ...(typeof year === "number" ? { year } : {}),
    });
  });
  if (holidays.length === 0)
    throw invalidInput("holidays", `The holidays table has no rows for country ${country}.`);
  return holidays;
}

/** The native decomposition with the given holidays instead of the country calendar. */
export function tableHolidaysProphet(holidays: readonly Holiday[]): ProphetProvider {
  return (request) => {
    const { factors, ...components } = decomposeProphet({
      dates: request.dates,
      y: request.y,
      interval: request.interval,
      components: request.components,
      factors: request.factors,
      holidays,
    });
    return { components, factors };
  };
}
