import { describe, expect, it } from "vitest";
import { MmmError } from "../../../common/errors.ts";
import { asFirestoreError } from "./firestore-errors.ts";

const target = { projectId: "acme-mmm", databaseId: "(default)" };

/** A client error as `@google-cloud/firestore` reports one: a gRPC status code and its details. */
function grpcError(code: number, message: string): Error {
  return Object.assign(new Error(`${code} ${message}`), { code });
}

describe("asFirestoreError", () => {
  it.each([
    [4, "DEADLINE_EXCEEDED: Deadline exceeded"],
    [8, "RESOURCE_EXHAUSTED: Quota exceeded"],
    [10, "ABORTED: Too much contention on these datastore entities"],
    [14, "UNAVAILABLE: No connection established"],
  ])("makes status %i a retryable unavailable error", (code, message) => {
    const error = asFirestoreError(grpcError(code, message), target);
    expect(error).toMatchObject({ code: "unavailable", retry: true });
    expect(error.context.grpcCode).toBe(code);
  });

  it("names the role to grant when permission is denied", () => {
    const error = asFirestoreError(
      grpcError(7, "PERMISSION_DENIED: Missing or insufficient permissions."),
      target,
    );
    expect(error.code).toBe("forbidden");
    expect(error.retry).toBe(false);
    expect(error.message).toContain("roles/datastore.user");
    expect(error.message).toContain("project acme-mmm");
  });

  it("points at the index file when a query needs an index, keeping Firestore's link", () => {
    const detail =
      "FAILED_PRECONDITION: The query requires an index. You can create it here: https://console…";
    const error = asFirestoreError(grpcError(9, detail), target);
    expect(error.code).toBe("internal");
    expect(error.message).toContain("firestore-indexes.json");
    expect(error.message).toContain("https://console…");
  });

  it("says which setting to fix for a missing database", () => {
    const error = asFirestoreError(grpcError(5, "NOT_FOUND: The database (default) does not exist"), target);
    expect(error).toMatchObject({ code: "not_found", field: "FIRESTORE_DATABASE" });
  });

  it("passes the store's own errors through unchanged", () => {
    const own = new MmmError("conflict", "A run with id x already exists.");
    expect(asFirestoreError(own, target)).toBe(own);
  });
});
