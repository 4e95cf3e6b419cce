/**
 * The data of one run: the rows of its country from the warehouse table or SQL text (or, from the command
 * line, a CSV file). The country filter is a bound parameter in the warehouse. A source without a country
 * column is taken to hold one market, and that is said in the data notes rather than assumed silently (the
 * replaced product used all rows when its country column was missing).
 */
import type { Table } from "../../common/table.ts";
import { invalidInput } from "../../common/errors.ts";
import type { Actor } from "../run.ts";
import type { DataSource } from "../run-spec.ts";
import { findCountryColumn } from "../warehouse/country-column.ts";
import { readCsvFile } from "../warehouse/duckdb/duckdb-csv-file.ts";
import type { DuckDbBounds } from "../warehouse/duckdb/duckdb-bounds.ts";
import type { TableOrSql, Warehouse } from "../warehouse/port.ts";
import { formatDatasetRef } from "../datasets/dataset.ts";
import type { Datasets } from "../datasets/datasets.ts";
import type { Preparations } from "../preparations/preparations.ts";

export interface RunData {
  table: Table;
  /**
   * The source as the run records it: a dataset with the exact version read (`NAME@VERSION`), a
   * preparation by its name.
   */
  data?: DataSource;
  /** The column the rows were filtered on, when there was one. */
  countryColumn?: string;
  /** Where the rows came from, in words, for the run's data summary. */
  source: string;
  notes: string[];
}

/** The load limits of a warehouse read, which a data file gets too, with DuckDB's bounds for reading it. */
export type LoadLimits = { maxRows: number; maxBytes: number } & DuckDbBounds;

export async function loadRunData(
  warehouse: Warehouse,
  data: DataSource | undefined,
  country: string,
  actor: Actor,
  limits: LoadLimits,
  datasets?: Pick<Datasets, "rowsFor">,
  preparations?: Pick<Preparations, "runData">,
): Promise<RunData> {
  if (!data)
    throw invalidInput(
      "data",
      "Say where the data comes from: a warehouse `table`, a `sql` query, an uploaded `dataset`, or (command line only) a CSV `file`.",
    );
  if ("preparation" in data) {
    if (preparations === undefined)
      throw invalidInput("data.preparation", "Saved preparations cannot be read here.");
    return preparations.runData(data.preparation, country, actor, limits);
  }
  if ("dataset" in data) {
    if (datasets === undefined) throw invalidInput("data.dataset", "Datasets cannot be read here.");
    const rows = await datasets.rowsFor(data.dataset, country, data.country_column, limits);
    const ref = formatDatasetRef(rows.dataset);
    const label = `dataset ${ref}`;
    const count = rows.table.data[rows.table.columns[0]!]?.length ?? 0;
    return {
      table: rows.table,
      data: { ...data, dataset: ref },
      ...(rows.countryColumn !== undefined ? { countryColumn: rows.countryColumn } : {}),
      source: label,
      notes: [
        rows.countryColumn === undefined
          ? `${label} has no country column, so all its ${count} rows are used as ${country} data.`
          : `${count} rows of ${label} where ${rows.countryColumn} = ${country}.`,
      ],
    };
  }
  if ("file" in data) {
    // A path on this machine: only the command-line process may name one. Every actor minted for an HTTP
    // request (Slack, API tokens, the local user of the viewer and API) has another kind.
    if (actor.kind !== "cli")
      throw invalidInput(
        "data.file",
        "A CSV file can only be used from the command line; from Slack or the API, name a warehouse table or a SQL query.",
      );
    const table = await readCsvFile(data.file, limits);
    return filterFileByCountry(table, data.country_column, country, data.file);
  }
  const source: TableOrSql = "table" in data ? { table: data.table } : { sql: data.sql };
  const label = "table" in data ? `table ${data.table}` : "the SQL query";
  let countryColumn = data.country_column;
  if (countryColumn === undefined) {
    const columns =
      "table" in source
        ? (await warehouse.describe(source.table)).map((c) => c.name)
        : (await warehouse.query(source, { maxRows: limits.maxRows, maxBytes: limits.maxBytes })).table
            .columns;
    countryColumn = findCountryColumn(columns);
  }
  if (countryColumn === undefined) {
    const result = await warehouse.query(source, limits);
    return {
      table: result.table,
      source: label,
      notes: [
        `${label} has no country column, so all its ${result.rowCount} rows are used as ${country} data.`,
      ],
    };
  }
  const result = await warehouse.query(source, { ...limits, country, countryColumn });
  return {
    table: result.table,
    countryColumn: result.countryColumn ?? countryColumn,
    source: label,
    notes: [
      `${result.rowCount} rows of ${label} where ${result.countryColumn ?? countryColumn} = ${country}.`,
    ],
  };
}

function filterFileByCountry(
  table: Table,
  named: string | undefined,
  country: string,
  file: string,
): RunData {
  const column = named ?? findCountryColumn(table.columns);
  if (column === undefined) {
    return {
      table,
      source: file,
      notes: [`${file} has no country column, so all its rows are used as ${country} data.`],
    };
  }
  const cells = table.data[column];
  if (!cells)
    throw invalidInput(
      "data.country_column",
      `The country column "${column}" is not in ${file}. Its columns are: ${table.columns.join(", ")}.`,
    );
  const keep = cells
    .map((cell, i) =>
      String(cell ?? "")
        .trim()
        .toUpperCase() === country
        ? i
        : -1,
    )
    .filter((i) => i >= 0);
  if (keep.length === 0) {
    const present = [
      ...new Set(
        cells.map((c) =>
          String(c ?? "")
            .trim()
            .toUpperCase(),
        ),
      ),
    ]
      .sort()
      .join(", ");
    throw invalidInput(
      "country",
      `No rows for country "${country}" in column ${column} of ${file}. Countries in the data: ${present}.`,
    );
  }
  const data = Object.fromEntries(
    table.columns.map((name) => [name, keep.map((i) => table.data[name]![i]!)]),
  );
  return {
    table: { columns: table.columns, data },
    countryColumn: column,
    source: file,
    notes: [`${keep.length} rows of ${file} where ${column} = ${country}.`],
  };
}
