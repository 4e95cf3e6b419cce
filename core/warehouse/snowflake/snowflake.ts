/**
 * The production warehouse: Snowflake through `snowflake-sdk`, with key-pair authentication.
 *
 * Follows `port.ts` with the shared helpers: table names are parsed (`table-name.ts`) and resolved against
 * `INFORMATION_SCHEMA` (`snowflake-catalog.ts`), user SQL passes `assertReadOnlySql` plus Snowflake's own
 * checks (`snowflake-sql.ts`: no stages, no RESULT_SCAN) and is then compiled by Snowflake inside
 * `SELECT * FROM (…) LIMIT 0` to learn its columns, the country is always a bound `?` parameter, and rows
 * are streamed into a `ResultBudget` that stops reading at the row or byte limit. Statements run on one
 * connection (`snowflake-session.ts`) under the query timeout, and failures become the messages of
 * `snowflake-errors.ts`.
 *
 * The connecting role should be able to read only what users may load (USAGE on the database, schema
 * and warehouse, SELECT on the tables): it is the last line of defence behind the SQL checks.
 */
import type { Bind, Column } from "snowflake-sdk";
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
import { catalogTables, describeColumns, resolveTable } from "./snowflake-catalog.ts";
import type { SnowflakeErrorContext } from "./snowflake-errors.ts";
import { loadPrivateKey, type PrivateKeySource } from "./snowflake-key.ts";
import { SnowflakeSession, loadSnowflakeSdk } from "./snowflake-session.ts";
import { assertNoStageAccess, bindCountryMarkers } from "./snowflake-sql.ts";
import { columnTypeOfSnowflake, toCell, warehouseTypeOf } from "./snowflake-values.ts";
import { assertReadOnlySql } from "../sql-guard.ts";
import { quoteIdentifier } from "../table-name.ts";
import {
  countriesOfPlaceholderQuery,
  countryPlaceholderWithoutCountry,
  noRowsForCountry,
  noRowsForCountryInQuery,
} from "../warehouse-errors.ts";

export interface SnowflakeWarehouseOptions {
  /** Account identifier, e.g. `MYORG-MYACCOUNT`. */
  readonly account: string;
  readonly user: string;
  readonly privateKey: PrivateKeySource;
  readonly role?: string;
  readonly warehouse?: string;
  /** The default database: tables are listed from it, and named without it. */
  readonly database?: string;
  readonly schema?: string;
  /** Overrides Snowflake's URL (tests point it at a loopback fake). */
  readonly accessUrl?: string;
  /** Longest a statement may run, in seconds (default 120). */
  readonly queryTimeoutSeconds?: number;
  /** How long past the timeout the client waits for Snowflake's own answer, in ms (default 15000). */
  readonly clientGraceMs?: number;
  /** Longest a login may take, retries included, in ms (default 60000). */
  readonly loginTimeoutMs?: number;
  /** Login retries after a 5xx, 429 or network error (default 3). */
  readonly loginRetries?: number;
  /** Receives the SDK's own warnings and errors (default: dropped). */
  readonly log?: (level: "error" | "warn", message: string) => void;
}

/**
 * Reads the private key (failing with an error that names its setting) and returns the warehouse. The
 * login happens on the first call, so that a Snowflake outage does not stop the app from starting.
 */
export async function openSnowflakeWarehouse(
  options: SnowflakeWarehouseOptions,
): Promise<SnowflakeWarehouse> {
  const privateKey = await loadPrivateKey(options.privateKey);
  const sdk = await loadSnowflakeSdk(options.log);
  const queryTimeoutSeconds = options.queryTimeoutSeconds ?? 120;
  const context: SnowflakeErrorContext = {
    account: options.account,
    user: options.user,
    ...(options.role ? { role: options.role } : {}),
    ...(options.warehouse ? { warehouse: options.warehouse } : {}),
    ...(options.database ? { database: options.database } : {}),
    ...(options.schema ? { schema: options.schema } : {}),
    keySetting: options.privateKey.setting,
    timeoutSeconds: queryTimeoutSeconds,
    url: options.accessUrl ?? `https://${options.account}.snowflakecomputing.com`,
  };
  const session = new SnowflakeSession(sdk, {
    account: options.account,
    username: options.user,
    privateKey,
    ...(options.role ? { role: options.role } : {}),
    ...(options.warehouse ? { warehouse: options.warehouse } : {}),
    ...(options.database ? { database: options.database } : {}),
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.accessUrl ? { accessUrl: options.accessUrl } : {}),
    queryTimeoutSeconds,
    clientGraceMs: options.clientGraceMs ?? 15_000,
    loginTimeoutMs: options.loginTimeoutMs ?? 60_000,
    loginRetries: options.loginRetries ?? 3,
    errorContext: context,
  });
  return new SnowflakeWarehouse(session, context);
}

/** A table or checked query to select from, with its columns as Snowflake compiled them. */
interface Relation {
  /** SQL after FROM. */
  readonly from: string;
  readonly columns: readonly string[];
  /** How many `?` the query's `{country}` placeholders became (0 for a table). */
  readonly placeholders: number;
}

interface ReadResult {
  readonly table: Table;
  readonly columns: readonly Column[];
  readonly rowCount: number;
  readonly bytes: number;
}

const q = quoteIdentifier;

export class SnowflakeWarehouse implements Warehouse {
  readonly kind = "snowflake";
  readonly #session: SnowflakeSession;
  readonly #context: SnowflakeErrorContext;

  constructor(session: SnowflakeSession, context: SnowflakeErrorContext) {
    this.#session = session;
    this.#context = context;
  }

