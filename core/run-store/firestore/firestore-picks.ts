/**
 * Best-model picks and saved column mappings in the Firestore run store.
 *
 * Picks are a history per country (`picks/{COUNTRY}/history/{n}`, `n` counting the country's picks);
 * the country's document keeps that count and a copy of the current pick, the newest by `at` and then by
 * order of recording, so that `getBest` and `listBest` read one document per country. Mappings are one
 * document per table and country (`""` for table-wide), replaced on save.
 */
import type { DocumentReference, Firestore, Transaction } from "@google-cloud/firestore";
import type { Run } from "../../run.ts";
import { assertPickableRun } from "../best-model-pick.ts";
import { COLLECTIONS, bodyOf, orderKey, sha256 } from "./firestore-documents.ts";
import { runRef } from "./firestore-runs.ts";
import type { BestModelPick, StoredMapping } from "../port.ts";
import type { MappingKey } from "../stored-mapping.ts";

interface CountryPicks {
  readonly country: string;
  readonly recorded: number;
  readonly currentOrder: string;
  readonly current: string;
}

function countryRef(db: Firestore, country: string): DocumentReference {
  return db.collection(COLLECTIONS.picks).doc(country);
}

/** Records `pick` (already normalised, `atIso` its time) in the caller's transaction. */
export async function insertPick(
  db: Firestore,
  tx: Transaction,
  pick: BestModelPick,
  atIso: string,
): Promise<void> {
  const ref = countryRef(db, pick.country);
  const [runSnapshot, countrySnapshot] = await tx.getAll(runRef(db, pick.runId), ref);
  assertPickableRun(pick, bodyOf<Run>(runSnapshot!.data()));
  const before = countrySnapshot!.data() as CountryPicks | undefined;
  const recorded = (before?.recorded ?? 0) + 1;
  const order = orderKey(atIso, recorded);
  const body = JSON.stringify(pick);
  const isCurrent = before === undefined || order > before.currentOrder;
  const country: CountryPicks = {
    country: pick.country,
    recorded,
    currentOrder: isCurrent ? order : before.currentOrder,
    current: isCurrent ? body : before.current,
  };
  tx.set(ref, country);
  tx.set(ref.collection(COLLECTIONS.pickHistory).doc(String(recorded)), { order, runId: pick.runId, body });
}

export async function selectBest(db: Firestore, country: string): Promise<BestModelPick | undefined> {
  const data = (await countryRef(db, country).get()).data() as CountryPicks | undefined;
  return data === undefined ? undefined : (JSON.parse(data.current) as BestModelPick);
}

export async function selectPicks(db: Firestore, country: string): Promise<BestModelPick[]> {
  const snapshot = await countryRef(db, country)
    .collection(COLLECTIONS.pickHistory)
    .orderBy("order", "desc")
    .get();
  return snapshot.docs.map((doc) => bodyOf<BestModelPick>(doc.data())!);
}

export async function selectCurrentPicks(db: Firestore): Promise<BestModelPick[]> {
  const snapshot = await db.collection(COLLECTIONS.picks).get();
  return snapshot.docs
    .map((doc) => JSON.parse((doc.data() as CountryPicks).current) as BestModelPick)
    .sort((a, b) => (a.country < b.country ? -1 : a.country > b.country ? 1 : 0));
}

function mappingRef(db: Firestore, key: MappingKey): DocumentReference {
  return db.collection(COLLECTIONS.mappings).doc(sha256(`${key.table}\n${key.country}`));
}

export async function upsertMapping(db: Firestore, key: MappingKey, mapping: StoredMapping): Promise<void> {
  await mappingRef(db, key).set({ table: key.table, country: key.country, body: JSON.stringify(mapping) });
}

/** The country's mapping when there is one, else the table-wide one. */
export async function selectMapping(db: Firestore, key: MappingKey): Promise<StoredMapping | undefined> {
  const refs = [mappingRef(db, key)];
  if (key.country !== "") refs.push(mappingRef(db, { table: key.table, country: "" }));
  const snapshots = await db.getAll(...refs);
  for (const snapshot of snapshots) {
    const mapping = bodyOf<StoredMapping>(snapshot.data());
    if (mapping !== undefined) return mapping;
  }
  return undefined;
}
