/**
 * Keeping one country's rows. The product this one replaces filtered on the first country-like column and,
 * when there was none or the country was not in it, silently trained on every row. Here a named column that
 * does not exist and a country that is not in the column are errors; a table without any country column is
 * taken to be the country's own, and the report says so.
 */
import { invalidInput } from "../../common/errors.ts";
import type { Cell, Table } from "../../common/table.ts";
import type { CountryFilterReport } from "./preparation-report.ts";
import { listNames } from "./words.ts";

/**
 * Column names taken as the country column when none is named, in order of preference. The warehouse
 * adapters use this list too (`core/warehouse/country-column.ts`).
 */
export const COUNTRY_COLUMN_CANDIDATES = [
  "COUNTRY",
  "COUNTRY_CODE",
  "MARKET",
  "COUNTRY_ISO",
  "LOCALE",
  // Google Meridian's geo-level data names its market column `geo` (Geo0, Geo1, …).
  "GEO",
] as const;

/** `wanted` as spelled among `columns`: exact, else case-insensitive when only one column matches. */
export function matchColumnName(columns: readonly string[], wanted: string): string | undefined {
  if (columns.includes(wanted)) return wanted;
  const lower = wanted.toLowerCase();
  const matches = columns.filter((c) => c.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}

/** The column to filter on: `named` (which must exist), else the first candidate present, else undefined. */
export function findCountryColumn(columns: readonly string[], named?: string): string | undefined {
  if (named !== undefined) {
    const found = matchColumnName(columns, named.trim());
    if (found) return found;
    throw invalidInput(
      "data.country_column",
      `The country column "${named}" is not in the data. Its columns are: ${listNames(columns, 40)}. Set ` +
        `data.country_column to the column that holds the country code.`,
      { column: named, columns: [...columns] },
    );
  }
  for (const candidate of COUNTRY_COLUMN_CANDIDATES) {
    const found = matchColumnName(columns, candidate);
    if (found) return found;
  }
  return undefined;
}

/** The country as the filter compares it: trimmed, upper case (as the warehouse adapters do). */
function countryKey(cell: Cell): string | undefined {
  if (cell === null || (typeof cell === "number" && Number.isNaN(cell))) return undefined;
  const key = String(cell).trim().toUpperCase();
  return key === "" ? undefined : key;
}

/** The rows to keep (indices, in table order) and what the filter did. */
export function filterCountry(
  table: Table,
  rowCount: number,
  country: string | undefined,
  countryColumn: string | undefined,
): { rows: number[]; report: CountryFilterReport } {
  const all = Array.from({ length: rowCount }, (_, i) => i);
  const wanted = country?.trim();
  if (wanted === undefined) {
    if (countryColumn !== undefined) {
      throw invalidInput(
        "country",
        `data.country_column is "${countryColumn}" but no country is given: choose the country to train.`,
      );
    }
    return { rows: all, report: notFiltered("not_requested", null, rowCount) };
  }
  if (wanted === "") throw invalidInput("country", "The country is empty: give a country code such as DE.");
  const column = findCountryColumn(table.columns, countryColumn);
  if (column === undefined) {
    return { rows: all, report: notFiltered("no_country_column", wanted, rowCount) };
  }

  const key = wanted.toUpperCase();
  const cells = table.data[column]!;
  const rows: number[] = [];
  const others = new Set<string>();
  for (let row = 0; row < rowCount; row++) {
    const value = countryKey(cells[row] ?? null);
    if (value === key) rows.push(row);
    else if (value !== undefined) others.add(value);
  }
  const otherCountries = [...others].sort();
  if (rows.length === 0) {
    const there =
      otherCountries.length === 0
        ? "The column holds no country values."
        : `Countries in the data: ${listNames(otherCountries, 60)}.`;
    throw invalidInput("country", `No rows for country "${wanted}" in column ${column}. ${there}`, {
      country: wanted,
      countryColumn: column,
      countries: otherCountries,
    });
  }
  return {
    rows,
    report: {
      status: "filtered",
      column,
      country: key,
      rowsKept: rows.length,
      rowsDropped: rowCount - rows.length,
      otherCountries: otherCountries.slice(0, 60),
      lookedFor: countryColumn === undefined ? [...COUNTRY_COLUMN_CANDIDATES] : [countryColumn],
    },
  };
}

/** The report when no rows are dropped: no country asked for, or no country column to filter on. */
function notFiltered(
  status: "not_requested" | "no_country_column",
  country: string | null,
  rowCount: number,
): CountryFilterReport {
  return {
    status,
    column: null,
    country: country === null ? null : country.toUpperCase(),
    rowsKept: rowCount,
    rowsDropped: 0,
    otherCountries: [],
    lookedFor: status === "no_country_column" ? [...COUNTRY_COLUMN_CANDIDATES] : [],
  };
}
