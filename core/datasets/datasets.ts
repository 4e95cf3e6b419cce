/**
 * Datasets as a data source, for every surface (API, viewer, Slack, CLI): adding an uploaded file as the
 * next version of a named dataset, listing, previewing and deleting them, and reading one market's rows
 * of a version for a run.
 *
 * Adding is all or nothing: the file is checked and converted first (`snapshot-upload.ts`), then the
 * snapshot is stored under a key named by its content hash, then the version is registered; a failure
 * before registering removes the snapshot again unless another version already uses it.
 *
 * Reading copies the snapshot from the artifact store to a temporary file and queries it with DuckDB
 * within the load limits (the same as a warehouse read) and the DuckDB bounds, with the country as a
 * bound parameter, so a run holds only its market's rows.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { DuckDBConnection } from "@duckdb/node-api";
import { MmmError, invalidInput } from "../../common/errors.ts";
import type { Table } from "../../common/table.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import { isTerminal, type Actor } from "../run.ts";
import type { RunStore } from "../run-store/port.ts";
import type { DuckDbBounds } from "../warehouse/duckdb/duckdb-bounds.ts";
import { createBoundedInstance, withInterruptibleConnection } from "../warehouse/duckdb/duckdb-instance.ts";
import { boundedColumn, readAll, sqlString, type Relation } from "../warehouse/duckdb/duckdb-relation.ts";
import { findCountryColumn, resolveCountryColumn } from "../warehouse/country-column.ts";
import { ResultBudget, type ResolvedLimits } from "../warehouse/result-budget.ts";
import { quoteIdentifier } from "../warehouse/table-name.ts";
import { noRowsForCountry } from "../warehouse/warehouse-errors.ts";
import {
  datasetKey,
  datasetName,
  datasetPrefix,
  formatDatasetRef,
  nameFromFileName,
  parseDatasetRef,
  type Dataset,
  type DatasetRef,
} from "./dataset.ts";
import { snapshotUpload, type DatasetLimits, type UploadedFile } from "./snapshot-upload.ts";

export interface DatasetsDependencies {
  readonly runs: RunStore;
  readonly artifacts: ArtifactStore;
  readonly limits: DatasetLimits;
  readonly bounds: DuckDbBounds;
  /** Where temporary files go (default: the system's temporary folder). */
  readonly tempDir?: string;
}

/** One market's rows of a dataset version, for a run. */
export interface DatasetRows {
  readonly dataset: Dataset;
  readonly table: Table;
  /** The column the rows were filtered on, when there is one. */
  readonly countryColumn?: string;
}

export class Datasets {
  constructor(private readonly deps: DatasetsDependencies) {}

