/**
 * Saved preparations in the Firestore run store: `preparations/{name}` holds the name and the JSON body.
 * `create` refuses a taken name atomically, so no transaction is needed to insert; deleting reads and
 * deletes in the caller's transaction, so the returned preparation is the one removed.
 */
import type { DocumentReference, Firestore, Transaction } from "@google-cloud/firestore";
import type { Preparation } from "../../preparations/preparation.ts";
import { COLLECTIONS, bodyOf, documentId } from "./firestore-documents.ts";
import { isAlreadyExists } from "./firestore-errors.ts";

function preparationRef(db: Firestore, name: string): DocumentReference {
  return db.collection(COLLECTIONS.preparations).doc(documentId(name));
}

/** False when a preparation has the name already (nothing is written then). */
export async function insertPreparation(db: Firestore, preparation: Preparation): Promise<boolean> {
  try {
    await preparationRef(db, preparation.name).create({
      name: preparation.name,
      body: JSON.stringify(preparation),
    });
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

export async function selectPreparation(db: Firestore, name: string): Promise<Preparation | undefined> {
  return bodyOf<Preparation>((await preparationRef(db, name).get()).data());
}

export async function selectPreparations(db: Firestore): Promise<Preparation[]> {
  const snapshot = await db.collection(COLLECTIONS.preparations).orderBy("name").get();
  return snapshot.docs.map((doc) => bodyOf<Preparation>(doc.data())!);
}

export async function removePreparation(
  db: Firestore,
  tx: Transaction,
  name: string,
): Promise<Preparation | undefined> {
  const ref = preparationRef(db, name);
  const preparation = bodyOf<Preparation>((await tx.get(ref)).data());
  if (preparation !== undefined) tx.delete(ref);
  return preparation;
}
