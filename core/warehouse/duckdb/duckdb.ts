/**
 * The embedded warehouse: DuckDB in memory, holding the bundled demo tables (schema DEMO) and,
 * optionally, a DuckDB database file attached read-only, so that a fresh clone works with no account.
 *
 * Once the tables are loaded the database is locked down: `enable_external_access = false` (no file,
 * URL or extension access, so user SQL cannot read `/etc/passwd` through `read_csv`) and
 * `lock_configuration = true` (user SQL cannot switch it back). User SQL must also pass
 * `assertReadOnlySql` and DuckDB's own parser must see exactly one SELECT statement.
 *
 * User SQL runs inside the app's process, so the instance is bounded (`duckdb-instance.ts`): memory and
 * threads from configuration, no spilling to disk, and every call is interrupted at `queryTimeoutSeconds`.
 *
 * One short-lived connection per call: DuckDB connections are cheap, calls then never share state or
 * wait on each other, and a call can be interrupted without touching the others.
 */
import { basename, extname, join } from "node:path";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { invalidInput } from "../../../common/errors.ts";
import type { Table } from "../../../common/table.ts";
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
import { DEMO_DATA_DIR, DEMO_SCHEMA, DEMO_TABLES } from "../demo-tables.ts";
import { catalogTables, resolveTable } from "./duckdb-catalog.ts";
import {
  boundedColumn,
  describeRelation,
  distinctCountries,
  messageOf,
  openRelation,
  prepare,
  readAll,
  selectColumns,
  sqlString,
  type Relation,
} from "./duckdb-relation.ts";
import { timeoutSecondsOf, type DuckDbBounds } from "./duckdb-bounds.ts";
import { createBoundedInstance, withInterruptibleConnection } from "./duckdb-instance.ts";
import { columnTypeOf, columnTypeOfName } from "./duckdb-values.ts";
import { ResultBudget, resolveLimits } from "../result-budget.ts";
import { quoteIdentifier } from "../table-name.ts";
import {
  countriesOfPlaceholderQuery,
  countryPlaceholderWithoutCountry,
  noRowsForCountry,
  noRowsForCountryInQuery,
  plainReason,
  queryTimedOut,
  warehouseClosed,
} from "../warehouse-errors.ts";

export interface DuckDbWarehouseOptions extends DuckDbBounds {
  /** A DuckDB database file to read (opened read-only, attached as catalog `catalog`). */
  readonly path?: string;
  /** Catalog name for `path`; default: the file name without extension (`data/shop.duckdb` → `shop`). */
  readonly catalog?: string;
  /** Load the bundled demo tables into schema DEMO (default true). */
  readonly demoData?: boolean;
}

/** Opens the embedded warehouse. Fails with `invalid_input` (`path`) when the file cannot be opened. */
export async function openDuckDbWarehouse(options: DuckDbWarehouseOptions = {}): Promise<DuckDbWarehouse> {
  const instance = await createBoundedInstance(options);
  const connection = await instance.connect();
  try {
    if (options.demoData ?? true) await loadDemoTables(connection);
    if (options.path !== undefined) await attachFile(connection, options.path, options.catalog);
    await connection.run("SET enable_external_access = false");
    await connection.run("SET lock_configuration = true");
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    throw error;
  }
  connection.closeSync();
  return new DuckDbWarehouse(instance, timeoutSecondsOf(options));
}

async function loadDemoTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(DEMO_SCHEMA)}`);
  for (const demo of DEMO_TABLES) {
    const [schema, table] = demo.name.split(".") as [string, string];
    const file = join(DEMO_DATA_DIR, demo.file);
    await connection.run(
      `CREATE TABLE ${quoteIdentifier(schema)}.${quoteIdentifier(table)} AS ` +
        `SELECT * FROM read_csv(${sqlString(file)}, header = true, auto_detect = true)`,
    );
  }
}

async function attachFile(
  connection: DuckDBConnection,
  path: string,
  catalog: string | undefined,
): Promise<void> {
  const name = catalog ?? basename(path, extname(path)).replace(/[^A-Za-z0-9_]/g, "_");
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || ["memory", "system", "temp"].includes(name.toLowerCase())) {
    throw invalidInput("catalog", `"${name}" cannot name the DuckDB file's catalog: choose another name.`);
  }
  try {
    await connection.run(`ATTACH ${sqlString(path)} AS ${quoteIdentifier(name)} (READ_ONLY)`);
  } catch (error) {
    throw invalidInput("path", `Cannot open the DuckDB file ${path}: ${plainReason(messageOf(error))}`, {
      path,
    });
  }
}

const q = quoteIdentifier;

export class DuckDbWarehouse implements Warehouse {
  readonly kind = "duckdb";
  #instance: DuckDBInstance | undefined;
  readonly #timeoutSeconds: number;

  constructor(instance: DuckDBInstance, timeoutSeconds: number) {
    this.#instance = instance;
    this.#timeoutSeconds = timeoutSeconds;
  }

