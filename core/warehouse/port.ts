/**
 * Warehouse: where a run's input data comes from (Snowflake or BigQuery in production, embedded DuckDB by
 * default).
 *
 * Every adapter passes `tests/contract/warehouse.contract.ts`. The rules below are the contract; the
 * shared helpers beside this file (`table-name.ts`, `sql-guard.ts`, `country-column.ts`,
 * `requested-columns.ts`, `result-budget.ts`, `warehouse-errors.ts`, `cell-values.ts`) implement the parts
 * that do not depend on the warehouse, so that every adapter checks the same things and says them in the
 * same words.
 *
 * Rules every adapter must follow:
 * - **Values are never pasted into SQL.** The country is always a bound parameter. Table and column names
 *   cannot be bound, so they are validated (`parseTableName`), resolved against the warehouse's catalog,
 *   and written as quoted identifiers.
 * - **User SQL is one read-only statement** (`SELECT …` or `WITH …`), checked by `assertReadOnlySql`
 *   before it reaches the warehouse, and again by the warehouse's own parser where it offers one.
 *   The adapter connects with a role that can only read, as a last line of defence.
 * - **Results are bounded.** More than `maxRows` rows or `maxBytes` bytes (as counted by
 *   `cellBytes`) fails with an `invalid_input` error that gives the limit and what to do; the adapter
 *   stops reading as soon as a limit is passed.
 * - **Errors are `MmmError`s a marketer can act on.** An unknown table, an unknown column and SQL that
 *   fails are `invalid_input` with `context.field` = `data.table`, `data.sql` or `data.country_column`
 *   (`data.columns` for `QueryOptions.columns`), and the message carries the warehouse's own reason in
 *   plain words. A warehouse that cannot be reached is `unavailable` (retry = true).
 * - **A country with no rows is an error**, never an empty or unfiltered table: `noRowsForCountry` in
 *   `warehouse-errors.ts` gives the exact message, which names the country and the countries that exist
 *   (`noRowsForCountryInQuery` for a query that filters itself with `{country}`).
 * - **Values are converted to `Table` cells** (`common/table.ts`): DATE and TIMESTAMP values become ISO
 *   date strings `YYYY-MM-DD` (a timestamp keeps its UTC calendar day, the time of day is dropped);
 *   DECIMAL, BIGINT and other integer types become numbers; booleans become 1 and 0; NaN and infinities
 *   become null; anything else (text, UUID, intervals, lists) becomes its text.
 */
import type { Table } from "../../common/table.ts";

/** A warehouse table or a SQL query over it: the `data` block of a RunSpec without its CSV `file` form. */
export type TableOrSql = { readonly table: string } | { readonly sql: string };

/** The four kinds of column the product distinguishes. */
export type ColumnType = "number" | "string" | "date" | "boolean";

export interface TableInfo {
  /**
   * The qualified name to pass back to `describe`, `preview` and `query`, e.g. `DEMO.SIMULATED_WEEKLY`
   * or `SHOP.SALES.WEEKLY` (`DB.SCHEMA.TABLE`; the adapter's default database may be left out). Parts
   * that are not plain identifiers are double-quoted.
   */
  readonly name: string;
  readonly kind: "table" | "view";
  /** Row count when the warehouse knows it without scanning (absent for views and when unknown). */
  readonly rows?: number;
  /** Number of columns, when known without a query. */
  readonly columns?: number;
}

export interface ColumnInfo {
  /** The column name exactly as the warehouse spells it. */
  readonly name: string;
  readonly type: ColumnType;
  /** Whether the column may hold missing values (query results say true unless the warehouse knows better). */
  readonly nullable: boolean;
  /** The warehouse's own type name, e.g. `DECIMAL(18,2)` or `TIMESTAMP_NTZ(9)`, for display. */
  readonly warehouseType: string;
}

