/**
 * A dataset: an uploaded file kept as an immutable, named, versioned snapshot. Each upload under a name
 * adds the next version (1, 2, …); a version never changes once stored. The snapshot itself is a Parquet
 * file in the artifact store (`datasetKey`), written by DuckDB from the upload whatever its format, so
 * every reader (a run's data load, the preview) reads one typed format; the record in the run store says
 * what it holds.
 *
 * A run names a dataset as `NAME` (its latest version when the run starts) or `NAME@VERSION`; the run's
 * spec then records the exact version it used.
 */
import { invalidInput } from "../../common/errors.ts";
import type { Actor } from "../run.ts";

/** The kinds of file an upload may be. */
export const DATASET_FORMATS = ["csv", "parquet", "xlsx"] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** A column of a snapshot: its name as written in the file, and its kind as read. */
export interface DatasetColumn {
  readonly name: string;
  /** `number`, `date`, `string` or `boolean` (the warehouse port's column types). */
  readonly type: "number" | "date" | "string" | "boolean";
}

export interface Dataset {
  /** Lower-case letters, digits, `-` and `_`, starting with a letter or digit (`DATASET_NAME`). */
  readonly name: string;
  /** 1 for the first upload under the name, then one more for each. */
  readonly version: number;
  /** The uploaded file's own name, e.g. `weekly.csv`. */
  readonly fileName: string;
  readonly format: DatasetFormat;
  /** The sheet read, for an XLSX file. */
  readonly sheet?: string;
  /** Size of the uploaded file in bytes. */
  readonly bytes: number;
  /** SHA-256 of the uploaded file, lower-case hex: the same file gives the same hash. */
  readonly contentHash: string;
  /** Artifact key of the Parquet snapshot (`datasetKey`). */
  readonly key: string;
  readonly columns: readonly DatasetColumn[];
  readonly rows: number;
  /** The column read as the date, and the first and last date in it (YYYY-MM-DD). */
  readonly dateColumn: string;
  readonly dateRange: { readonly start: string; readonly end: string };
  /** How the file was read (delimiter, decimal comma, date format), in words, for the preview. */
  readonly notes: readonly string[];
  readonly uploadedBy: Actor;
  /** ISO 8601; set by the store's clock. */
  readonly uploadedAt: string;
}

/** What is registered: everything but the version and time, which the store assigns. */
export type DatasetDraft = Omit<Dataset, "version" | "uploadedAt">;

export const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A dataset name as given, checked; `field` names where it came from in errors. */
export function datasetName(name: string, field = "name"): string {
  const trimmed = name.trim();
  if (!DATASET_NAME.test(trimmed)) {
    throw invalidInput(
      field,
      `"${name}" cannot name a dataset: use 1 to 64 lower-case letters, digits, - and _, starting with a letter or digit (e.g. weekly-sales).`,
    );
  }
  return trimmed;
}

/** A name made from an uploaded file's name: `Weekly Sales 2024.csv` → `weekly-sales-2024`. */
export function nameFromFileName(fileName: string): string {
  const stem = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  const slug = stem
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, 64)
    .replace(/[-_]+$/, "");
  return slug === "" ? "dataset" : slug;
}

/** `NAME` or `NAME@VERSION`, as a run names a dataset. */
export interface DatasetRef {
  readonly name: string;
  /** Absent: the latest version. */
  readonly version?: number;
}

export function parseDatasetRef(text: string, field = "data.dataset"): DatasetRef {
  const at = text.lastIndexOf("@");
  if (at < 0) return { name: datasetName(text, field) };
  const version = text.slice(at + 1).trim();
  if (!/^[1-9][0-9]{0,8}$/.test(version)) {
    throw invalidInput(
      field,
      `"${text}" names no dataset version: write NAME for the latest version or NAME@VERSION, e.g. weekly-sales@2.`,
    );
  }
  return { name: datasetName(text.slice(0, at), field), version: Number(version) };
}

export function formatDatasetRef(ref: DatasetRef): string {
  return ref.version === undefined ? ref.name : `${ref.name}@${ref.version}`;
}

/**
 * The artifact key of a snapshot: by content hash, so that the file is written before the record that
 * names it, and an upload that fails to register leaves nothing another upload could mistake for its own.
 */
export function datasetKey(name: string, contentHash: string): string {
  return `datasets/${name}/${contentHash}.parquet`;
}

/** The artifact prefix of every snapshot of a dataset. */
export function datasetPrefix(name: string): string {
  return `datasets/${name}/`;
}
