/**
 * Finding the column that holds the country, in a query result or a table description.
 *
 * The product this one replaces filtered on the first of COUNTRY, COUNTRY_CODE, MARKET, COUNTRY_ISO,
 * LOCALE and, when none existed, silently trained on unfiltered data. Here a missing column is an error
 * (`data.country_column`) that lists the columns there are.
 */
import {
  COUNTRY_COLUMN_CANDIDATES,
  findCountryColumn,
  matchColumnName,
} from "../../engine/data/country-filter.ts";
import { listNames } from "../../engine/data/words.ts";
import { invalidInput } from "../../common/errors.ts";

// The candidates and the matching of names are the engine's, so that the warehouse filters on the column
// the engine's preparation would pick.
export { COUNTRY_COLUMN_CANDIDATES, findCountryColumn, matchColumnName };

/** The country asked for, trimmed; undefined when none is. An empty one is `invalid_input` on `country`. */
export function requestedCountry(country: string | undefined): string | undefined {
  const trimmed = country?.trim();
  if (trimmed === "") throw invalidInput("country", "The country is empty: give a country code such as DE.");
  return trimmed;
}

/**
 * The column to filter rows on for a country (see `resolveCountryColumn`), except for a query that filters
 * itself with the {country} placeholder and names no column: it is filtered again only on a candidate
 * column it happens to have (undefined when it has none).
 */
export function countryColumnToFilter(
  columns: readonly string[],
  named: string | undefined,
  filtersItself: boolean,
  source: string,
): string | undefined {
  if (filtersItself && named === undefined) return findCountryColumn(columns);
  return resolveCountryColumn(columns, named, source);
}

/**
 * The country column to filter on: `named` when given (it must exist), else a candidate. Throws
 * `invalid_input` with `context.field = "data.country_column"` naming the available columns otherwise.
 */
export function resolveCountryColumn(
  columns: readonly string[],
  named: string | undefined,
  source: string,
): string {
  if (named !== undefined) {
    const found = matchColumnName(columns, named.trim());
    if (found) return found;
    throw invalidInput(
      "data.country_column",
      `The country column "${named}" is not in ${source}. Its columns are: ${listColumns(columns)}. ` +
        `Set data.country_column to the column that holds the country code.`,
      { column: named, columns: [...columns] },
    );
  }
  const found = findCountryColumn(columns);
  if (found) return found;
  throw invalidInput(
    "data.country_column",
    `${capitalise(source)} has no country column (looked for ${COUNTRY_COLUMN_CANDIDATES.join(", ")}), ` +
      `so it cannot be filtered to one country. Its columns are: ${listColumns(columns)}. Set ` +
      `data.country_column to the column that holds the country, or load it without a country if it ` +
      `holds one country only.`,
    { columns: [...columns] },
  );
}

/** Column names for a message, cut after 40 so that a wide table does not flood Slack. */
export function listColumns(columns: readonly string[], max = 40): string {
  return listNames(columns, max);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
