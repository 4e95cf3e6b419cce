/**
 * A production warehouse: Google BigQuery through `@google-cloud/bigquery`, as a service account (a key
 * file, or the application default credentials: workload identity on Cloud Run).
 *
 * Follows `port.ts` with the shared helpers, like the Snowflake adapter: table names are parsed
 * (`table-name.ts`) and resolved against the catalog API (`bigquery-catalog.ts`); user SQL passes
 * `assertReadOnlySql`, BigQuery's own reading of it (`bigquery-sql.ts`) and a dry run whose statement type
 * must be `SELECT` and whose schema gives its columns; the country is always the bound parameter
 * `@country`; every query is dry-run against the byte cap before it runs (`bigquery-jobs.ts`); and rows
 * are read page by page into a `ResultBudget` that stops at the row or byte limit. A table's preview
 * reads its rows with `tabledata.list`, which scans nothing and costs nothing (a view's runs a query).
 *
 * The service account should be able to read only what users may load: `roles/bigquery.dataViewer` on
 * those datasets and `roles/bigquery.jobUser` on the project (docs/deploy.md). It is the last line of
 * defence behind the SQL checks.
 */
import { BigQuery, type BigQueryOptions } from "@google-cloud/bigquery";
import { invalidInput } from "../../../common/errors.ts";
import type { Cell, Table } from "../../../common/table.ts";
import {
  DEFAULT_PREVIEW_ROWS,
  MAX_PREVIEW_ROWS,
  sourceLabel,
  type ColumnInfo,
  type QueryOptions,
  type QueryResult,
  type TableInfo,
  type TableOrSql,
  type Warehouse,
} from "../port.ts";
import { countryColumnToFilter, requestedCountry, resolveCountryColumn } from "../country-column.ts";
import { requestedColumns } from "../requested-columns.ts";
import { ResultBudget, cellBytes, resolveLimits } from "../result-budget.ts";
import { assertReadOnlySql } from "../sql-guard.ts";
import {
  countriesOfPlaceholderQuery,
  countryPlaceholderWithoutCountry,
  noRowsForCountry,
  noRowsForCountryInQuery,
} from "../warehouse-errors.ts";
import { BigQueryCatalog, columnsOf, type CatalogTable } from "./bigquery-catalog.ts";
import { bigQueryError, notAQuery, type BigQueryErrorContext } from "./bigquery-errors.ts";
import { BigQueryJobs } from "./bigquery-jobs.ts";
import {
  COUNTRY_PARAMETER,
  assertBigQueryReadOnly,
  bindCountryParameter,
  quoteBigQueryIdentifier,
} from "./bigquery-sql.ts";
import { toCell, type BigQueryField } from "./bigquery-values.ts";

/** 1 GiB: a weekly MMM table is a few MB; a query scanning more is almost always a mistake. */
export const DEFAULT_MAX_BYTES_BILLED = 1024 ** 3;

export interface BigQueryWarehouseOptions {
  /** The project queries run (and are billed) in, and the default project of table names. */
  readonly project: string;
  /** The dataset of unqualified table names, and the one listed (default: all of the project's). */
  readonly dataset?: string;
  /** Where jobs run, e.g. `EU` or `europe-west1` (default: BigQuery's choice from the datasets). */
  readonly location?: string;
  /** A service-account key file; absent: the application default credentials. */
  readonly keyFile?: string;
  /** Queries whose dry run estimates more bytes are refused (default `DEFAULT_MAX_BYTES_BILLED`). */
  readonly maxBytesBilled?: number;
  /** Overrides BigQuery's URL (tests point it at a loopback fake). */
  readonly apiEndpoint?: string;
  /** Credentials given as a client (tests: a fixed token for the fake). */
  readonly authClient?: BigQueryOptions["authClient"];
  /** Longest a query may run, in seconds (default 120). */
  readonly queryTimeoutSeconds?: number;
  /** How long past the timeout the client waits for BigQuery's own answer, in ms (default 15000). */
  readonly clientGraceMs?: number;
  /** Rows per page of results (default 10000). */
  readonly pageRows?: number;
  /** Retries of a request after a 5xx, 429 or network error, by the client (default 3). */
  readonly retries?: number;
}

