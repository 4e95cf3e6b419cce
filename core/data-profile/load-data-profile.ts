/**
 * The data profile of a warehouse table, an uploaded dataset or a read-only SQL query for one market: the
 * rows are read the way a run reads them (`loadRunData`: the market column is a bound filter, a source
 * without one is one market; SQL passes the same read-only checks as a run's SQL source), the goal is
 * checked, and `profileTable` does the numbers. Errors name the request's own fields (`table`, `dataset`,
 * `sql`, `market`, `goal`), whatever the loader called them.
 */
import { closestNames } from "../../common/closest-names.ts";
import type { Table } from "../../common/table.ts";
import { MmmError, invalidInput, isMmmError } from "../../common/errors.ts";
import { loadRunData, type LoadLimits } from "../lifecycle/load-run-data.ts";
import { suggestMapping } from "../mapping/auto-map.ts";
import { profileColumn } from "../mapping/column-profile.ts";
import type { Datasets } from "../datasets/datasets.ts";
import type { Actor } from "../run.ts";
import type { DataSource } from "../run-spec.ts";
import type { Warehouse } from "../warehouse/port.ts";
import type { DataProfile } from "./data-profile.ts";
import { profileTable } from "./profile-table.ts";

export interface DataProfileRequest {
  /** A warehouse table; exactly one of `table`, `dataset` and `sql`. */
  readonly table?: string;
  /** An uploaded dataset, `NAME` or `NAME@VERSION`. */
  readonly dataset?: string;
  /** One read-only SQL statement over the warehouse, checked like a run's SQL source (`assertReadOnlySql`). */
  readonly sql?: string;
  /** A value of the source's market column (all rows when it has none). */
  readonly market: string;
  /** The goal column; the auto-mapping's goal when left out. */
  readonly goal?: string;
  /** Other goal columns (numbers), each profiled against every variable and never a regressor. */
  readonly secondary?: readonly string[];
}

export interface DataProfileDependencies {
  readonly warehouse: Warehouse;
  readonly datasets: Pick<Datasets, "rowsFor">;
  readonly limits: LoadLimits;
}

/** The loader's field names, as the request calls them. */
const REQUEST_FIELDS: Readonly<Record<string, string>> = {
  "data.table": "table",
  "data.dataset": "dataset",
  "data.sql": "sql",
  country: "market",
  "data.country_column": "market",
};

export async function loadDataProfile(
  deps: DataProfileDependencies,
  request: DataProfileRequest,
  actor: Actor,
): Promise<DataProfile> {
  const data = sourceOf(request);
  const market = request.market.trim();
  if (market === "")
    throw invalidInput("market", "Name the market: a value of the data's market column, such as DE.");
  const loaded = await loadRunData(deps.warehouse, data, market, actor, deps.limits, deps.datasets).catch(
    (error: unknown) => {
      throw renamed(error);
    },
  );
  const { table } = loaded;
  const goal =
    request.goal ??
    suggestMapping(table, loaded.countryColumn ? { countryColumn: loaded.countryColumn } : {}).spec.dep_var;
  if (goal === undefined) {
    throw invalidInput(
      "goal",
      `No goal column was found in ${loaded.source}: name the column to explain with goal (its columns are: ${table.columns.join(", ")}).`,
    );
  }
  if (!table.columns.includes(goal)) {
    const close = closestNames(goal, table.columns);
    throw invalidInput(
      "goal",
      `Column ${goal} is not in ${loaded.source}.${close.length > 0 ? ` Did you mean ${close.join(" or ")}?` : ""} Its columns are: ${table.columns.join(", ")}.`,
    );
  }
  assertNumbers(table, goal, "goal", loaded.source);
  const secondary = [...new Set(request.secondary ?? [])];
  for (const column of secondary) {
    if (column === goal)
      throw invalidInput("secondary", `${goal} is the main goal: name other columns as secondary goals.`);
    if (!table.columns.includes(column)) {
      const close = closestNames(column, table.columns);
      throw invalidInput(
        "secondary",
        `Column ${column} is not in ${loaded.source}.${close.length > 0 ? ` Did you mean ${close.join(" or ")}?` : ""}`,
      );
    }
    assertNumbers(table, column, "secondary", loaded.source);
  }
  return profileTable({
    table,
    goal,
    market,
    source: loaded.source,
    ...(loaded.countryColumn ? { countryColumn: loaded.countryColumn } : {}),
    ...(secondary.length > 0 ? { secondaryGoals: secondary } : {}),
  });
}

function assertNumbers(table: Table, column: string, field: string, source: string): void {
  const kind = profileColumn(table.data[column] ?? []).kind;
  if (kind === "number") return;
  throw invalidInput(
    field,
    `The goal ${column} must hold numbers (revenue or conversions); in ${source} it holds ${kind === "empty" ? "nothing" : kind === "mixed" ? "numbers and text" : `${kind}s`}.`,
  );
}

function sourceOf(request: DataProfileRequest): DataSource {
  const given = (["table", "dataset", "sql"] as const).filter((k) => (request[k]?.trim() ?? "") !== "");
  if (given.length > 1) {
    throw invalidInput(
      given[1]!,
      `Name one source, not ${given.join(" and ")}: the profile reads a table, a dataset or a SQL query.`,
    );
  }
  const table = request.table?.trim();
  const dataset = request.dataset?.trim();
  const sql = request.sql?.trim();
  if (table) return { table };
  if (dataset) return { dataset };
  if (sql) return { sql };
  throw invalidInput(
    "table",
    "Name the data to profile: table (a warehouse table), dataset (NAME or NAME@VERSION) or sql (a read-only query).",
  );
}

function renamed(error: unknown): unknown {
  if (!isMmmError(error)) return error;
  const field = error.field !== undefined ? REQUEST_FIELDS[error.field] : undefined;
  if (field === undefined) return error;
  return new MmmError(error.code, error.message, {
    context: { ...error.context, field },
    cause: error,
    retry: error.retry,
  });
}
