/**
 * The Snowflake catalog as the warehouse shows it, read from `INFORMATION_SCHEMA` (which lists only what
 * the connection's role may read): the tables and views of the default database (or of the database a
 * `DB.SCHEMA.TABLE` name gives), the resolution of a name typed by a person to exactly one of them (see
 * `table-name.ts` for the accepted forms), and a table's declared columns.
 *
 * Names are matched as `table-name.ts` says: plain parts case-insensitively, quoted parts exactly. A
 * database part goes into SQL as Snowflake reads it (a plain name in upper case).
 */
import { MmmError } from "../../../common/errors.ts";
import type { ColumnInfo } from "../port.ts";
import { grantHint, type SnowflakeErrorContext } from "./snowflake-errors.ts";
import type { SnowflakeSession } from "./snowflake-session.ts";
import { columnTypeOfSnowflake, declaredType } from "./snowflake-values.ts";
import {
  formatTableName,
  parseTableName,
  partMatches,
  quoteIdentifier,
  type TableNamePart,
} from "../table-name.ts";
import { ambiguousTable, unknownTable } from "../warehouse-errors.ts";

export interface CatalogTable {
  readonly database: string;
  readonly schema: string;
  readonly name: string;
  readonly kind: "table" | "view";
  readonly rows?: number;
  /** Name shown to people: the default database is left out. */
  readonly display: string;
  /** Fully quoted reference for SQL. */
  readonly ref: string;
}

/** Most tables listed; an account with more should name its tables in full. */
const MAX_TABLES = 10_000;

/**
 * The tables and views of `database` (default: the connection's), system schemas left out; only those
 * named `table` (matched as `partMatches` does) when given.
 */
export async function catalogTables(
  session: SnowflakeSession,
  database?: TableNamePart,
  table?: TableNamePart,
): Promise<CatalogTable[]> {
  const view = `${database ? `${databaseIdentifier(database)}.` : ""}INFORMATION_SCHEMA.TABLES`;
  const named =
    table === undefined ? "" : table.quoted ? " AND TABLE_NAME = ?" : " AND UPPER(TABLE_NAME) = ?";
  const rows: unknown[][] = [];
  await session.run(
    "SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ROW_COUNT, CURRENT_DATABASE() " +
      `FROM ${view} WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'${named} ` +
      `ORDER BY TABLE_SCHEMA, TABLE_NAME LIMIT ${MAX_TABLES}`,
    table === undefined ? [] : [table.quoted ? table.name : table.name.toUpperCase()],
    undefined,
    { row: (row) => rows.push([...row]) },
  );
  return rows.map(([catalog, schema, name, type, count, current]) => {
    const parts = [String(catalog), String(schema), String(name)];
    return {
      database: parts[0]!,
      schema: parts[1]!,
      name: parts[2]!,
      kind: /VIEW/i.test(String(type)) ? "view" : "table",
      ...(typeof count === "number" ? { rows: count } : {}),
      display: formatTableName(catalog === current ? parts.slice(1) : parts),
      ref: parts.map(quoteIdentifier).join("."),
    };
  });
}

/**
 * The one table or view `text` names. Throws `invalid_input` (`data.table`) when the name is malformed,
 * matches nothing (listing what there is, and the grants that would make a hidden table visible) or
 * matches several tables.
 */
export async function resolveTable(
  session: SnowflakeSession,
  text: string,
  ctx: SnowflakeErrorContext,
): Promise<CatalogTable> {
  const parts = parseTableName(text);
  const [table, schema, database] = [...parts].reverse();
  const candidates = await catalogTables(session, database, table).catch((error: unknown) => {
    if (database === undefined || !(error instanceof MmmError) || error.context.code !== "002003")
      throw error;
    // "Database 'X' does not exist or not authorized."
    throw new MmmError(
      "invalid_input",
      `Table ${text.trim()} was not found: Snowflake has no database ${database.name} that role ` +
        `${ctx.role ?? "the user's default role"} can use. ${grantHint(undefined, { ...ctx, database: database.name })}`,
      { context: { field: "data.table", table: text.trim() }, cause: error },
    );
  });
  const matches = candidates.filter(
    (t) => partMatches(table!, t.name) && (schema === undefined || partMatches(schema, t.schema)),
  );
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    // Only now list everything, for the message.
    const tables = await catalogTables(session, database);
    const error = unknownTable(text.trim(), tables.map((t) => t.display).sort());
    const named = parts.map((p) => (p.quoted ? quoteIdentifier(p.name) : p.name.toUpperCase())).join(".");
    throw new MmmError("invalid_input", `${error.message} ${grantHint(named, ctx)}`, {
      context: error.context,
    });
  }
  // A bare table name in several schemas: the connection's schema wins, as in Snowflake itself.
  const inSchema = matches.filter(
    (t) => ctx.schema !== undefined && partMatches(plain(ctx.schema), t.schema),
  );
  if (schema === undefined && inSchema.length === 1) return inSchema[0]!;
  throw ambiguousTable(text.trim(), matches.map((t) => t.display).sort());
}

/** The declared columns of a table, in table order. */
export async function describeColumns(session: SnowflakeSession, table: CatalogTable): Promise<ColumnInfo[]> {
  const columns: ColumnInfo[] = [];
  await session.run(
    "SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, NUMERIC_PRECISION, NUMERIC_SCALE, CHARACTER_MAXIMUM_LENGTH " +
      `FROM ${quoteIdentifier(table.database)}.INFORMATION_SCHEMA.COLUMNS ` +
      "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
    [table.schema, table.name],
    { table: table.display },
    {
      row: ([name, type, nullable, precision, scale, length]) =>
        columns.push({
          name: String(name),
          type: columnTypeOfSnowflake(String(type)),
          nullable: nullable !== "NO",
          warehouseType: declaredType(
            String(type),
            numberOrNull(precision),
            numberOrNull(scale),
            numberOrNull(length),
          ),
        }),
    },
  );
  return columns;
}

/** A database part as Snowflake reads it: a plain name in upper case, a quoted one as written. */
function databaseIdentifier(part: TableNamePart): string {
  return quoteIdentifier(part.quoted ? part.name : part.name.toUpperCase());
}

function plain(name: string): TableNamePart {
  return { name, quoted: false };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}
