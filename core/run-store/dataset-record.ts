/**
 * Checks shared by every RunStore adapter for a dataset registration (`addDataset`), and the record a
 * draft becomes once the store has given it a version and a time.
 */
import { invalidInput } from "../../common/errors.ts";
import {
  DATASET_FORMATS,
  DATASET_NAME,
  datasetKey,
  type Dataset,
  type DatasetDraft,
} from "../datasets/dataset.ts";

const SHA256_HEX = /^[0-9a-f]{64}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The draft, checked; throws `invalid_input` naming the first bad field. */
export function assertDatasetDraft(draft: DatasetDraft): void {
  if (typeof draft.name !== "string" || !DATASET_NAME.test(draft.name)) {
    throw invalidInput("name", `"${String(draft.name)}" cannot name a dataset.`);
  }
  if (typeof draft.contentHash !== "string" || !SHA256_HEX.test(draft.contentHash)) {
    throw invalidInput(
      "contentHash",
      "A dataset's content hash is its SHA-256: 64 lower-case hex characters.",
    );
  }
  if (draft.key !== datasetKey(draft.name, draft.contentHash)) {
    throw invalidInput("key", `A dataset's snapshot lives at ${datasetKey(draft.name, draft.contentHash)}.`);
  }
  if (!DATASET_FORMATS.includes(draft.format)) {
    throw invalidInput("format", `A dataset is one of ${DATASET_FORMATS.join(", ")}.`);
  }
  if (!Number.isSafeInteger(draft.rows) || draft.rows < 1) {
    throw invalidInput("rows", "A dataset has at least one row.");
  }
  if (!Number.isSafeInteger(draft.bytes) || draft.bytes < 1) {
    throw invalidInput("bytes", "A dataset's file has at least one byte.");
  }
  if (!Array.isArray(draft.columns) || draft.columns.length === 0) {
    throw invalidInput("columns", "A dataset has at least one column.");
  }
  if (!draft.columns.some((column) => column.name === draft.dateColumn)) {
    throw invalidInput(
      "dateColumn",
      `The date column ${draft.dateColumn} is not one of the dataset's columns.`,
    );
  }
  const { start, end } = draft.dateRange ?? {};
  if (!ISO_DATE.test(String(start)) || !ISO_DATE.test(String(end)) || String(end) < String(start)) {
    throw invalidInput(
      "dateRange",
      "A dataset's date range is two dates, YYYY-MM-DD, the first not after the last.",
    );
  }
  if (typeof draft.uploadedBy?.id !== "string" || typeof draft.uploadedBy?.kind !== "string") {
    throw invalidInput("uploadedBy", "A dataset records who uploaded it.");
  }
}

/** The stored record: the draft's own fields only, with its version and time. */
export function datasetRecord(draft: DatasetDraft, version: number, uploadedAt: string): Dataset {
  return {
    name: draft.name,
    version,
    fileName: draft.fileName,
    format: draft.format,
    ...(draft.sheet !== undefined ? { sheet: draft.sheet } : {}),
    bytes: draft.bytes,
    contentHash: draft.contentHash,
    key: draft.key,
    columns: draft.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: draft.rows,
    dateColumn: draft.dateColumn,
    dateRange: { start: draft.dateRange.start, end: draft.dateRange.end },
    notes: [...draft.notes],
    uploadedBy: draft.uploadedBy,
    uploadedAt,
  };
}