export interface QueryOptions {
  /**
   * Keep only the rows of this country (compared case-insensitively with the country column's values).
   * When given, the result is filtered or the call fails: an adapter never returns unfiltered data for a
   * country. To load a table that holds one country only, leave `country` out.
   */
  readonly country?: string;
  /**
   * The column holding the country. Matched exactly, else case-insensitively when that is unambiguous.
   * When absent and `country` is given, the first of `COUNTRY_COLUMN_CANDIDATES` found in the source is
   * used; if none is found the call fails with `context.field = "data.country_column"`.
   */
  readonly countryColumn?: string;
  /** Only these columns, in this order (matched like `countryColumn`). Default: all columns. */
  readonly columns?: readonly string[];
  /** Fail when the result would have more rows than this. Default `DEFAULT_MAX_ROWS`. */
  readonly maxRows?: number;
  /** Fail when the result would be larger than this many bytes (see `cellBytes`). Default `DEFAULT_MAX_BYTES`. */
  readonly maxBytes?: number;
  /** Ignore any cached copy and read the warehouse again (only meaningful for a caching wrapper). */
  readonly refresh?: boolean;
}

export interface QueryResult {
  readonly table: Table;
  /** One entry per column of `table`, in the same order. */
  readonly columns: readonly ColumnInfo[];
  readonly rowCount: number;
  /** Size of `table` as counted by `cellBytes`. */
  readonly bytes: number;
  /** The country column actually used for the filter (its exact spelling), when a country was given. */
  readonly countryColumn?: string;
  /** When the warehouse was read, ISO 8601 (for a cached result: when the cached copy was read). */
  readonly fetchedAt: string;
  /** True when the result came from a cache (or joined an identical call already in flight). */
  readonly cached: boolean;
}

/** 100,000 rows: five years of daily data for 50 countries; enough for any MMM input, small for memory. */
export const DEFAULT_MAX_ROWS = 100_000;
/** 64 MB: far above what 100,000 rows of numbers take, far below what a Slack-app process can hold. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Rows `preview` returns when no limit is given, and the most it returns. */
export const DEFAULT_PREVIEW_ROWS = 20;
export const MAX_PREVIEW_ROWS = 1000;

export interface Warehouse {
  /** Which adapter this is, for logs and messages: `duckdb`, `snowflake`, `bigquery`. */
  readonly kind: string;

  /**
   * The tables and views a user may load, sorted by name. `search` keeps only names containing it
   * (case-insensitive). System and internal schemas are left out.
   */
  listTables(search?: string): Promise<TableInfo[]>;

  /**
   * The columns of one table or view, in table order. `table` is `TABLE`, `SCHEMA.TABLE` or
   * `DB.SCHEMA.TABLE`. Fails with `invalid_input` (`data.table`) when the name is malformed or the table
   * does not exist.
   */
  describe(table: string): Promise<ColumnInfo[]>;

  /**
   * The first `limit` rows of a table (default `DEFAULT_PREVIEW_ROWS`, at most `MAX_PREVIEW_ROWS`), in
   * the warehouse's order, unfiltered. Same errors as `describe`.
   */
  preview(table: string, limit?: number): Promise<Table>;

  /**
   * The distinct non-empty values of the country column, as text, sorted. `countryColumn` is resolved
   * as in `QueryOptions.countryColumn` (found automatically when absent).
   */
  countries(source: TableOrSql, countryColumn?: string): Promise<string[]>;

  /**
   * Reads a table, or runs a read-only SQL query, and returns it as a `Table` within the row and byte
   * limits, filtered to one country when `options.country` is given.
   *
   * In SQL, the placeholder `{country}` (or `'{country}'`) is replaced by the bound country parameter,
   * so a query can filter before it aggregates; the country column filter is applied on top when the
   * result has a country column or one is named.
   */
  query(source: TableOrSql, options?: QueryOptions): Promise<QueryResult>;

  /** Releases connections. Calls after `close` fail. Calling it twice is harmless. */
  close(): Promise<void>;
}

/** `data.table` or `data.sql`: the RunSpec field an error about this source is reported against. */
export function sourceField(source: TableOrSql): "data.table" | "data.sql" {
  return "table" in source ? "data.table" : "data.sql";
}

/** How a source is named in messages: the table name, or "the SQL query". */
export function sourceLabel(source: TableOrSql): string {
  return "table" in source ? source.table.trim() : "the SQL query";
}
