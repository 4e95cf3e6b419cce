/**
 * Cloud Storage failures, as the client library reports them after its own retries, turned into
 * `MmmError`s that say what to do. The library reports an HTTP failure in several shapes (an `ApiError`
 * with `code`, a gaxios error with `response.status`, a resumable upload's "Upload failed" with `code`,
 * or "Retry limit exceeded - status: 503 …" as a plain message); `statusOf` reads them all.
 */
import { MmmError, isMmmError } from "../../../common/errors.ts";

/** What the store was doing, for messages and for the permission it needs. */
export type GcsAction = "put" | "get" | "exists" | "list" | "delete" | "signedUrl";

const PERMISSION: Readonly<Record<GcsAction, string>> = {
  put: "storage.objects.create (and storage.objects.delete to replace an object)",
  get: "storage.objects.get",
  exists: "storage.objects.get",
  list: "storage.objects.list",
  delete: "storage.objects.delete",
  signedUrl: "iam.serviceAccounts.signBlob",
};

const VERB: Readonly<Record<GcsAction, string>> = {
  put: "write",
  get: "read",
  exists: "read",
  list: "list",
  delete: "delete",
  signedUrl: "sign a URL for",
};

/** Network failures worth another try: the connection dropped, was refused, or timed out. */
const TRANSIENT_NETWORK =
  /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|socket hang up|network timeout|aborted/i;

export interface GcsTarget {
  readonly bucket: string;
  /** The key or prefix the call was about. */
  readonly key: string;
  readonly action: GcsAction;
}

/** The HTTP status of a failed call, whatever shape the library gave the error. */
export function statusOf(error: unknown): number | undefined {
  const e = error as {
    code?: unknown;
    status?: unknown;
    response?: { status?: unknown; statusCode?: unknown };
  };
  for (const value of [e?.code, e?.response?.status, e?.response?.statusCode, e?.status]) {
    const status = typeof value === "string" && /^\d{3}$/.test(value) ? Number(value) : value;
    if (typeof status === "number" && status >= 100 && status < 600) return status;
  }
  const fromMessage = /status: (\d{3})\b/.exec(error instanceof Error ? error.message : "");
  return fromMessage === null ? undefined : Number(fromMessage[1]);
}

/** True for a 404 about the bucket itself, not about an object in it. */
export function isMissingBucket(error: unknown): boolean {
  return (
    statusOf(error) === 404 && /bucket does not exist/i.test(error instanceof Error ? error.message : "")
  );
}

/**
 * How long a 429 asks the caller to wait (`Retry-After`, in seconds or as an HTTP date), in ms, or
 * `undefined` when it does not say. Only answers to JSON API calls carry their headers this far.
 */
export function retryAfterMs(error: unknown, now: Date): number | undefined {
  const headers = (error as { response?: { headers?: unknown } } | undefined)?.response?.headers;
  const raw =
    typeof (headers as { get?: unknown } | undefined)?.get === "function"
      ? (headers as { get(name: string): string | null }).get("retry-after")
      : (headers as Record<string, unknown> | undefined)?.["retry-after"];
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now.getTime()) : undefined;
}

export function asGcsError(error: unknown, target: GcsTarget): MmmError {
  if (isMmmError(error)) return error;
  const status = statusOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  const object = `gs://${target.bucket}/${target.key}`;
  const context = { bucket: target.bucket, key: target.key, action: target.action, status };
  if (
    status === 429 ||
    (status !== undefined && status >= 500) ||
    (status === undefined && isTransient(error))
  ) {
    return new MmmError(
      "unavailable",
      `Cloud Storage did not manage to ${VERB[target.action]} ${object} (${status ?? "no answer"}), ` +
        `even after retrying: try again in a moment. (${detail})`,
      { context, cause: error, retry: true },
    );
  }
  if (target.action === "signedUrl" && (error as Error | undefined)?.name === "SigningError") {
    return new MmmError(
      "forbidden",
      `The app's service account could not sign a URL for ${object}: with no key of its own it signs through ` +
        `the IAM Credentials API, which must be enabled (iamcredentials.googleapis.com), and it needs ` +
        `iam.serviceAccounts.signBlob on itself (roles/iam.serviceAccountTokenCreator). (${detail})`,
      { context: { ...context, permission: "iam.serviceAccounts.signBlob" }, cause: error },
    );
  }
  if (status === 403) {
    const permission = /\b(storage\.[a-zA-Z]+\.[a-zA-Z]+)\b/.exec(detail)?.[1] ?? PERMISSION[target.action];
    return new MmmError(
      "forbidden",
      `The app's service account may not ${VERB[target.action]} ${object} in bucket ${target.bucket}: ` +
        `it lacks ${permission}. Grant it roles/storage.objectAdmin (or a role with that permission) on the bucket.`,
      { context: { ...context, permission }, cause: error },
    );
  }
  if (status === 401) {
    return new MmmError(
      "unauthorized",
      `Cloud Storage refused the app's credentials for bucket ${target.bucket}: check the service account it runs as. (${detail})`,
      { context, cause: error },
    );
  }
  if (isMissingBucket(error)) {
    return new MmmError(
      "not_found",
      `The bucket ${target.bucket} does not exist: create it, or set GCS_BUCKET to an existing bucket.`,
      { context: { ...context, field: "GCS_BUCKET" }, cause: error },
    );
  }
  if (status === 404) {
    return new MmmError("not_found", `${object} was not found.`, { context, cause: error });
  }
  return new MmmError("internal", `Cloud Storage failed to ${VERB[target.action]} ${object}: ${detail}`, {
    context,
    cause: error,
  });
}

function isTransient(error: unknown): boolean {
  const e = error as { code?: unknown; type?: unknown; name?: unknown; message?: unknown } | undefined;
  if (e?.type === "request-timeout" || e?.name === "AbortError" || e?.name === "TimeoutError") return true;
  return TRANSIENT_NETWORK.test(`${String(e?.code ?? "")} ${String(e?.message ?? "")}`);
}