  /** Adds `file` as the next version of the dataset `name` (default: from the file's name). */
  async add(file: UploadedFile, options: { name?: string; actor: Actor }): Promise<Dataset> {
    const name = datasetName(options.name ?? nameFromFileName(file.fileName));
    return this.#withTempDir(async (workDir) => {
      const snapshot = await snapshotUpload(file, workDir, this.deps.limits, this.deps.bounds);
      const contentHash = await sha256File(file.path);
      const key = datasetKey(name, contentHash);
      const existed = await this.deps.artifacts.exists(key);
      await this.deps.artifacts.putFile(key, snapshot.path, "application/vnd.apache.parquet");
      try {
        return await this.deps.runs.addDataset({
          name,
          fileName: file.fileName,
          format: snapshot.format,
          ...(snapshot.sheet !== undefined ? { sheet: snapshot.sheet } : {}),
          bytes: file.bytes,
          contentHash,
          key,
          columns: snapshot.columns,
          rows: snapshot.rows,
          dateColumn: snapshot.dateColumn,
          dateRange: snapshot.dateRange,
          notes: snapshot.notes,
          uploadedBy: options.actor,
        });
      } catch (error) {
        if (!existed) await this.deps.artifacts.delete(key).catch(() => undefined);
        throw error;
      }
    });
  }

  list(): Promise<Dataset[]> {
    return this.deps.runs.listDatasets();
  }

  /** Every version of a dataset, newest first; `not_found` for an unknown name. */
  async versions(name: string): Promise<Dataset[]> {
    const versions = await this.deps.runs.listDatasetVersions(datasetName(name));
    if (versions.length === 0) throw unknownDataset({ name });
    return versions;
  }

  /** The dataset a reference names (`NAME` or `NAME@VERSION`); `not_found` when there is none. */
  async get(ref: string | DatasetRef, field = "dataset"): Promise<Dataset> {
    const parsed = typeof ref === "string" ? parseDatasetRef(ref, field) : ref;
    const dataset = await this.deps.runs.getDataset(parsed.name, parsed.version);
    if (dataset === undefined) throw unknownDataset(parsed, field);
    return dataset;
  }

  /**
   * Deletes every version of a dataset and its snapshots; `conflict` while a run that has not ended
   * reads it or a saved preparation is made on it (every run from the preparation would fail), `not_found`
   * for an unknown name.
   */
  async delete(name: string): Promise<Dataset[]> {
    const checked = datasetName(name);
    const active = (await this.deps.runs.listActiveRuns()).filter((run) => {
      const data = run.spec.data;
      return (
        !isTerminal(run.status) &&
        data !== undefined &&
        "dataset" in data &&
        refName(data.dataset) === checked
      );
    });
    if (active.length > 0) {
      throw new MmmError(
        "conflict",
        `Dataset ${checked} is used by ${active.length} run(s) that have not ended (${active.map((r) => r.id).join(", ")}): ` +
          "wait for them to end, or cancel them, then delete it.",
        { context: { field: "name", runs: active.map((r) => r.id) } },
      );
    }
    const preparations = (await this.deps.runs.listPreparations()).filter(
      (p) => "dataset" in p.source && refName(p.source.dataset) === checked,
    );
    if (preparations.length > 0) {
      const names = preparations.map((p) => p.name);
      throw new MmmError(
        "conflict",
        `Dataset ${checked} is the source of saved preparation(s) ${names.join(", ")}: delete them first (DELETE /api/preparations/NAME), then the dataset.`,
        { context: { field: "name", preparations: names } },
      );
    }
    const removed = await this.deps.runs.deleteDataset(checked);
    if (removed.length === 0) throw unknownDataset({ name: checked }, "name");
    await this.deps.artifacts.delete(datasetPrefix(checked));
    return removed;
  }

  /** The first `rows` rows of a version, for a preview. */
  async preview(dataset: Dataset, rows: number): Promise<Table> {
    return this.#query(dataset, async (c, file, relation) => {
      const list = relation.columns.map((_, i) => boundedColumn(relation, i, 1024 * 1024)).join(", ");
      const prepared = await c.prepare(`SELECT ${list} FROM read_parquet(${sqlString(file)}) LIMIT ${rows}`);
      return (await readAll(prepared, { table: formatDatasetRef(dataset) }, relation.columns, undefined))
        .table;
    });
  }

  /** The distinct values of `column` in a version (its markets), sorted, at most `limit`. */
  async values(dataset: Dataset, column: string, limit = 1000): Promise<string[]> {
    if (!dataset.columns.some((c) => c.name === column)) {
      throw invalidInput(
        "data.country_column",
        `Dataset ${formatDatasetRef(dataset)} has no column ${column}.`,
      );
    }
    return this.#query(dataset, async (c, file) => {
      const read = await c.runAndReadAll(
        `SELECT DISTINCT trim(CAST(${quoteIdentifier(column)} AS VARCHAR)) AS v FROM read_parquet(${sqlString(file)}) ` +
          `WHERE ${quoteIdentifier(column)} IS NOT NULL ORDER BY 1 LIMIT ${limit}`,
      );
      return read.getRowsJS().map((row) => String(row[0]));
    });
  }

  /**
   * The rows of `country` in a version, within `limits`: filtered on `countryColumn` (default: the
   * country column found by name); all rows when the dataset has none.
   */
  async rowsFor(
    ref: string,
    country: string,
    countryColumn: string | undefined,
    limits: ResolvedLimits,
  ): Promise<DatasetRows> {
    const dataset = await this.get(ref, "data.dataset");
    const label = `dataset ${formatDatasetRef(dataset)}`;
    const names = dataset.columns.map((c) => c.name);
    const column =
      countryColumn !== undefined
        ? resolveCountryColumn(names, countryColumn, label)
        : findCountryColumn(names);
    const source = { table: formatDatasetRef(dataset) };
    const table = await this.#query(dataset, async (c, file, relation) => {
      const list = relation.columns.map((_, i) => boundedColumn(relation, i, limits.maxBytes)).join(", ");
      const where =
        column === undefined
          ? ""
          : ` WHERE upper(trim(CAST(${quoteIdentifier(column)} AS VARCHAR))) = $country`;
      const prepared = await c.prepare(
        `SELECT ${list} FROM read_parquet(${sqlString(file)})${where} LIMIT ${limits.maxRows + 1}`,
      );
      if (column !== undefined) prepared.bind({ country: country.trim().toUpperCase() });
      const read = await readAll(prepared, source, relation.columns, new ResultBudget(source, limits));
      if (column !== undefined && read.rowCount === 0) {
        throw noRowsForCountry(source, country, column, await distinctValues(c, file, column));
      }
      return read.table;
    });
    return { dataset, table, ...(column !== undefined ? { countryColumn: column } : {}) };
  }

  /**
   * The markets of a version: the distinct non-empty values of its country column (`countryColumn`, else
   * the one found by name), sorted, at most 1,000; none when it has no such column.
   */
  async markets(dataset: Dataset, countryColumn?: string): Promise<{ column?: string; markets: string[] }> {
    const names = dataset.columns.map((c) => c.name);
    const column =
      countryColumn !== undefined
        ? resolveCountryColumn(names, countryColumn, `dataset ${formatDatasetRef(dataset)}`)
        : findCountryColumn(names);
    if (column === undefined) return { markets: [] };
    const markets = await this.#query(dataset, (c, file) => distinctValues(c, file, column));
    return { column, markets };
  }

  /** Runs `work` over the version's snapshot, copied to a temporary file, in a bounded DuckDB. */
  async #query<T>(
    dataset: Dataset,
    work: (c: DuckDBConnection, file: string, relation: Relation) => Promise<T>,
  ): Promise<T> {
    return this.#withTempDir(async (dir) => {
      const file = join(dir, "snapshot.parquet");
      if (!(await this.deps.artifacts.getFile(dataset.key, file))) {
        throw new MmmError(
          "not_found",
          `The snapshot of dataset ${formatDatasetRef(dataset)} is missing from the artifact store: upload the file again.`,
          { context: { field: "dataset", key: dataset.key } },
        );
      }
      const instance = await createBoundedInstance(this.deps.bounds);
      try {
        const timeoutSeconds = this.deps.bounds.queryTimeoutSeconds ?? 120;
        return await withInterruptibleConnection(
          instance,
          {
            timeoutSeconds,
            interrupted: () =>
              invalidInput(
                "data.dataset",
                `Reading dataset ${formatDatasetRef(dataset)} took longer than ${timeoutSeconds} s.`,
              ),
          },
          async (c) => {
            const statement = await c.prepare(`SELECT * FROM read_parquet(${sqlString(file)})`);
            const count = statement.columnCount;
            const relation: Relation = {
              from: `read_parquet(${sqlString(file)})`,
              columns: Array.from({ length: count }, (_, i) => statement.columnName(i)),
              typeIds: Array.from({ length: count }, (_, i) => statement.columnTypeId(i)),
              typeNames: Array.from({ length: count }, (_, i) => statement.columnType(i).toString()),
              usesPlaceholder: false,
            };
            statement.destroySync();
            return work(c, file, relation);
          },
        );
      } finally {
        instance.closeSync();
      }
    });
  }

  async #withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(this.deps.tempDir ?? tmpdir(), "mmm-dataset-"));
    try {
      return await work(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** The distinct non-empty values of a column of a snapshot, as trimmed text, sorted (at most 1,000). */
async function distinctValues(c: DuckDBConnection, file: string, column: string): Promise<string[]> {
  const text = `trim(CAST(${quoteIdentifier(column)} AS VARCHAR))`;
  const values = await c.runAndReadAll(
    `SELECT DISTINCT ${text} FROM read_parquet(${sqlString(file)}) WHERE ${text} <> '' ORDER BY 1 LIMIT 1000`,
  );
  return values.getRowsJS().map((row) => String(row[0]));
}

function refName(ref: string): string | undefined {
  try {
    return parseDatasetRef(ref).name;
  } catch {
    return undefined;
  }
}

function unknownDataset(ref: DatasetRef, field = "dataset"): MmmError {
  return new MmmError(
    "not_found",
    ref.version === undefined
      ? `There is no dataset ${ref.name}: upload a file under that name first (mmm datasets list shows them).`
      : `Dataset ${ref.name} has no version ${ref.version}.`,
    { context: { field } },
  );
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}
