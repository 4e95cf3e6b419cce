/**
 * The BigQuery catalog as the warehouse shows it, read through the API (`datasets.list`, `tables.list`,
 * `tables.get`: free, and limited to what the service account may see): the tables and views of the
 * default dataset, or of every dataset of the project when none is set; the resolution of a name typed by
 * a person to exactly one of them; and a table's declared columns.
 *
 * Names follow `table-name.ts`: `TABLE` (in the default dataset), `DATASET.TABLE` or
 * `PROJECT.DATASET.TABLE` (a project id with dashes in double quotes, `"my-project".SALES.WEEKLY`). Plain
 * parts match case-insensitively, quoted parts exactly, although BigQuery's own names are case-sensitive:
 * a name matching two tables that differ only in case is refused as ambiguous. Datasets whose name starts
 * with `_` (hidden, e.g. cached query results) are never listed.
 */
import type { TableMetadata } from "@google-cloud/bigquery";
import { MmmError, invalidInput } from "../../../common/errors.ts";
import type { ColumnInfo } from "../port.ts";
import { formatTableName, parseTableName, partMatches, type TableNamePart } from "../table-name.ts";
import { ambiguousTable, unknownTable } from "../warehouse-errors.ts";
import { bigQueryError, reasonOf, type BigQueryErrorContext } from "./bigquery-errors.ts";
import type { BigQueryJobs } from "./bigquery-jobs.ts";
import { quoteBigQueryIdentifier } from "./bigquery-sql.ts";
import { columnTypeOfBigQuery, nullableOf, warehouseTypeOf, type BigQueryField } from "./bigquery-values.ts";

export interface CatalogTable {
  readonly project: string;
  readonly dataset: string;
  readonly name: string;
  /** BigQuery's table type: `TABLE`, `VIEW`, `MATERIALIZED_VIEW`, `EXTERNAL`, `SNAPSHOT`. */
  readonly type: string;
  readonly kind: "table" | "view";
  /** Name shown to people: the app's project is left out. */
  readonly display: string;
  /** Reference for SQL, each part in backticks. */
  readonly ref: string;
}

export interface CatalogSettings {
  /** The project queries run in, and the default one for names. */
  readonly project: string;
  /** The dataset of unqualified names, and the one listed; all of the project's when absent. */
  readonly dataset?: string;
  readonly errorContext: BigQueryErrorContext;
}

export class BigQueryCatalog {
  readonly #jobs: BigQueryJobs;
  readonly #settings: CatalogSettings;

  constructor(jobs: BigQueryJobs, settings: CatalogSettings) {
    this.#jobs = jobs;
    this.#settings = settings;
  }

  /** The tables and views users may load: the default dataset's, or every visible dataset's. */
  async tables(): Promise<CatalogTable[]> {
    const { project, dataset } = this.#settings;
    const datasets = dataset !== undefined ? [dataset] : await this.#datasets(project);
    const lists = await Promise.all(datasets.map((d) => this.#tablesOf(project, d)));
    return lists.flat();
  }

  /**
   * The one table or view `text` names. Throws `invalid_input` (`data.table`) when the name is malformed,
   * matches nothing (listing what there is) or matches several tables.
   */
  async resolve(text: string): Promise<CatalogTable> {
    const parts = parseTableName(text);
    const [table, datasetPart, projectPart] = [...parts].reverse() as [
      TableNamePart,
      TableNamePart | undefined,
      TableNamePart | undefined,
    ];
    const project = projectPart
      ? projectPart.quoted
        ? projectPart.name
        : projectPart.name.toLowerCase()
      : this.#settings.project;
    let datasets: string[];
    if (datasetPart !== undefined) {
      datasets = (await this.#datasets(project)).filter((d) => partMatches(datasetPart, d));
    } else if (this.#settings.dataset !== undefined) {
      datasets = [this.#settings.dataset];
    } else {
      throw invalidInput(
        "data.table",
        `Table ${text.trim()} names no dataset, and no default dataset is set (BIGQUERY_DATASET): write ` +
          "it as DATASET.TABLE.",
        { table: text.trim() },
      );
    }
    const candidates = (await Promise.all(datasets.map((d) => this.#tablesOf(project, d)))).flat();
    const matches = candidates.filter((t) => partMatches(table, t.name));
    if (matches.length === 1) return matches[0]!;
    if (matches.length === 0) {
      throw unknownTable(text.trim(), (await this.tables()).map((t) => t.display).sort());
    }
    throw ambiguousTable(text.trim(), matches.map((t) => t.display).sort());
  }

  /** A table's metadata (`tables.get`): its schema, and its row count for tables. */
  async metadata(table: CatalogTable): Promise<TableMetadata> {
    try {
      const [metadata] = await this.#jobs.client
        .dataset(table.dataset, { projectId: table.project })
        .table(table.name)
        .getMetadata();
      return metadata as TableMetadata;
    } catch (error) {
      throw bigQueryError(error, { table: table.display }, this.#settings.errorContext);
    }
  }

  /** The declared columns of a table, in table order. */
  async columns(table: CatalogTable): Promise<ColumnInfo[]> {
    return columnsOf((await this.metadata(table)).schema?.fields ?? []);
  }

  async #datasets(project: string): Promise<string[]> {
    try {
      const [datasets] = await this.#jobs.client.getDatasets({ projectId: project });
      return datasets
        .map((d) => d.id ?? "")
        .filter((id) => id !== "" && !id.startsWith("_"))
        .sort();
    } catch (error) {
      throw bigQueryError(error, undefined, this.#settings.errorContext);
    }
  }

  async #tablesOf(project: string, dataset: string): Promise<CatalogTable[]> {
    try {
      const [tables] = await this.#jobs.client.dataset(dataset, { projectId: project }).getTables();
      return tables.map((t) => {
        const name = t.id ?? "";
        const type = String((t.metadata as { type?: string } | undefined)?.type ?? "TABLE");
        return {
          project,
          dataset,
          name,
          type,
          kind: /VIEW/.test(type) ? "view" : "table",
          display: formatTableName(
            project === this.#settings.project ? [dataset, name] : [project, dataset, name],
          ),
          ref: [project, dataset, name].map(quoteBigQueryIdentifier).join("."),
        };
      });
    } catch (error) {
      if (reasonOf(error) === "notFound" && dataset === this.#settings.dataset) {
        throw new MmmError(
          "unavailable",
          `BigQuery has no dataset ${dataset} in project ${project} that the app's account can see: set ` +
            "BIGQUERY_DATASET to the dataset holding the marketing tables, and grant the account " +
            "roles/bigquery.dataViewer on it.",
          { context: { field: "BIGQUERY_DATASET", dataset }, cause: error, retry: false },
        );
      }
      throw bigQueryError(error, undefined, this.#settings.errorContext);
    }
  }
}

/** Schema fields as the port's columns. */
export function columnsOf(fields: readonly BigQueryField[]): ColumnInfo[] {
  return fields.map((field) => ({
    name: field.name ?? "",
    type: columnTypeOfBigQuery(field),
    nullable: nullableOf(field),
    warehouseType: warehouseTypeOf(field),
  }));
}