/** Builds the client; nothing is sent until the first call, so an outage does not stop the app starting. */
export function openBigQueryWarehouse(options: BigQueryWarehouseOptions): BigQueryWarehouse {
  const project = options.project.trim();
  if (project === "") {
    throw invalidInput("BIGQUERY_PROJECT", "BIGQUERY_PROJECT is empty: set the project queries run in.");
  }
  const queryTimeoutSeconds = options.queryTimeoutSeconds ?? 120;
  const maxBytesBilled = options.maxBytesBilled ?? DEFAULT_MAX_BYTES_BILLED;
  const context: BigQueryErrorContext = {
    project,
    ...(options.location ? { location: options.location } : {}),
    credentials: options.keyFile
      ? `the service-account key in BIGQUERY_KEY_FILE`
      : "the application default credentials",
    ...(options.keyFile ? { keyFile: options.keyFile } : {}),
    timeoutSeconds: queryTimeoutSeconds,
    maxBytesBilled,
    url: options.apiEndpoint ?? "https://bigquery.googleapis.com",
  };
  const client = new BigQuery({
    projectId: project,
    ...(options.location ? { location: options.location } : {}),
    ...(options.keyFile ? { keyFilename: options.keyFile } : {}),
    ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
    ...(options.authClient ? { authClient: options.authClient } : {}),
    userAgent: "mmm-trainer",
    // Not `maxRetries`: the client reads 0 there as "use the default".
    retryOptions: { autoRetry: (options.retries ?? 3) > 0, maxRetries: options.retries ?? 3 },
  });
  const dataset = options.dataset?.trim() || undefined;
  const jobs = new BigQueryJobs(client, {
    ...(options.location ? { location: options.location } : {}),
    ...(dataset ? { defaultDataset: { projectId: project, datasetId: dataset } } : {}),
    maxBytesBilled,
    queryTimeoutSeconds,
    clientGraceMs: options.clientGraceMs ?? 15_000,
    pageRows: options.pageRows ?? 10_000,
    errorContext: context,
  });
  const catalog = new BigQueryCatalog(jobs, {
    project,
    ...(dataset ? { dataset } : {}),
    errorContext: context,
  });
  return new BigQueryWarehouse(jobs, catalog, context);
}

/** A table or checked query to select from, with its columns as BigQuery reads them. */
interface Relation {
  /** SQL after FROM. */
  readonly from: string;
  readonly columns: readonly string[];
  /** Whether the query's `{country}` placeholders became `@country`. */
  readonly filtersItself: boolean;
}

interface ReadResult {
  readonly table: Table;
  readonly fields: readonly BigQueryField[];
  readonly rowCount: number;
  readonly bytes: number;
}

const q = quoteBigQueryIdentifier;

export class BigQueryWarehouse implements Warehouse {
  readonly kind = "bigquery";
  readonly #jobs: BigQueryJobs;
  readonly #catalog: BigQueryCatalog;
  readonly #context: BigQueryErrorContext;

  constructor(jobs: BigQueryJobs, catalog: BigQueryCatalog, context: BigQueryErrorContext) {
    this.#jobs = jobs;
    this.#catalog = catalog;
    this.#context = context;
  }

