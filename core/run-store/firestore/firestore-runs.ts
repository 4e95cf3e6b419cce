/**
 * Run and event reads and writes of the Firestore run store. The caller holds the transaction (and the
 * key lock) around every read-modify-write; these functions only read and write documents.
 */
import type {
  CollectionReference,
  DocumentReference,
  Firestore,
  Query,
  Transaction,
} from "@google-cloud/firestore";
import type { TrainerEvent } from "../../events.ts";
import { RUN_STATUSES, isTerminal, type Run } from "../../run.ts";
import {
  COLLECTIONS,
  bodyOf,
  documentId,
  eventDocument,
  runDocument,
  runSortKey,
} from "./firestore-documents.ts";
import { runCursor, type RunListQuery } from "../list-runs-query.ts";
import type { RunPage } from "../port.ts";
import { runNotFound } from "../run-record.ts";

export function runsOf(db: Firestore): CollectionReference {
  return db.collection(COLLECTIONS.runs);
}

export function runRef(db: Firestore, id: string): DocumentReference {
  return runsOf(db).doc(documentId(id));
}

export function eventsOf(db: Firestore, runId: string): CollectionReference {
  return runRef(db, runId).collection(COLLECTIONS.events);
}

/** The run in the transaction, or a `not_found` error naming it. */
export async function existingRun(db: Firestore, tx: Transaction, id: string): Promise<Run> {
  const run = bodyOf<Run>((await tx.get(runRef(db, id))).data());
  if (run === undefined) throw runNotFound(id);
  return run;
}

export function writeRun(db: Firestore, tx: Transaction, run: Run): void {
  tx.set(runRef(db, run.id), runDocument(run));
}

/** Writes the event under its `seq` (replacing a leftover with the same number, as there can be none). */
export function writeEvent(
  db: Firestore,
  tx: Transaction,
  runId: string,
  event: TrainerEvent,
  at: string,
): void {
  tx.set(eventsOf(db, runId).doc(String(event.seq)), eventDocument(event, at));
}

export async function getRun(db: Firestore, id: string): Promise<Run | undefined> {
  return bodyOf<Run>((await runRef(db, id).get()).data());
}

export async function listEvents(db: Firestore, runId: string): Promise<TrainerEvent[]> {
  const snapshot = await eventsOf(db, runId).orderBy("seq").get();
  return snapshot.docs.map((doc) => bodyOf<TrainerEvent>(doc.data())!);
}

/**
 * One page of runs, newest first. Every filter is an equality (or `in` for several statuses) and every
 * bound, the cursor included, is a range on `sortKey`: `createdAt >= since` is `sortKey >= since` and
 * `createdAt < until` is `sortKey < until`, because `sortKey` starts with the fixed-width `createdAt`.
 */
export async function selectRuns(db: Firestore, query: RunListQuery): Promise<RunPage> {
  let q: Query = runsOf(db);
  if (query.country !== undefined) q = q.where("country", "==", query.country);
  if (query.statuses !== undefined) {
    q =
      query.statuses.length === 1
        ? q.where("status", "==", query.statuses[0])
        : q.where("status", "in", [...query.statuses]);
  }
  if (query.createdBy !== undefined) q = q.where("createdBy", "==", query.createdBy);
  if (query.tag !== undefined) q = q.where("tag", "==", query.tag);
  if (query.groupId !== undefined) q = q.where("groupId", "==", query.groupId);
  if (query.since !== undefined) q = q.where("sortKey", ">=", query.since);
  if (query.until !== undefined) q = q.where("sortKey", "<", query.until);
  if (query.after !== undefined)
    q = q.where("sortKey", "<", runSortKey(query.after.createdAt, query.after.id));
  // One run more than the page, to know whether another page follows.
  const snapshot = await q
    .orderBy("sortKey", "desc")
    .limit(query.limit + 1)
    .get();
  const found = snapshot.docs.map((doc) => bodyOf<Run>(doc.data())!);
  const runs = found.slice(0, query.limit);
  const last = runs.at(-1);
  return found.length > query.limit && last !== undefined ? { runs, nextCursor: runCursor(last) } : { runs };
}

const ACTIVE_STATUSES = RUN_STATUSES.filter((status) => !isTerminal(status));

export async function selectActiveRuns(db: Firestore): Promise<Run[]> {
  const snapshot = await runsOf(db).where("status", "in", ACTIVE_STATUSES).orderBy("sortKey", "asc").get();
  return snapshot.docs.map((doc) => bodyOf<Run>(doc.data())!);
}
