/**
 * Checks shared by every RunStore adapter for the records that grant access: share links and API tokens.
 * Each returns the record as it is stored (no stray fields, no revocation: only `revoke…` sets that) and
 * its creation time normalised for ordering.
 */
import { MmmError, invalidInput } from "../../common/errors.ts";
import type { Actor } from "../run.ts";
import type { ApiToken, ShareLink } from "./port.ts";
import { isoTime } from "./run-record.ts";

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function normalizeShareLink(link: ShareLink): { link: ShareLink; createdIso: string } {
  requireId(link.id);
  if (typeof link.runId !== "string" || link.runId.trim() === "") {
    throw invalidInput("runId", "A share link needs the run it opens.");
  }
  if (link.solID !== undefined && (typeof link.solID !== "string" || link.solID.trim() === "")) {
    throw invalidInput("solID", "A share link for one model needs its solID, e.g. 3_145_2.");
  }
  requireActor(link.by);
  const createdIso = isoTime(link.createdAt, "createdAt");
  const expiresIso = isoTime(link.expiresAt, "expiresAt");
  if (expiresIso <= createdIso) {
    throw invalidInput("expiresAt", `A share link must expire after it is made (${link.createdAt}).`);
  }
  return {
    link: {
      id: link.id,
      runId: link.runId,
      ...(link.solID !== undefined ? { solID: link.solID } : {}),
      by: link.by,
      createdAt: link.createdAt,
      expiresAt: link.expiresAt,
    },
    createdIso,
  };
}

export function normalizeApiToken(token: ApiToken): { token: ApiToken; createdIso: string } {
  requireId(token.id);
  if (typeof token.label !== "string" || token.label.trim() === "") {
    throw invalidInput("label", "Say what the token is for, e.g. Looker export.");
  }
  if (typeof token.hash !== "string" || !SHA256_HEX.test(token.hash)) {
    throw invalidInput("hash", "A token is stored as its SHA-256: 64 lower-case hex characters.");
  }
  requireActor(token.by);
  const createdIso = isoTime(token.createdAt, "createdAt");
  return {
    token: {
      id: token.id,
      label: token.label.trim(),
      hash: token.hash,
      by: token.by,
      createdAt: token.createdAt,
    },
    createdIso,
  };
}

/** The record with its revocation, unless it was revoked before (the first revocation stands). */
export function revoked<T extends ShareLink | ApiToken>(record: T, by: Actor, at: string): T {
  requireActor(by);
  if (record.revokedAt !== undefined) return record;
  return { ...record, revokedAt: at, revokedBy: by };
}

export function unknownRecord(kind: "share link" | "API token", id: string): MmmError {
  return new MmmError("not_found", `There is no ${kind} ${id}.`, { context: { field: "id", id } });
}

/** The `conflict` of saving a share link whose id another link already has. */
export function shareLinkTaken(id: string): MmmError {
  return new MmmError("conflict", `A share link with id ${id} already exists.`, { context: { field: "id" } });
}

/** The `conflict` of saving an API token whose id or hash another token already has. */
export function apiTokenTaken(field: "id" | "hash"): MmmError {
  return new MmmError("conflict", `An API token with this ${field} already exists.`, { context: { field } });
}

function requireId(id: string): void {
  if (typeof id !== "string" || id.trim() === "") throw invalidInput("id", "The record needs an id.");
}

function requireActor(by: Actor): void {
  if (typeof by?.id !== "string") throw invalidInput("by", "Say who did it (the actor).");
}
