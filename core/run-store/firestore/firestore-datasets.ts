/**
 * Datasets in the Firestore run store: `datasets/{name}` holds the latest version number and that
 * version's JSON (`current`), so a list is one query; `datasets/{name}/versions/{version}` holds each
 * version. The caller holds the transaction around `insertNextDataset` and `removeDataset`.
 */
import type { DocumentReference, Firestore, Transaction } from "@google-cloud/firestore";
import type { Dataset, DatasetDraft } from "../../datasets/dataset.ts";
import { datasetRecord } from "../dataset-record.ts";
import { COLLECTIONS, bodyOf, documentId } from "./firestore-documents.ts";

function datasetRef(db: Firestore, name: string): DocumentReference {
  return db.collection(COLLECTIONS.datasets).doc(documentId(name));
}

function versionRef(db: Firestore, name: string, version: number): DocumentReference {
  return datasetRef(db, name).collection(COLLECTIONS.datasetVersions).doc(String(version));
}

export async function insertNextDataset(
  db: Firestore,
  tx: Transaction,
  draft: DatasetDraft,
  uploadedAt: string,
): Promise<Dataset> {
  const parent = datasetRef(db, draft.name);
  const latest = (await tx.get(parent)).get("latest") as number | undefined;
  const dataset = datasetRecord(draft, (latest ?? 0) + 1, uploadedAt);
  const body = JSON.stringify(dataset);
  tx.set(parent, { name: dataset.name, latest: dataset.version, current: body });
  tx.create(versionRef(db, dataset.name, dataset.version), { version: dataset.version, body });
  return dataset;
}

export async function selectDataset(
  db: Firestore,
  name: string,
  version?: number,
): Promise<Dataset | undefined> {
  if (version !== undefined) return bodyOf<Dataset>((await versionRef(db, name, version).get()).data());
  const current = (await datasetRef(db, name).get()).get("current") as string | undefined;
  return current === undefined ? undefined : (JSON.parse(current) as Dataset);
}

export async function selectLatestDatasets(db: Firestore): Promise<Dataset[]> {
  const snapshot = await db.collection(COLLECTIONS.datasets).get();
  return snapshot.docs
    .map((doc) => JSON.parse(String(doc.get("current"))) as Dataset)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function selectDatasetVersions(db: Firestore, name: string): Promise<Dataset[]> {
  const snapshot = await datasetRef(db, name).collection(COLLECTIONS.datasetVersions).get();
  return byVersionDescending(snapshot.docs.map((doc) => bodyOf<Dataset>(doc.data())!));
}

export async function removeDataset(db: Firestore, tx: Transaction, name: string): Promise<Dataset[]> {
  const parent = datasetRef(db, name);
  const snapshot = await tx.get(parent.collection(COLLECTIONS.datasetVersions));
  const versions = byVersionDescending(snapshot.docs.map((doc) => bodyOf<Dataset>(doc.data())!));
  for (const doc of snapshot.docs) tx.delete(doc.ref);
  tx.delete(parent);
  return versions;
}

function byVersionDescending(datasets: Dataset[]): Dataset[] {
  return datasets.sort((a, b) => b.version - a.version);
}
