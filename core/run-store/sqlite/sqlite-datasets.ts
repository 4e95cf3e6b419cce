/**
 * Datasets in the SQLite run store: one row per version, its JSON in `body`. The caller holds the
 * transaction around `insertNextDataset` and `removeDataset`, so the next version is read and taken at once.
 */
import type { Dataset, DatasetDraft } from "../../datasets/dataset.ts";
import { datasetRecord } from "../dataset-record.ts";
import { allBodies, firstBody, firstValue } from "./sqlite-rows.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";

export function insertNextDataset(db: SqliteDatabase, draft: DatasetDraft, uploadedAt: string): Dataset {
  const latest = Number(
    firstValue(db, "SELECT COALESCE(MAX(version), 0) AS v FROM datasets WHERE name = ?", "v", draft.name),
  );
  const dataset = datasetRecord(draft, latest + 1, uploadedAt);
  db.prepare("INSERT INTO datasets (name, version, uploaded_at, body) VALUES (?, ?, ?, ?)").run(
    dataset.name,
    dataset.version,
    uploadedAt,
    JSON.stringify(dataset),
  );
  return dataset;
}

export function selectDataset(db: SqliteDatabase, name: string, version?: number): Dataset | undefined {
  return version === undefined
    ? firstBody<Dataset>(db, "SELECT body FROM datasets WHERE name = ? ORDER BY version DESC LIMIT 1", name)
    : firstBody<Dataset>(db, "SELECT body FROM datasets WHERE name = ? AND version = ?", name, version);
}

export function selectLatestDatasets(db: SqliteDatabase): Dataset[] {
  return allBodies<Dataset>(
    db,
    "SELECT body FROM datasets AS d WHERE version = (SELECT MAX(version) FROM datasets WHERE name = d.name) ORDER BY name",
  );
}

export function selectDatasetVersions(db: SqliteDatabase, name: string): Dataset[] {
  return allBodies<Dataset>(db, "SELECT body FROM datasets WHERE name = ? ORDER BY version DESC", name);
}

export function removeDataset(db: SqliteDatabase, name: string): Dataset[] {
  const versions = selectDatasetVersions(db, name);
  db.prepare("DELETE FROM datasets WHERE name = ?").run(name);
  return versions;
}
