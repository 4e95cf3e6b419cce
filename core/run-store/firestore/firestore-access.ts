/**
 * Share links and API tokens in the Firestore run store. A token's document is named by its hash, so
 * that the lookup on every API request is one read; `apiTokenIds/{id}` keeps ids unique and leads a
 * revocation to the token. Both kinds take a number from a counter (`counters/{kind}`) as their order of
 * recording. The caller holds the transaction around every read-modify-write.
 */
import type { DocumentReference, Firestore, Transaction } from "@google-cloud/firestore";
import type { Actor } from "../../run.ts";
import { apiTokenTaken, revoked, shareLinkTaken, unknownRecord } from "../access-records.ts";
import { COLLECTIONS, bodyOf, documentId, orderKey } from "./firestore-documents.ts";
import { runRef } from "./firestore-runs.ts";
import type { ApiToken, ShareLink } from "../port.ts";
import { runNotFound } from "../run-record.ts";

function linkRef(db: Firestore, id: string): DocumentReference {
  return db.collection(COLLECTIONS.shareLinks).doc(documentId(id));
}

function tokenRef(db: Firestore, hash: string): DocumentReference {
  return db.collection(COLLECTIONS.apiTokens).doc(documentId(hash));
}

function tokenIdRef(db: Firestore, id: string): DocumentReference {
  return db.collection(COLLECTIONS.apiTokenIds).doc(documentId(id));
}

function counterRef(db: Firestore, kind: "shareLinks" | "apiTokens"): DocumentReference {
  return db.collection(COLLECTIONS.counters).doc(kind);
}

function nextNumber(data: { next?: unknown } | undefined): number {
  return (typeof data?.next === "number" ? data.next : 0) + 1;
}

export async function insertShareLink(
  db: Firestore,
  tx: Transaction,
  link: ShareLink,
  createdIso: string,
): Promise<void> {
  const counter = counterRef(db, "shareLinks");
  const [run, existing, count] = await tx.getAll(runRef(db, link.runId), linkRef(db, link.id), counter);
  if (!run!.exists) throw runNotFound(link.runId);
  if (existing!.exists) throw shareLinkTaken(link.id);
  const recorded = nextNumber(count!.data());
  tx.set(counter, { next: recorded });
  tx.create(linkRef(db, link.id), {
    id: link.id,
    runId: link.runId,
    order: orderKey(createdIso, recorded),
    body: JSON.stringify(link),
  });
}

export async function selectShareLink(db: Firestore, id: string): Promise<ShareLink | undefined> {
  return bodyOf<ShareLink>((await linkRef(db, id).get()).data());
}

export async function selectShareLinks(db: Firestore, runId: string): Promise<ShareLink[]> {
  const snapshot = await db
    .collection(COLLECTIONS.shareLinks)
    .where("runId", "==", runId)
    .orderBy("order", "desc")
    .get();
  return snapshot.docs.map((doc) => bodyOf<ShareLink>(doc.data())!);
}

export async function revokeShareLink(
  db: Firestore,
  tx: Transaction,
  id: string,
  by: Actor,
  nowIso: string,
): Promise<ShareLink> {
  const ref = linkRef(db, id);
  const link = bodyOf<ShareLink>((await tx.get(ref)).data());
  if (link === undefined) throw unknownRecord("share link", id);
  const next = revoked(link, by, nowIso);
  if (next !== link) tx.update(ref, { body: JSON.stringify(next) });
  return next;
}

export async function insertApiToken(
  db: Firestore,
  tx: Transaction,
  token: ApiToken,
  createdIso: string,
): Promise<void> {
  const counter = counterRef(db, "apiTokens");
  const [byId, byHash, count] = await tx.getAll(tokenIdRef(db, token.id), tokenRef(db, token.hash), counter);
  const taken = byId!.exists ? "id" : byHash!.exists ? "hash" : undefined;
  if (taken !== undefined) throw apiTokenTaken(taken);
  const recorded = nextNumber(count!.data());
  tx.set(counter, { next: recorded });
  tx.create(tokenRef(db, token.hash), {
    id: token.id,
    order: orderKey(createdIso, recorded),
    body: JSON.stringify(token),
  });
  tx.create(tokenIdRef(db, token.id), { hash: token.hash });
}

export async function selectApiToken(db: Firestore, hash: string): Promise<ApiToken | undefined> {
  return bodyOf<ApiToken>((await tokenRef(db, hash).get()).data());
}

export async function selectApiTokens(db: Firestore): Promise<ApiToken[]> {
  const snapshot = await db.collection(COLLECTIONS.apiTokens).orderBy("order", "desc").get();
  return snapshot.docs.map((doc) => bodyOf<ApiToken>(doc.data())!);
}

export async function revokeApiToken(
  db: Firestore,
  tx: Transaction,
  id: string,
  by: Actor,
  nowIso: string,
): Promise<ApiToken> {
  const hash = (await tx.get(tokenIdRef(db, id))).get("hash") as string | undefined;
  const ref = hash === undefined ? undefined : tokenRef(db, hash);
  const token = ref === undefined ? undefined : bodyOf<ApiToken>((await tx.get(ref)).data());
  if (ref === undefined || token === undefined) throw unknownRecord("API token", id);
  const next = revoked(token, by, nowIso);
  if (next !== token) tx.update(ref, { body: JSON.stringify(next) });
  return next;
}