  async listTables(search?: string): Promise<TableInfo[]> {
    const needle = search?.trim().toLowerCase() ?? "";
    return (await this.#catalog.tables())
      .filter((t) => t.display.toLowerCase().includes(needle))
      .map((t) => ({ name: t.display, kind: t.kind }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async describe(table: string): Promise<ColumnInfo[]> {
    return this.#catalog.columns(await this.#catalog.resolve(table));
  }

  async preview(table: string, limit = DEFAULT_PREVIEW_ROWS): Promise<Table> {
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw invalidInput("limit", `The preview size must be a whole number of at least 1 (got ${limit}).`);
    }
    const found = await this.#catalog.resolve(table);
    const rows = Math.min(limit, MAX_PREVIEW_ROWS);
    if (found.type !== "TABLE") {
      return (await this.#read(`SELECT * FROM ${found.ref} LIMIT ${rows}`, undefined, { table }, undefined))
        .table;
    }
    return this.#previewRows(found, rows);
  }

  async countries(source: TableOrSql, countryColumn?: string): Promise<string[]> {
    const relation = await this.#relation(source, undefined, countriesOfPlaceholderQuery);
    const column = resolveCountryColumn(relation.columns, countryColumn, sourceLabel(source));
    return this.#distinctCountries(source, relation, column);
  }

  async query(source: TableOrSql, options: QueryOptions = {}): Promise<QueryResult> {
    const limits = resolveLimits(options);
    const country = requestedCountry(options.country);
    const bound = country?.toUpperCase();
    const relation = await this.#relation(source, bound, countryPlaceholderWithoutCountry);
    const countryColumn =
      country === undefined
        ? undefined
        : countryColumnToFilter(
            relation.columns,
            options.countryColumn,
            relation.filtersItself,
            sourceLabel(source),
          );
    const selected = requestedColumns(relation.columns, options.columns, sourceLabel(source));
    const where = countryColumn
      ? ` WHERE UPPER(TRIM(CAST(${q(countryColumn)} AS STRING))) = @${COUNTRY_PARAMETER}`
      : "";
    const sql = `SELECT ${selected.map(q).join(", ")} FROM ${relation.from}${where} LIMIT ${limits.maxRows + 1}`;
    const usesCountry = relation.filtersItself || countryColumn !== undefined;
    const read = await this.#read(
      sql,
      usesCountry ? bound : undefined,
      source,
      new ResultBudget(source, limits),
    );
    if (country !== undefined && read.rowCount === 0) {
      if (countryColumn === undefined || relation.filtersItself) throw noRowsForCountryInQuery(country);
      const existing = await this.#distinctCountries(source, relation, countryColumn);
      throw noRowsForCountry(source, country, countryColumn, existing);
    }
    return {
      table: read.table,
      columns: columnsOf(read.fields),
      rowCount: read.rowCount,
      bytes: read.bytes,
      ...(countryColumn !== undefined ? { countryColumn } : {}),
      fetchedAt: new Date().toISOString(),
      cached: false,
    };
  }

  async close(): Promise<void> {
    this.#jobs.close();
  }

  /**
   * The relation behind a source. A table's columns come from its schema; a query is checked, its
   * placeholders become `@country` (bound to `country`), and its dry run must be a SELECT and gives its
   * columns; `withoutCountry` is the error when it has placeholders but no country is given.
   */
  async #relation(
    source: TableOrSql,
    country: string | undefined,
    withoutCountry: () => Error,
  ): Promise<Relation> {
    let relation: Relation;
    if ("table" in source) {
      const found = await this.#catalog.resolve(source.table);
      const fields = (await this.#catalog.metadata(found)).schema?.fields ?? [];
      relation = { from: found.ref, columns: fields.map((f) => f.name ?? ""), filtersItself: false };
    } else {
      const checked = assertReadOnlySql(source.sql);
      assertBigQueryReadOnly(checked);
      const bound = bindCountryParameter(checked);
      if (bound.placeholders > 0 && country === undefined) throw withoutCountry();
      const from = `(\n${bound.sql}\n) AS source`;
      const inner = await this.#jobs.dryRun(bound.sql, bound.placeholders > 0 ? country : undefined, source);
      if (inner.statementType !== "SELECT") throw notAQuery(inner.statementType);
      relation = {
        from,
        columns: inner.schema.map((f) => f.name ?? ""),
        filtersItself: bound.placeholders > 0,
      };
    }
    const duplicate = relation.columns.find((name, i) => relation.columns.indexOf(name) !== i);
    if (duplicate !== undefined) {
      throw invalidInput(
        "data.sql",
        `The query returns two columns named ${duplicate}: give each column its own name with AS.`,
        { column: duplicate },
      );
    }
    return relation;
  }

  async #distinctCountries(source: TableOrSql, relation: Relation, column: string): Promise<string[]> {
    if (relation.filtersItself) return [];
    const value = `TRIM(CAST(${q(column)} AS STRING))`;
    const sql =
      `SELECT DISTINCT ${value} AS COUNTRY FROM ${relation.from} WHERE ${value} <> '' ` +
      "ORDER BY 1 LIMIT 1000";
    const { table } = await this.#read(sql, undefined, source, undefined);
    const name = table.columns[0];
    return name === undefined ? [] : (table.data[name] ?? []).map(String);
  }

  /** Runs a query and reads its rows into a `Table`, stopping once `budget` is exceeded. */
  async #read(
    sql: string,
    country: string | undefined,
    source: TableOrSql,
    budget: ResultBudget | undefined,
  ): Promise<ReadResult> {
    const collector = new TableCollector(budget);
    const fields = await this.#jobs.run(sql, country, source, collector);
    return { ...collector.result(fields), fields };
  }

  /** A table's first rows through `tabledata.list`: no query, nothing scanned or billed. */
  async #previewRows(table: CatalogTable, rows: number): Promise<Table> {
    const metadata = await this.#catalog.metadata(table);
    const fields = metadata.schema?.fields ?? [];
    const collector = new TableCollector(undefined);
    collector.schema(fields);
    try {
      const [found] = await this.#jobs.client
        .dataset(table.dataset, { projectId: table.project })
        .table(table.name, {})
        .getRows({ maxResults: rows, autoPaginate: false });
      for (const row of (found as Record<string, unknown>[]).slice(0, rows)) collector.row(row);
    } catch (error) {
      throw bigQueryError(error, { table: table.display }, this.#context);
    }
    return collector.result(fields).table;
  }
}

/** Rows (objects keyed by column name) into `Table` columns, in schema order, counted against a budget. */
class TableCollector {
  #names: string[] = [];
  #cells: Cell[][] = [];
  #rowCount = 0;
  #bytes = 0;
  readonly #budget: ResultBudget | undefined;

  constructor(budget: ResultBudget | undefined) {
    this.#budget = budget;
  }

  schema(fields: readonly BigQueryField[]): void {
    this.#names = fields.map((f) => f.name ?? "");
    this.#cells = this.#names.map(() => []);
  }

  row(row: Record<string, unknown>): void {
    let rowBytes = 0;
    for (let j = 0; j < this.#names.length; j++) {
      const cell = toCell(row[this.#names[j]!]);
      rowBytes += cellBytes(cell);
      this.#cells[j]!.push(cell);
    }
    this.#rowCount += 1;
    this.#bytes += rowBytes;
    this.#budget?.add(1, rowBytes);
  }

  result(fields: readonly BigQueryField[]): { table: Table; rowCount: number; bytes: number } {
    if (this.#names.length === 0 && fields.length > 0) this.schema(fields);
    const data: Record<string, Cell[]> = {};
    this.#names.forEach((name, j) => (data[name] = this.#cells[j]!));
    return { table: { columns: this.#names, data }, rowCount: this.#rowCount, bytes: this.#bytes };
  }
}