  async listTables(search?: string): Promise<TableInfo[]> {
    const tables = await this.#connect(undefined, (c) => catalogTables(c));
    const needle = search?.trim().toLowerCase() ?? "";
    return tables
      .filter((t) => t.display.toLowerCase().includes(needle))
      .map((t) => ({ name: t.display, kind: t.kind, rows: t.rows, columns: t.columns }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async describe(table: string): Promise<ColumnInfo[]> {
    return this.#connect({ table }, async (c) => {
      const found = await resolveTable(c, table);
      const reader = await c.runAndReadAll(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns " +
          "WHERE table_catalog = $1 AND table_schema = $2 AND table_name = $3 ORDER BY ordinal_position",
        [found.catalog, found.schema, found.name],
      );
      return reader.getRowsJS().map(([name, type, nullable]) => ({
        name: String(name),
        type: columnTypeOfName(String(type)),
        nullable: nullable !== "NO",
        warehouseType: String(type),
      }));
    });
  }

  async preview(table: string, limit = DEFAULT_PREVIEW_ROWS): Promise<Table> {
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw invalidInput("limit", `The preview size must be a whole number of at least 1 (got ${limit}).`);
    }
    const source = { table };
    return this.#connect(source, async (c) => {
      const found = await resolveTable(c, table);
      const relation = await describeRelation(c, source, found.ref);
      const prepared = await prepare(
        c,
        source,
        `SELECT * FROM ${found.ref} LIMIT ${Math.min(limit, MAX_PREVIEW_ROWS)}`,
      );
      const { table: result } = await readAll(prepared, source, relation.columns, undefined);
      return result;
    });
  }

  async countries(source: TableOrSql, countryColumn?: string): Promise<string[]> {
    return this.#connect(source, async (c) => {
      const relation = await openRelation(c, source);
      if (relation.usesPlaceholder) throw countriesOfPlaceholderQuery();
      const column = resolveCountryColumn(relation.columns, countryColumn, sourceLabel(source));
      return distinctCountries(c, source, relation, column);
    });
  }

  async query(source: TableOrSql, options: QueryOptions = {}): Promise<QueryResult> {
    const limits = resolveLimits(options);
    const country = requestedCountry(options.country);
    return this.#connect(source, async (c) => {
      const relation = await openRelation(c, source);
      const countryColumn = countryFilterColumn(relation, source, country, options.countryColumn);
      const selected = selectColumns(relation, options.columns, sourceLabel(source));
      const where = countryColumn
        ? ` WHERE upper(trim(CAST(${q(countryColumn)} AS VARCHAR))) = $country`
        : "";
      const list = selected.map((i) => boundedColumn(relation, i, limits.maxBytes)).join(", ");
      const prepared = await prepare(
        c,
        source,
        `SELECT ${list} FROM ${relation.from}${where} LIMIT ${limits.maxRows + 1}`,
      );
      if (country !== undefined) prepared.bind({ country: country.toUpperCase() });
      const names = selected.map((i) => relation.columns[i]!);
      const read = await readAll(prepared, source, names, new ResultBudget(source, limits));
      if (country !== undefined && read.rowCount === 0) {
        throw await noRows(c, source, relation, country, countryColumn);
      }
      return {
        table: read.table,
        columns: selected.map((i) => ({
          name: relation.columns[i]!,
          type: columnTypeOf(relation.typeIds[i]!),
          nullable: true,
          warehouseType: relation.typeNames[i]!,
        })),
        rowCount: read.rowCount,
        bytes: read.bytes,
        countryColumn,
        fetchedAt: new Date().toISOString(),
        cached: false,
      };
    });
  }

  async close(): Promise<void> {
    this.#instance?.closeSync();
    this.#instance = undefined;
  }

  /** Runs `work` on a connection of its own; a call interrupted at the timeout fails about `source`. */
  async #connect<T>(
    source: TableOrSql | undefined,
    work: (connection: DuckDBConnection) => Promise<T>,
  ): Promise<T> {
    if (this.#instance === undefined) throw warehouseClosed(this.kind);
    const timeoutSeconds = this.#timeoutSeconds;
    return withInterruptibleConnection(
      this.#instance,
      {
        timeoutSeconds,
        interrupted: (_why, error) =>
          queryTimedOut(source, "DuckDB", timeoutSeconds, "", { reason: plainReason(messageOf(error)) }),
      },
      work,
    );
  }
}

/**
 * The column to filter on, or undefined when no country is asked for, or when a query filters itself
 * with the {country} placeholder and has no country column to filter on as well.
 */
function countryFilterColumn(
  relation: Relation,
  source: TableOrSql,
  country: string | undefined,
  named: string | undefined,
): string | undefined {
  if (country === undefined) {
    if (relation.usesPlaceholder) throw countryPlaceholderWithoutCountry();
    return undefined;
  }
  return countryColumnToFilter(relation.columns, named, relation.usesPlaceholder, sourceLabel(source));
}

async function noRows(
  c: DuckDBConnection,
  source: TableOrSql,
  relation: Relation,
  country: string,
  countryColumn: string | undefined,
): Promise<Error> {
  // A query that filters itself with {country} cannot be run for every country to list them.
  if (countryColumn === undefined || relation.usesPlaceholder) return noRowsForCountryInQuery(country);
  const existing = await distinctCountries(c, source, relation, countryColumn);
  return noRowsForCountry(source, country, countryColumn, existing);
}
