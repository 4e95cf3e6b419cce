/**
 * Error shapes of `@google-cloud/storage` that the loopback fake cannot provoke (signing through IAM,
 * a resumable upload out of retries, a fetch timeout); the HTTP failures are driven through the fake in
 * `tests/contract/artifact-store-faults.gcs.test.ts`.
 */
import { describe, expect, it } from "vitest";
import { asGcsError, retryAfterMs, statusOf } from "./gcs-errors.ts";

const target = { bucket: "acme-runs", key: "runs/r1/output/model_summary.json", action: "get" } as const;

describe("asGcsError", () => {
  it("reads the status from a resumable upload that ran out of retries", () => {
    const error = new Error("Retry limit exceeded - status: 503 - Service Unavailable");
    expect(statusOf(error)).toBe(503);
    expect(asGcsError(error, { ...target, action: "put" })).toMatchObject({
      code: "unavailable",
      retry: true,
    });
  });

  it("treats a request timeout and a dropped connection as unavailable", () => {
    const timeout = Object.assign(new Error("network timeout at: http://x"), { type: "request-timeout" });
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(asGcsError(timeout, target)).toMatchObject({ code: "unavailable", retry: true });
    expect(asGcsError(reset, target)).toMatchObject({ code: "unavailable", retry: true });
  });

  it("says how to let the service account sign URLs when signing fails", () => {
    const error = Object.assign(new Error("Permission 'iam.serviceAccounts.signBlob' denied"), {
      name: "SigningError",
    });
    const mapped = asGcsError(error, { ...target, action: "signedUrl" });
    expect(mapped.code).toBe("forbidden");
    expect(mapped.message).toContain("roles/iam.serviceAccountTokenCreator");
    expect(mapped.message).toContain("iamcredentials.googleapis.com");
  });

  it("tells a missing bucket from a missing object", () => {
    const bucket = Object.assign(new Error("The specified bucket does not exist."), { code: 404 });
    const object = Object.assign(new Error("No such object: acme-runs/x"), { code: 404 });
    expect(asGcsError(bucket, target)).toMatchObject({ code: "not_found", field: "GCS_BUCKET" });
    expect(asGcsError(object, target).field).toBeUndefined();
  });
});

describe("retryAfterMs", () => {
  const now = new Date("2026-11-26T05:00:00.000Z");
  const answer = (value: string) => ({ response: { headers: { "retry-after": value } } });

  it("reads seconds and HTTP dates, and nothing else", () => {
    expect(retryAfterMs(answer("3"), now)).toBe(3000);
    expect(retryAfterMs(answer("Thu, 26 Nov 2026 05:00:02 GMT"), now)).toBe(2000);
    expect(retryAfterMs(answer("soon"), now)).toBeUndefined();
    expect(retryAfterMs(new Error("no response"), now)).toBeUndefined();
  });
});
