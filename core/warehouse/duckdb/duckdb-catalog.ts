/**
 * The DuckDB catalog as the warehouse shows it: tables and views of the in-memory database (the demo
 * tables) and of an attached file, and the resolution of a name typed by a person to exactly one of
 * them (see `table-name.ts` for the accepted forms).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { formatTableName, parseTableName, partMatches, quoteIdentifier } from "../table-name.ts";
import { ambiguousTable, unknownTable } from "../warehouse-errors.ts";

export interface CatalogTable {
  readonly catalog: string;
  readonly schema: string;
  readonly name: string;
  readonly kind: "table" | "view";
  readonly rows?: number;
  readonly columns?: number;
  /** Name shown to people: the default catalog is left out. */
  readonly display: string;
  readonly inDefaultCatalog: boolean;
  /** Fully quoted reference for SQL. */
  readonly ref: string;
}

const q = quoteIdentifier;

export async function catalogTables(c: DuckDBConnection): Promise<CatalogTable[]> {
  const reader = await c.runAndReadAll(
    "SELECT t.table_catalog, t.table_schema, t.table_name, t.table_type, d.estimated_size, d.column_count, " +
      "current_database() FROM information_schema.tables t LEFT JOIN duckdb_tables() d " +
      "ON d.database_name = t.table_catalog AND d.schema_name = t.table_schema AND d.table_name = t.table_name " +
      "WHERE t.table_catalog NOT IN ('system', 'temp') AND t.table_schema NOT IN ('information_schema', 'pg_catalog')",
  );
  return reader.getRowsJS().map(([catalog, schema, name, type, rows, columns, current]) => {
    const parts = [String(catalog), String(schema), String(name)];
    return {
      catalog: parts[0]!,
      schema: parts[1]!,
      name: parts[2]!,
      kind: type === "VIEW" ? "view" : "table",
      rows: rows === null ? undefined : Number(rows),
      columns: columns === null ? undefined : Number(columns),
      display: formatTableName(catalog === current ? parts.slice(1) : parts),
      inDefaultCatalog: catalog === current,
      ref: parts.map(q).join("."),
    };
  });
}

export async function resolveTable(c: DuckDBConnection, text: string): Promise<CatalogTable> {
  const parts = parseTableName(text);
  const tables = await catalogTables(c);
  const [table, schema, catalog] = [...parts].reverse();
  const matches = tables.filter(
    (t) =>
      partMatches(table!, t.name) &&
      (schema === undefined || partMatches(schema, t.schema)) &&
      (catalog === undefined || partMatches(catalog, t.catalog)),
  );
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw unknownTable(text.trim(), tables.map((t) => t.display).sort());
  // Several schemas or catalogs hold this name: a name written in full for the default catalog wins.
  const inDefault = matches.filter((t) => t.inDefaultCatalog);
  if (inDefault.length === 1 && parts.length >= 2) return inDefault[0]!;
  throw ambiguousTable(text.trim(), matches.map((t) => t.display).sort());
}
