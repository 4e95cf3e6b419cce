/**
 * Schedules in the Firestore run store: `schedules/{id}` holds the schedule's JSON and the fields it is
 * listed by (`active`, `order`: `<createdAt> <recording number>` from `counters/schedules`). A claimed slot
 * also creates `schedules/{id}/slots/{slot}`: `create` fails when the document exists, so even two
 * instances whose transactions the database did not isolate (the npm emulator) cannot both claim a slot.
 * The caller holds the transaction.
 */
import type { DocumentReference, Firestore, Transaction } from "@google-cloud/firestore";
import type { Actor } from "../../run.ts";
import type { Schedule, ScheduleOutcome } from "../../schedules/schedule.ts";
import {
  cancelledSchedule,
  claimedSchedule,
  scheduleTaken,
  unknownSchedule,
  withOutcome,
} from "../schedule-record.ts";
import { COLLECTIONS, bodyOf, documentId, orderKey } from "./firestore-documents.ts";

function scheduleRef(db: Firestore, id: string): DocumentReference {
  return db.collection(COLLECTIONS.schedules).doc(documentId(id));
}

export function slotRef(db: Firestore, id: string, slotIso: string): DocumentReference {
  return scheduleRef(db, id).collection(COLLECTIONS.scheduleSlots).doc(documentId(slotIso));
}

export async function insertSchedule(
  db: Firestore,
  tx: Transaction,
  schedule: Schedule,
  createdIso: string,
): Promise<void> {
  const counter = db.collection(COLLECTIONS.counters).doc("schedules");
  const [existing, count] = await tx.getAll(scheduleRef(db, schedule.id), counter);
  if (existing!.exists) throw scheduleTaken(schedule.id);
  const recorded = (typeof count!.data()?.next === "number" ? (count!.data()!.next as number) : 0) + 1;
  tx.set(counter, { next: recorded });
  tx.create(scheduleRef(db, schedule.id), {
    id: schedule.id,
    active: true,
    order: orderKey(createdIso, recorded),
    body: JSON.stringify(schedule),
  });
}

export async function selectSchedule(db: Firestore, id: string): Promise<Schedule | undefined> {
  return bodyOf<Schedule>((await scheduleRef(db, id).get()).data());
}

export async function selectActiveSchedules(db: Firestore): Promise<Schedule[]> {
  const snapshot = await db.collection(COLLECTIONS.schedules).where("active", "==", true).get();
  // Ordered here: one equality filter needs no composite index, and schedules are few.
  return snapshot.docs
    .map((doc) => ({ order: String(doc.get("order")), schedule: bodyOf<Schedule>(doc.data())! }))
    .sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0))
    .map((entry) => entry.schedule);
}

async function existing(db: Firestore, tx: Transaction, id: string): Promise<Schedule> {
  const schedule = bodyOf<Schedule>((await tx.get(scheduleRef(db, id))).data());
  if (schedule === undefined) throw unknownSchedule(id);
  return schedule;
}

function write(db: Firestore, tx: Transaction, schedule: Schedule): void {
  tx.update(scheduleRef(db, schedule.id), {
    active: schedule.cancelledAt === undefined,
    body: JSON.stringify(schedule),
  });
}

/** Claims the slot (see `claimedSchedule`); the caller treats `ALREADY_EXISTS` at commit as not claimed. */
export async function claimSlot(
  db: Firestore,
  tx: Transaction,
  id: string,
  slot: string,
  nextDue: string,
): Promise<Schedule | undefined> {
  const next = claimedSchedule(await existing(db, tx, id), slot, nextDue);
  if (next === undefined) return undefined;
  tx.create(slotRef(db, id, next.lastSlot!), { slot: next.lastSlot });
  write(db, tx, next);
  return next;
}

export async function recordOutcome(
  db: Firestore,
  tx: Transaction,
  id: string,
  outcome: ScheduleOutcome,
): Promise<Schedule> {
  const current = await existing(db, tx, id);
  const next = withOutcome(current, outcome);
  if (next !== current) write(db, tx, next);
  return next;
}

export async function cancel(
  db: Firestore,
  tx: Transaction,
  id: string,
  by: Actor,
  nowIso: string,
): Promise<Schedule> {
  const current = await existing(db, tx, id);
  const next = cancelledSchedule(current, by, nowIso);
  if (next !== current) write(db, tx, next);
  return next;
}
