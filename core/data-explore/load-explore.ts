/**
 * Explore for one source and market, before any run: lists the sources a person can pick (warehouse
 * tables and uploaded datasets), a source's markets (the values of its market or country column), and
 * reads one market's rows the way a run would (`loadRunData`: the market is a bound parameter, within
 * the load limits) before aggregating them (`aggregate-explore.ts`).
 *
 * Errors name the request's parameters (`table`, `dataset`, `market`, `goal`, `start`, `end`, `grain`,
 * `metric`), not the RunSpec fields a run's errors name, because that is what the person typed.
 */
import { MmmError, invalidInput } from "../../common/errors.ts";
import { rowCount } from "../../common/table.ts";
import type { Datasets } from "../datasets/datasets.ts";
import { formatDatasetRef, type Dataset } from "../datasets/dataset.ts";
import { loadRunData, type LoadLimits } from "../lifecycle/load-run-data.ts";
import type { Actor } from "../run.ts";
import type { Services } from "../services.ts";
import { duckDbBounds } from "../warehouse/duckdb/duckdb-bounds.ts";
import { findCountryColumn } from "../warehouse/country-column.ts";
import { hasCountryPlaceholder } from "../warehouse/sql-guard.ts";
import type { TableInfo, Warehouse } from "../warehouse/port.ts";
import { aggregateExplore, type Explore, type ExploreRequest } from "./aggregate-explore.ts";
import { cellsOf, ExploreCache } from "./explore-cache.ts";
import { exploreColumns } from "./explore-columns.ts";

/** A warehouse table, an uploaded dataset, or a read-only SQL query over the warehouse (the SQL training source's rules). */
export type ExploreSource =
  { readonly table: string } | { readonly dataset: string } | { readonly sql: string };

export interface ExploreQuery extends ExploreRequest {
  readonly source: ExploreSource;
  readonly market?: string;
  readonly goal?: string;
}

export interface ExploreDependencies {
  readonly warehouse: Warehouse;
  readonly datasets: Pick<Datasets, "list" | "get" | "markets" | "rowsFor">;
  readonly limits: LoadLimits;
  readonly cache: ExploreCache;
}

export interface SourceMarkets {
  /** How the source is named in messages: `table DEMO.X`, `dataset shop@2`. */
  readonly label: string;
  /** For a dataset: the version read (`NAME@VERSION`), so that the rows come from the same one. */
  readonly dataset?: string;
  /**
   * For a dataset: what names its content (the snapshot's key, made from the file's hash), for the cache:
   * a name's versions start again at 1 after it is deleted, so `NAME@VERSION` alone could name other data.
   */
  readonly snapshot?: string;
  /** The market (or country) column, when the source has one. */
  readonly column?: string;
  readonly markets: readonly string[];
}

export interface ExploreAnswer {
  readonly source: string;
  readonly market: string | null;
  readonly marketColumn: string | null;
  readonly markets: readonly string[];
  readonly rows: number;
  readonly explore: Explore;
}

const dependencies = new WeakMap<Services, ExploreDependencies>();

/** The app's warehouse and datasets, read within the same limits as a run's data; one cache per app. */
export function exploreDependencies(services: Services): ExploreDependencies {
  const known = dependencies.get(services);
  if (known) return known;
  const { config } = services;
  const made: ExploreDependencies = {
    cache: new ExploreCache(),
    warehouse: services.warehouse,
    datasets: services.datasets,
    limits: {
      maxRows: config.WAREHOUSE_MAX_ROWS,
      maxBytes: config.WAREHOUSE_MAX_BYTES,
      ...duckDbBounds(config),
    },
  };
  dependencies.set(services, made);
  return made;
}

/** The tables and views of the warehouse and the latest version of every dataset, for the source picker. */
export async function exploreSources(
  deps: ExploreDependencies,
): Promise<{ tables: TableInfo[]; datasets: Dataset[] }> {
  const [tables, datasets] = await Promise.all([deps.warehouse.listTables(), deps.datasets.list()]);
  return { tables, datasets };
}

