/**
 * `firestore-indexes.json` (what infra/ deploys) against the queries of the Firestore run store: every
 * equality filter of `listRuns` has a composite index with `sortKey` descending (Firestore merges them
 * when filters are combined), `listActiveRuns` has `status` with `sortKey` ascending, and the share links
 * of a run have `runId` with `order` descending. The emulator needs no indexes, so only this shows it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface IndexFile {
  indexes: { collectionGroup: string; queryScope: string; fields: { fieldPath: string; order: string }[] }[];
  fieldOverrides: { collectionGroup: string; fieldPath: string; ttl?: boolean; indexes: unknown[] }[];
}

const file = JSON.parse(
  readFileSync(new URL("./firestore-indexes.json", import.meta.url), "utf8"),
) as IndexFile;

const has = (group: string, ...fields: [string, "ASCENDING" | "DESCENDING"][]) =>
  file.indexes.some(
    (index) =>
      index.collectionGroup === group &&
      index.queryScope === "COLLECTION" &&
      JSON.stringify(index.fields) ===
        JSON.stringify(fields.map(([fieldPath, order]) => ({ fieldPath, order }))),
  );

describe("firestore-indexes.json", () => {
  it.each(["country", "status", "createdBy", "tag", "groupId"])(
    "serves listRuns filtered by %s, newest first",
    (field) => {
      expect(has("runs", [field, "ASCENDING"], ["sortKey", "DESCENDING"])).toBe(true);
    },
  );

  it("serves listActiveRuns and the share links of a run", () => {
    expect(has("runs", ["status", "ASCENDING"], ["sortKey", "ASCENDING"])).toBe(true);
    expect(has("shareLinks", ["runId", "ASCENDING"], ["order", "DESCENDING"])).toBe(true);
  });

  it("expires idempotency keys by TTL on expiresAt", () => {
    expect(file.fieldOverrides).toContainEqual({
      collectionGroup: "idempotencyKeys",
      fieldPath: "expiresAt",
      ttl: true,
      indexes: [],
    });
  });
});
