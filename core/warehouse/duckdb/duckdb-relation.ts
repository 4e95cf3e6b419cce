/**
 * Reading from DuckDB: the relation behind a table or a checked query (its columns and types), the
 * statements built on it, and reading results into `Table` columns within a `ResultBudget`.
 */
import {
  StatementType,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBTypeId,
} from "@duckdb/node-api";
import { invalidInput, isMmmError } from "../../../common/errors.ts";
import type { Cell, Table } from "../../../common/table.ts";
import { sourceField, type TableOrSql } from "../port.ts";
import { resolveTable } from "./duckdb-catalog.ts";
import { columnTypeOf, toCell } from "./duckdb-values.ts";
import { requestedColumns } from "../requested-columns.ts";
import { cellBytes, type ResultBudget } from "../result-budget.ts";
import { assertReadOnlySql, bindCountryPlaceholder, hasCountryPlaceholder } from "../sql-guard.ts";
import { quoteIdentifier } from "../table-name.ts";
import { plainReason, queryFailed } from "../warehouse-errors.ts";

/** A table or query ready to select from. */
export interface Relation {
  /** SQL after FROM. */
  readonly from: string;
  readonly columns: readonly string[];
  readonly typeIds: readonly DuckDBTypeId[];
  readonly typeNames: readonly string[];
  readonly usesPlaceholder: boolean;
}

const q = quoteIdentifier;