export async function sourceMarkets(
  deps: ExploreDependencies,
  source: ExploreSource,
): Promise<SourceMarkets> {
  return asParameterError(source, async () => {
    if ("dataset" in source) {
      const dataset = await deps.datasets.get(source.dataset, "dataset");
      const ref = formatDatasetRef(dataset);
      const { column, markets } = await deps.cache.keep(`markets ${dataset.key}`, () =>
        deps.datasets.markets(dataset),
      );
      return {
        label: `dataset ${ref}`,
        dataset: ref,
        snapshot: dataset.key,
        ...(column ? { column } : {}),
        markets,
      };
    }
    if ("sql" in source && hasCountryPlaceholder(source.sql)) {
      throw invalidInput(
        "sql",
        "Explore lists a query's markets from its rows, so the query cannot use the {country} placeholder: leave the market filter out of the query (Explore filters on the market column you choose).",
      );
    }
    // A query's columns are known only by running it (read-only and within a run's limits, as a run would).
    const columns =
      "table" in source
        ? (await deps.warehouse.describe(source.table)).map((c) => c.name)
        : (
            await deps.warehouse.query(source, {
              maxRows: deps.limits.maxRows,
              maxBytes: deps.limits.maxBytes,
            })
          ).table.columns;
    const column = findCountryColumn(columns);
    const label = "table" in source ? `table ${source.table}` : "the SQL query";
    if (column === undefined) return { label, markets: [] };
    return { label, column, markets: await deps.warehouse.countries(source, column) };
  });
}

/** The market asked for, checked against the source's markets (matched case-insensitively). */
export function chosenMarket(found: SourceMarkets, asked: string | undefined): string | undefined {
  const market = asked?.trim() || undefined;
  if (found.column === undefined) {
    if (market === undefined) return undefined;
    throw invalidInput(
      "market",
      `${found.label} has no market or country column, so it holds one market: leave market empty.`,
    );
  }
  if (market === undefined) {
    throw invalidInput(
      "market",
      `${found.label} holds several markets in column ${found.column}: choose one of ${found.markets.join(", ")}.`,
    );
  }
  const match = found.markets.find((m) => m.toUpperCase() === market.toUpperCase());
  if (match === undefined) {
    throw invalidInput(
      "market",
      `There is no market "${market}" in column ${found.column} of ${found.label}: choose one of ${found.markets.join(", ")}.`,
    );
  }
  return match;
}

export async function loadExplore(
  deps: ExploreDependencies,
  query: ExploreQuery,
  actor: Actor,
  /** The source's markets when the caller already read them (`sourceMarkets`). */
  markets?: SourceMarkets,
): Promise<ExploreAnswer> {
  const found = markets ?? (await sourceMarkets(deps, query.source));
  const market = chosenMarket(found, query.market);
  const source = found.dataset !== undefined ? { dataset: found.dataset } : query.source;
  const load = () =>
    asParameterError(query.source, () =>
      loadRunData(
        deps.warehouse,
        { ...source, ...(found.column !== undefined ? { country_column: found.column } : {}) },
        market ?? "ALL",
        actor,
        deps.limits,
        deps.datasets,
      ),
    );
  // A dataset version never changes, so its rows are kept here; the cached warehouse keeps a table's.
  const data =
    found.dataset !== undefined
      ? await deps.cache.keep(`rows ${found.snapshot} ${found.dataset} ${market ?? ""}`, load, (d) =>
          cellsOf(d.table),
        )
      : await load();
  const goal = query.goal?.trim() ?? "";
  const columns = deps.cache.columns(data.table, goal, () =>
    exploreColumns(data.table, {
      ...(goal !== "" ? { goal } : {}),
      ...(found.column !== undefined ? { marketColumn: found.column } : {}),
    }),
  );
  return {
    source: found.label,
    market: market ?? null,
    marketColumn: found.column ?? null,
    markets: found.markets,
    rows: rowCount(data.table),
    explore: aggregateExplore(data.table, columns, query),
  };
}

/**
 * A source's own errors (`data.table`, `data.sql`, `data.dataset`, `data.country_column`) are about this
 * request's parameter.
 */
async function asParameterError<T>(source: ExploreSource, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof MmmError) || error.field === undefined) throw error;
    const parameter =
      error.field === "data.country_column" || error.field === "country"
        ? "market"
        : error.field.startsWith("data.") || error.field === "dataset"
          ? sourceParameter(source)
          : error.field;
    if (parameter === error.field) throw error;
    throw new MmmError(error.code, error.message, {
      context: { ...error.context, field: parameter },
      cause: error,
    });
  }
}

/** The request parameter that names the source: `table`, `dataset` or `sql`. */
export function sourceParameter(source: ExploreSource): "table" | "dataset" | "sql" {
  return "table" in source ? "table" : "dataset" in source ? "dataset" : "sql";
}
