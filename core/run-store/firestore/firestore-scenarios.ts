/**
 * Saved scenarios in the Firestore run store: `runs/{runId}/scenarios/{sha256(solID, name)}`, so a run's
 * scenarios live under it and a model's are one equality query. The caller holds the transaction around
 * `upsertScenario` and `removeScenario`.
 */
import type { DocumentReference, Firestore, Transaction } from "@google-cloud/firestore";
import type { SavedScenario } from "../port.ts";
import { runNotFound } from "../run-record.ts";
import { scenarioNotFound } from "../saved-scenario.ts";
import { COLLECTIONS, bodyOf, sha256 } from "./firestore-documents.ts";
import { runRef } from "./firestore-runs.ts";

function scenarioRef(db: Firestore, runId: string, solID: string, name: string): DocumentReference {
  return runRef(db, runId)
    .collection(COLLECTIONS.scenarios)
    .doc(sha256(JSON.stringify([solID, name])));
}

export async function upsertScenario(db: Firestore, tx: Transaction, scenario: SavedScenario): Promise<void> {
  const run = await tx.get(runRef(db, scenario.runId));
  if (!run.exists) throw runNotFound(scenario.runId);
  tx.set(scenarioRef(db, scenario.runId, scenario.solID, scenario.name), {
    solID: scenario.solID,
    name: scenario.name,
    body: JSON.stringify(scenario),
  });
}

export async function selectScenario(
  db: Firestore,
  runId: string,
  solID: string,
  name: string,
): Promise<SavedScenario | undefined> {
  return bodyOf<SavedScenario>((await scenarioRef(db, runId, solID, name).get()).data());
}

/** Unsorted: the caller orders them (`byScenarioName`), as every adapter does. */
export async function selectScenarios(db: Firestore, runId: string, solID: string): Promise<SavedScenario[]> {
  const snapshot = await runRef(db, runId)
    .collection(COLLECTIONS.scenarios)
    .where("solID", "==", solID)
    .get();
  return snapshot.docs.map((doc) => bodyOf<SavedScenario>(doc.data())!);
}

export async function removeScenario(
  db: Firestore,
  tx: Transaction,
  runId: string,
  solID: string,
  name: string,
): Promise<SavedScenario> {
  const ref = scenarioRef(db, runId, solID, name);
  const scenario = bodyOf<SavedScenario>((await tx.get(ref)).data());
  if (scenario === undefined) throw scenarioNotFound(runId, solID, name);
  tx.delete(ref);
  return scenario;
}