  async listTables(search?: string): Promise<TableInfo[]> {
    const needle = search?.trim().toLowerCase() ?? "";
    return (await catalogTables(this.#session))
      .filter((t) => t.display.toLowerCase().includes(needle))
      .map((t) => ({ name: t.display, kind: t.kind, ...(t.rows !== undefined ? { rows: t.rows } : {}) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async describe(table: string): Promise<ColumnInfo[]> {
    return describeColumns(this.#session, await resolveTable(this.#session, table, this.#context));
  }

  async preview(table: string, limit = DEFAULT_PREVIEW_ROWS): Promise<Table> {
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw invalidInput("limit", `The preview size must be a whole number of at least 1 (got ${limit}).`);
    }
    const found = await resolveTable(this.#session, table, this.#context);
    const sql = `SELECT * FROM ${found.ref} LIMIT ${Math.min(limit, MAX_PREVIEW_ROWS)}`;
    return (await this.#read(sql, [], { table }, undefined)).table;
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
            relation.placeholders > 0,
            sourceLabel(source),
          );
    const selected = requestedColumns(relation.columns, options.columns, sourceLabel(source));
    const where = countryColumn ? ` WHERE UPPER(TRIM(CAST(${q(countryColumn)} AS VARCHAR))) = ?` : "";
    const sql = `SELECT ${selected.map(q).join(", ")} FROM ${relation.from}${where} LIMIT ${limits.maxRows + 1}`;
    const binds: Bind[] = [
      ...Array.from({ length: relation.placeholders }, () => bound!),
      ...(countryColumn ? [bound!] : []),
    ];
    const read = await this.#read(sql, binds, source, new ResultBudget(source, limits));
    if (country !== undefined && read.rowCount === 0) {
      if (countryColumn === undefined || relation.placeholders > 0) throw noRowsForCountryInQuery(country);
      const existing = await this.#distinctCountries(source, relation, countryColumn);
      throw noRowsForCountry(source, country, countryColumn, existing);
    }
    return {
      table: read.table,
      columns: read.columns.map((c) => ({
        name: c.getName(),
        type: columnTypeOfSnowflake(c.getType()),
        nullable: c.isNullable(),
        warehouseType: warehouseTypeOf(c),
      })),
      rowCount: read.rowCount,
      bytes: read.bytes,
      ...(countryColumn !== undefined ? { countryColumn } : {}),
      fetchedAt: new Date().toISOString(),
      cached: false,
    };
  }

  async close(): Promise<void> {
    await this.#session.close();
  }

  /**
   * The relation behind a source. A query is checked, its placeholders become `?` (bound to `country`),
   * and Snowflake compiles it with `LIMIT 0` to give its columns; `withoutCountry` is the error when it
   * has placeholders but no country is given.
   */
  async #relation(
    source: TableOrSql,
    country: string | undefined,
    withoutCountry: () => Error,
  ): Promise<Relation> {
    let relation: Relation;
    if ("table" in source) {
      const found = await resolveTable(this.#session, source.table, this.#context);
      relation = { from: found.ref, columns: [], placeholders: 0 };
    } else {
      const checked = assertReadOnlySql(source.sql);
      assertNoStageAccess(checked);
      const bound = bindCountryMarkers(checked);
      if (bound.placeholders > 0 && country === undefined) throw withoutCountry();
      relation = { from: `(\n${bound.sql}\n) AS source`, columns: [], placeholders: bound.placeholders };
    }
    const binds = Array.from({ length: relation.placeholders }, () => country!);
    const columns = (await this.#session.run(`SELECT * FROM ${relation.from} LIMIT 0`, binds, source)).map(
      (c) => c.getName(),
    );
    const duplicate = columns.find((name, i) => columns.indexOf(name) !== i);
    if (duplicate !== undefined) {
      throw invalidInput(
        "data.sql",
        `The query returns two columns named ${duplicate}: give each column its own name with AS.`,
        { column: duplicate },
      );
    }
    return { ...relation, columns };
  }

  async #distinctCountries(source: TableOrSql, relation: Relation, column: string): Promise<string[]> {
    if (relation.placeholders > 0) return [];
    const value = `TRIM(CAST(${q(column)} AS VARCHAR))`;
    const sql =
      `SELECT DISTINCT ${value} AS COUNTRY FROM ${relation.from} WHERE ${value} <> '' ` +
      "ORDER BY 1 LIMIT 1000";
    const { table } = await this.#read(sql, [], source, undefined);
    const name = table.columns[0];
    return name === undefined ? [] : (table.data[name] ?? []).map(String);
  }

  /** Runs a statement and reads its rows into a `Table`, stopping once `budget` is exceeded. */
  async #read(
    sql: string,
    binds: readonly Bind[],
    source: TableOrSql,
    budget: ResultBudget | undefined,
  ): Promise<ReadResult> {
    let names: string[] = [];
    let cells: Cell[][] = [];
    let rowCount = 0;
    let bytes = 0;
    const columns = await this.#session.run(sql, binds, source, {
      columns: (found) => {
        names = found.map((c) => c.getName());
        cells = names.map(() => []);
      },
      row: (row) => {
        let rowBytes = 0;
        for (let j = 0; j < names.length; j++) {
          const cell = toCell(row[j]);
          rowBytes += cellBytes(cell);
          cells[j]!.push(cell);
        }
        rowCount += 1;
        bytes += rowBytes;
        budget?.add(1, rowBytes);
      },
    });
    const data: Record<string, Cell[]> = {};
    names.forEach((name, j) => (data[name] = cells[j]!));
    return { table: { columns: names, data }, columns, rowCount, bytes };
  }
}
