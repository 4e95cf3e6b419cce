/**
 * Lift studies in the Firestore run store: one document per country and id
 * (`liftStudies/{sha256(country, id)}` with `country`, `id`, `body`), replaced on save. A country's
 * studies are one equality query on `country` (a single-field index) and are ordered here, the same
 * way as in every adapter.
 */
import type { DocumentReference, Firestore, Transaction } from "@google-cloud/firestore";
import type { StoredLiftStudy } from "../port.ts";
import { compareLiftStudies } from "../stored-lift-study.ts";
import { COLLECTIONS, bodyOf, sha256 } from "./firestore-documents.ts";

function liftStudyRef(db: Firestore, country: string, id: string): DocumentReference {
  return db.collection(COLLECTIONS.liftStudies).doc(sha256(`${country}\n${id}`));
}

export async function upsertLiftStudy(db: Firestore, study: StoredLiftStudy): Promise<void> {
  await liftStudyRef(db, study.country, study.id).set({
    country: study.country,
    id: study.id,
    body: JSON.stringify(study),
  });
}

export async function selectLiftStudies(db: Firestore, country: string): Promise<StoredLiftStudy[]> {
  const snapshot = await db.collection(COLLECTIONS.liftStudies).where("country", "==", country).get();
  return snapshot.docs.map((doc) => bodyOf<StoredLiftStudy>(doc.data())!).sort(compareLiftStudies);
}

/** Removes the study and returns it, in the caller's transaction. */
export async function removeLiftStudy(
  db: Firestore,
  tx: Transaction,
  country: string,
  id: string,
): Promise<StoredLiftStudy | undefined> {
  const ref = liftStudyRef(db, country, id);
  const study = bodyOf<StoredLiftStudy>((await tx.get(ref)).data());
  if (study !== undefined) tx.delete(ref);
  return study;
}
