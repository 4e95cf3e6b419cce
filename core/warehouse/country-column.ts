/**
 * Finding the column that holds the country, in a query result or a table description.
 *
 * The product this one replaces filtered on the first of COUNTRY, COUNTRY_CODE, MARKET, COUNTRY_ISO,
 * LOCALE and, when none existed, silently trained on unfiltered data. Here a missing column is an error
 * (`data.country_column`) that lists the columns there are.
 */
import { invalidInput } from "../errors.ts";

/** Column names taken as the country column when none is named, in order of preference. */
export const COUNTRY_COLUMN_CANDIDATES = [
  "COUNTRY",
  "COUNTRY_CODE",
  "MARKET",
  "COUNTRY_ISO",
  "LOCALE",
] as const;

/**
 * The exact spelling of `wanted` among `columns`: an exact match, else a case-insensitive one when only
 * one column matches that way. Undefined when there is no match.
 */
export function matchColumnName(columns: readonly string[], wanted: string): string | undefined {
  if (columns.includes(wanted)) return wanted;
  const lower = wanted.toLowerCase();
  const matches = columns.filter((c) => c.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}

/** The first candidate country column present in `columns` (case-insensitive), if any. */
export function findCountryColumn(columns: readonly string[]): string | undefined {
  for (const candidate of COUNTRY_COLUMN_CANDIDATES) {
    const found = matchColumnName(columns, candidate);
    if (found) return found;
  }
  return undefined;
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
  const shown = columns.slice(0, max).join(", ");
  return columns.length > max ? `${shown} and ${columns.length - max} more` : shown;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