/** The relation behind a table or a query, with its columns, after the SQL checks. */
export async function openRelation(c: DuckDBConnection, source: TableOrSql): Promise<Relation> {
  if ("table" in source) {
    const found = await resolveTable(c, source.table);
    return describeRelation(c, source, found.ref);
  }
  const checked = assertReadOnlySql(source.sql);
  const usesPlaceholder = hasCountryPlaceholder(checked);
  const sql = usesPlaceholder ? bindCountryPlaceholder(checked, "$country") : checked;
  // DuckDB's own parser must agree that this is exactly one SELECT statement.
  let statement: DuckDBPreparedStatement;
  try {
    const statements = await c.extractStatements(sql);
    if (statements.count !== 1) {
      throw invalidInput("data.sql", `data.sql holds ${statements.count} statements: send one SELECT query.`);
    }
    statement = await statements.prepare(0);
  } catch (error) {
    throw failed(source, error);
  }
  if (statement.statementType !== StatementType.SELECT) {
    throw invalidInput(
      "data.sql",
      "data.sql must be a read-only SELECT query: queries cannot change data or settings.",
    );
  }
  const relation = relationFromStatement(statement, `(\n${sql}\n) AS source`, usesPlaceholder);
  statement.destroySync();
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

export async function describeRelation(
  c: DuckDBConnection,
  source: TableOrSql,
  ref: string,
): Promise<Relation> {
  const statement = await prepare(c, source, `SELECT * FROM ${ref}`);
  const relation = relationFromStatement(statement, ref, false);
  statement.destroySync();
  return relation;
}

function relationFromStatement(
  statement: DuckDBPreparedStatement,
  from: string,
  usesPlaceholder: boolean,
): Relation {
  const count = statement.columnCount;
  const range = Array.from({ length: count }, (_, i) => i);
  return {
    from,
    columns: range.map((i) => statement.columnName(i)),
    typeIds: range.map((i) => statement.columnTypeId(i)),
    typeNames: range.map((i) => statement.columnType(i).toString()),
    usesPlaceholder,
  };
}

/** What DuckDB's error() says when one cell alone passes the byte limit (see `boundedColumn`). */
const CELL_TOO_LARGE = "mmm: a cell passes the byte limit";

/**
 * The select expression for column `i`, failing inside DuckDB when one text cell alone holds more than
 * `maxBytes`: such a value (a string_agg over a cross join) would otherwise be copied into JavaScript
 * whole before the budget could count it. Numbers, dates and booleans are fixed-size and pass as they are.
 */
export function boundedColumn(relation: Relation, i: number, maxBytes: number): string {
  const name = q(relation.columns[i]!);
  if (columnTypeOf(relation.typeIds[i]!) !== "string") return name;
  return `${textWithinBytes(name, maxBytes)} AS ${name}`;
}

/** `expression` (text), failing inside DuckDB when one value alone holds more than `maxBytes`. */
export function textWithinBytes(expression: string, maxBytes: number): string {
  return (
    `CASE WHEN strlen(CAST(${expression} AS VARCHAR)) > ${maxBytes} ` +
    `THEN error('${CELL_TOO_LARGE}') ELSE ${expression} END`
  );
}

/**
 * Whether DuckDB stopped because one value passed the byte limit (see `textWithinBytes`). Only the first
 * line is DuckDB's reason: the lines after it may echo the statement, guard included.
 */
export function isCellTooLarge(error: unknown): boolean {
  return messageOf(error).split("\n", 1)[0]!.includes(CELL_TOO_LARGE);
}

/** Indexes of the requested columns (all when none are requested). */
export function selectColumns(
  relation: Relation,
  wanted: readonly string[] | undefined,
  label: string,
): number[] {
  if (wanted === undefined) return relation.columns.map((_, i) => i);
  return requestedColumns(relation.columns, wanted, label).map((name) => relation.columns.indexOf(name));
}

export async function distinctCountries(
  c: DuckDBConnection,
  source: TableOrSql,
  relation: Relation,
  column: string,
): Promise<string[]> {
  const value = `trim(CAST(${q(column)} AS VARCHAR))`;
  const prepared = await prepare(
    c,
    source,
    `SELECT DISTINCT ${value} AS country FROM ${relation.from} WHERE ${value} <> '' ORDER BY 1 LIMIT 1000`,
  );
  const { table } = await readAll(prepared, source, ["country"], undefined);
  return (table.data.country ?? []).map(String);
}

export async function prepare(
  c: DuckDBConnection,
  source: TableOrSql,
  sql: string,
): Promise<DuckDBPreparedStatement> {
  try {
    return await c.prepare(sql);
  } catch (error) {
    throw failed(source, error);
  }
}

/**
 * The adapter's error for a DuckDB failure; reading files (refused by configuration) and passing the
 * memory limit are said plainly.
 */
function failed(source: TableOrSql, error: unknown): Error {
  if (isMmmError(error)) return error;
  const message = messageOf(error);
  if (/^Permission Error:.*(file system operations are disabled|external access)/is.test(message)) {
    return invalidInput(
      sourceField(source),
      "The SQL query tries to read a file, a URL or an extension, which is not allowed: query the " +
        "warehouse's tables only.",
      { reason: plainReason(message) },
    );
  }
  if (/^Out of Memory Error:/i.test(message)) {
    return invalidInput(
      sourceField(source),
      `${"table" in source ? `Reading table ${source.table.trim()}` : "The SQL query"} needs more memory ` +
        "than the embedded warehouse may use (DUCKDB_MEMORY_LIMIT), so DuckDB stopped it. Filter it by " +
        "country or date, aggregate it to weeks, or avoid joins that multiply rows; an admin can raise " +
        "DUCKDB_MEMORY_LIMIT.",
      { reason: plainReason(message) },
    );
  }
  return queryFailed(source, "DuckDB", message, error);
}

/** Runs a prepared statement and reads its rows chunk by chunk, stopping once `budget` is exceeded. */
export async function readAll(
  prepared: DuckDBPreparedStatement,
  source: TableOrSql,
  names: readonly string[],
  budget: ResultBudget | undefined,
): Promise<{ table: Table; rowCount: number; bytes: number }> {
  const columns: Cell[][] = names.map(() => []);
  let rowCount = 0;
  let bytes = 0;
  try {
    const result = await prepared.stream();
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      let chunkBytes = 0;
      for (let j = 0; j < names.length; j++) {
        const out = columns[j]!;
        for (const value of chunk.getColumnValues(j)) {
          const cell = toCell(value);
          chunkBytes += cellBytes(cell);
          out.push(cell);
        }
      }
      rowCount += chunk.rowCount;
      bytes += chunkBytes;
      budget?.add(chunk.rowCount, chunkBytes);
    }
  } catch (error) {
    if (budget !== undefined && isCellTooLarge(error)) throw budget.bytesExceeded(error);
    throw failed(source, error);
  } finally {
    prepared.destroySync();
  }
  const data: Record<string, Cell[]> = {};
  names.forEach((name, j) => (data[name] = columns[j]!));
  return { table: { columns: [...names], data }, rowCount, bytes };
}

/** `text` as a SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
