/**
 * How the Firestore run store lays out its data. Every record is kept whole as JSON in `body` (an exact
 * round trip: Firestore refuses `undefined` and arrays of arrays, and numbers come back as given),
 * beside the top-level fields that queries filter and order by:
 *
 *   runs/{runId}                       id, status, country, createdAt, createdBy, tag, groupId, sortKey, body
 *   runs/{runId}/events/{seq}          seq, type, at, receivedAt, body
 *   runs/{runId}/scenarios/{sha256(solID, name)}  solID, name, body
 *   picks/{COUNTRY}                    country, recorded, currentOrder, current (the current pick's JSON)
 *   picks/{COUNTRY}/history/{seq}      order, runId, body
 *   mappings/{sha256(table, country)}  table, country, body
 *   liftStudies/{sha256(country, id)}  country, id, body
 *   idempotencyKeys/{sha256(key)}      key, value, expiresAtMs, expiresAt (a Timestamp: the TTL field)
 *   shareLinks/{linkId}                id, runId, order, body
 *   apiTokens/{sha256 of the token}    id, order, body
 *   apiTokenIds/{tokenId}              hash (so that ids stay unique and revocation finds the token)
 *   datasets/{name}                    name, latest (its newest version), current (that version's JSON)
 *   datasets/{name}/versions/{n}       version, body
 *   schedules/{id}                     id, active, order, body
 *   schedules/{id}/slots/{slot}        slot (one per claimed slot: `create` keeps claims unique)
 *   preparations/{name}                name, body
 *   counters/{shareLinks|apiTokens|schedules} next (the order of recording, for records created in the same instant)
 *
 * Ordering fields are single strings, so that every list is one range on one field (which the npm
 * emulator can answer and Firestore serves from single-field or small composite indexes, listed in
 * `firestore-indexes.json`): `sortKey` is `createdAt id`, `order` is `<time> <recording number>`.
 */
import { createHash } from "node:crypto";
import type { TrainerEvent } from "../../events.ts";
import type { Run } from "../../run.ts";
import { runIndexFields } from "../run-record.ts";

export const COLLECTIONS = {
  runs: "runs",
  events: "events",
  scenarios: "scenarios",
  picks: "picks",
  pickHistory: "history",
  mappings: "mappings",
  liftStudies: "liftStudies",
  idempotencyKeys: "idempotencyKeys",
  shareLinks: "shareLinks",
  apiTokens: "apiTokens",
  apiTokenIds: "apiTokenIds",
  counters: "counters",
  datasets: "datasets",
  datasetVersions: "versions",
  schedules: "schedules",
  scheduleSlots: "slots",
  preparations: "preparations",
} as const;

export interface RunDocument {
  readonly id: string;
  readonly status: string;
  readonly country: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly tag: string | null;
  readonly groupId: string | null;
  readonly sortKey: string;
  readonly body: string;
}

/** The run as its document: the indexed fields (`runIndexFields`) and the JSON body. */
export function runDocument(run: Run): RunDocument {
  const fields = runIndexFields(run);
  return { ...fields, sortKey: runSortKey(fields.createdAt, fields.id), body: JSON.stringify(run) };
}

/** Newest-first order of runs is descending order of this key (`createdAt` has a fixed width). */
export function runSortKey(createdAtIso: string, id: string): string {
  return `${createdAtIso} ${id}`;
}

export function eventDocument(event: TrainerEvent, receivedAt: string): Record<string, unknown> {
  return { seq: event.seq, type: event.type, at: event.at, receivedAt, body: JSON.stringify(event) };
}

/** `<time> <n>`: by time, then by order of recording (`n` zero-padded so that text order is number order). */
export function orderKey(timeIso: string, recorded: number): string {
  return `${timeIso} ${String(recorded).padStart(12, "0")}`;
}

/** The parsed `body` of a document, or `undefined` when there is none. */
export function bodyOf<T>(data: { body?: unknown } | undefined): T | undefined {
  return typeof data?.body === "string" ? (JSON.parse(data.body) as T) : undefined;
}

const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._:-]{0,254}$/;

/**
 * A Firestore document id for a value chosen elsewhere (a run id, a link id): the value itself when it is
 * a plain id (the product's own ids are), else `~` and its SHA-256, so that no value can name another
 * path (`/`), a reserved id (`__x__`) or exceed the id length limit. No plain id starts with `~`.
 */
export function documentId(value: string): string {
  if (SAFE_ID.test(value) && !/^__.*__$/.test(value)) return value;
  return `~${sha256(value)}`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
