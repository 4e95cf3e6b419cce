/**
 * The errors every warehouse adapter raises, built here so that each says the same thing in the same
 * words whatever the warehouse (the contract suite checks some of these messages exactly).
 */
import { MmmError, invalidInput } from "../../common/errors.ts";
import { listColumns } from "./country-column.ts";
import { sourceField, sourceLabel, type TableOrSql } from "./port.ts";

/** `Table X was not found`, with the tables that do exist (or close ones), field `data.table`. */
export function unknownTable(table: string, available: readonly string[]): MmmError {
  const upper = table.toUpperCase();
  const lastPart = upper.split(".").at(-1) ?? upper;
  const similar = available.filter((name) => name.toUpperCase().includes(lastPart));
  const shown = similar.length > 0 ? similar : available;
  const hint =
    shown.length === 0
      ? "No tables are visible to this connection."
      : `${similar.length > 0 ? "Tables with a similar name" : "Tables you can use"}: ${listColumns(shown, 20)}.`;
  return invalidInput("data.table", `Table ${table} was not found. ${hint}`, { table });
}

/** Several tables match an unqualified or partly qualified name. */
export function ambiguousTable(table: string, matches: readonly string[]): MmmError {
  return invalidInput(
    "data.table",
    `Table name ${table} matches ${matches.length} tables (${matches.join(", ")}): write the full name.`,
    { table, matches: [...matches] },
  );
}

/** A column named in `QueryOptions.columns` that the source does not have. */
export function unknownColumns(
  missing: readonly string[],
  columns: readonly string[],
  source: string,
): MmmError {
  const plural = missing.length > 1;
  return invalidInput(
    "data.columns",
    `${plural ? "Columns" : "Column"} ${missing.join(", ")} ${plural ? "are" : "is"} not in ${source}. ` +
      `Its columns are: ${listColumns(columns)}.`,
    { missing: [...missing], columns: [...columns] },
  );
}

/**
 * The warehouse rejected the query or the table read. `reason` is the warehouse's message; only its
 * first lines are kept (DuckDB and Snowflake append the SQL text and a caret pointer after them).
 */
export function queryFailed(
  source: TableOrSql,
  warehouse: string,
  reason: string,
  cause?: unknown,
): MmmError {
  const plain = plainReason(reason);
  const what = "table" in source ? `Reading table ${sourceLabel(source)}` : "The SQL query in data.sql";
  const fix =
    "table" in source
      ? "Check the table and column names."
      : "Fix the query (try it in the warehouse first) and send it again.";
  return new MmmError("invalid_input", `${what} failed in ${warehouse}: ${plain} ${fix}`, {
    context: { field: sourceField(source), reason: plain },
    cause,
  });
}

/** The result passed `maxRows`. */
export function tooManyRows(source: TableOrSql, maxRows: number): MmmError {
  return invalidInput(
    sourceField(source),
    `${capitalise(sourceLabel(source))} returns more than ${formatCount(maxRows)} rows, the limit for one ` +
      `load. Filter it by country, aggregate it to weeks (one row per date and country), or shorten the ` +
      `date range.`,
    { limit: "rows", maxRows },
  );
}

/** The result passed `maxBytes`; `cause` is the warehouse's error when it found one cell too large. */
export function tooManyBytes(source: TableOrSql, maxBytes: number, cause?: unknown): MmmError {
  return new MmmError(
    "invalid_input",
    `${capitalise(sourceLabel(source))} returns more than ${formatBytes(maxBytes)}, the limit for one load. ` +
      `Select fewer columns (only date, goal, media and context columns), filter it by country, or ` +
      `aggregate it to weeks.`,
    { context: { field: sourceField(source), limit: "bytes", maxBytes }, cause },
  );
}

/**
 * The query ran past WAREHOUSE_QUERY_TIMEOUT_SECONDS and the warehouse stopped it. `source` is undefined
 * for catalog reads (the table list); `adminHint` says what an admin can change besides the timeout.
 */
export function queryTimedOut(
  source: TableOrSql | undefined,
  warehouse: string,
  timeoutSeconds: number,
  adminHint: string,
  context: Record<string, unknown> = {},
): MmmError {
  const what = source ? capitalise(sourceLabel(source)) : "Reading the table list";
  return invalidInput(
    source ? sourceField(source) : "data.table",
    `${what} ran longer than ${timeoutSeconds} s (WAREHOUSE_QUERY_TIMEOUT_SECONDS) and ${warehouse} ` +
      `stopped it. Filter it by country or date, or aggregate it to weeks; an admin can ${adminHint}` +
      `raise WAREHOUSE_QUERY_TIMEOUT_SECONDS.`,
    { ...context, timeoutSeconds },
  );
}

/**
 * A country filter matched no rows. The message (checked exactly by the contract suite):
 * `No rows for country "XX" in column COUNTRY of DEMO.MULTI_COUNTRY_WEEKLY. Countries in the data: DE, FR, GB, US.`
 */
export function noRowsForCountry(
  source: TableOrSql,
  country: string,
  countryColumn: string,
  existing: readonly string[],
): MmmError {
  const there =
    existing.length === 0
      ? "The column holds no country values."
      : `Countries in the data: ${existing.slice(0, 60).join(", ")}${existing.length > 60 ? ", …" : ""}.`;
  return invalidInput(
    "country",
    `No rows for country "${country}" in column ${countryColumn} of ${sourceLabel(source)}. ${there}`,
    { country, countryColumn, countries: [...existing] },
  );
}

/** A query that filters itself with `{country}` returned nothing (its countries cannot be listed). */
export function noRowsForCountryInQuery(country: string): MmmError {
  return invalidInput(
    "country",
    `No rows for country "${country}" from the SQL query (it filters with {country}).`,
    { country },
  );
}

/** The `{country}` placeholder is in the SQL but no country was given. */
export function countryPlaceholderWithoutCountry(): MmmError {
  return invalidInput(
    "data.sql",
    "data.sql uses the {country} placeholder but no country was chosen: choose a country, or remove the placeholder.",
  );
}

/** The countries of a query that filters itself with `{country}` cannot be listed. */
export function countriesOfPlaceholderQuery(): MmmError {
  return invalidInput(
    "data.sql",
    "The countries of a query that filters with {country} cannot be listed: remove the placeholder, or name the table instead.",
  );
}

/** A call after `close()`. */
export function warehouseClosed(kind: string): MmmError {
  return new MmmError("internal", `The ${kind} warehouse connection was closed; open a new one.`);
}

/** Keeps the warehouse's explanation and drops the echoed SQL and caret lines that follow it. */
export function plainReason(reason: string): string {
  const lines = reason
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const kept: string[] = [];
  for (const line of lines) {
    if (/^LINE \d+:/i.test(line) || /^\^/.test(line) || kept.length >= 3) break;
    kept.push(line);
  }
  // "Binder Error: …", "SQL compilation error: …": the category says nothing to a marketer.
  let text = kept
    .join(" ")
    .replace(/\s+/g, " ")
    .replace(/^[A-Za-z ]*error( \d+ \(\w+\))?:\s*/i, "")
    .trim();
  if (text.length > 400) text = `${text.slice(0, 399)}…`;
  if (text !== "" && !/[.!?…]$/.test(text)) text += ".";
  return text === "" ? "no reason was given." : text;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatCount(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
  if (bytes >= 1024) return `${formatCount(Math.round((bytes / 1024) * 10) / 10)} KB`;
  return `${formatCount(bytes)} bytes`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
