/**
 * Cloud Run Admin API failures as `MmmError`s, and the retry policy for the ones that may pass.
 *
 * With the REST transport the client passes on the HTTP library's error for a non-2xx answer: its
 * `status` is the HTTP status and its message is the body, Google's JSON error (`{"error": {"code": 403,
 * "message": …, "status": "PERMISSION_DENIED"}}`). Other paths give a `GoogleError` whose `code` is the
 * gRPC status. Both are read here as one gRPC status and Google's message; a network failure has
 * neither. PERMISSION_DENIED names the missing permission as Cloud Run words it ("Permission
 * 'run.jobs.runWithOverrides' denied on resource …"), and the message repeats it with what to grant.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { MmmError } from "../../../common/errors.ts";

/** The gRPC status codes this adapter tells apart (google.rpc.Code). */
export const Status = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const STATUS_BY_NAME: Record<string, number> = {
  CANCELLED: 1,
  UNKNOWN: 2,
  ...Status,
  ALREADY_EXISTS: 6,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  DATA_LOSS: 15,
};

/** gRPC statuses for HTTP statuses, as Google's APIs map them. */
const STATUS_BY_HTTP: Record<number, number> = {
  400: Status.INVALID_ARGUMENT,
  401: Status.UNAUTHENTICATED,
  403: Status.PERMISSION_DENIED,
  404: Status.NOT_FOUND,
  409: 10,
  429: Status.RESOURCE_EXHAUSTED,
  500: 13,
  502: Status.UNAVAILABLE,
  503: Status.UNAVAILABLE,
  504: Status.DEADLINE_EXCEEDED,
};

interface ErrorShape {
  readonly code?: unknown;
  readonly status?: unknown;
  readonly message?: unknown;
}

/** Google's JSON error in a message, if the message is one. */
function googleBody(error: unknown): { status?: unknown; message?: unknown; code?: unknown } | undefined {
  const message = (error as ErrorShape | undefined)?.message;
  if (typeof message !== "string" || !message.trimStart().startsWith("{")) return undefined;
  try {
    return (JSON.parse(message) as { error?: { status?: unknown; message?: unknown; code?: unknown } }).error;
  } catch {
    return undefined;
  }
}

/** The gRPC status of a failed call, or undefined when there was no answer (a network failure). */
export function statusOf(error: unknown): number | undefined {
  if (error instanceof MmmError) return undefined;
  const body = googleBody(error);
  if (typeof body?.status === "string" && STATUS_BY_NAME[body.status] !== undefined)
    return STATUS_BY_NAME[body.status];
  const http = typeof body?.code === "number" ? body.code : (error as ErrorShape | undefined)?.status;
  if (typeof http === "number")
    return STATUS_BY_HTTP[http] ?? (http >= 500 ? Status.UNAVAILABLE : Status.INVALID_ARGUMENT);
  const code = (error as ErrorShape | undefined)?.code;
  return typeof code === "number" && code <= 16 ? code : undefined;
}

/** Google's own words for a failure. */
export function reasonOf(error: unknown): string {
  const body = googleBody(error);
  if (typeof body?.message === "string") return body.message;
  return error instanceof Error ? error.message : String(error);
}

/** Whether the same call may succeed later: overload, rate limit, timeout, or no answer at all. */
export function isTransient(error: unknown): boolean {
  if (error instanceof MmmError) return false;
  const status = statusOf(error);
  if (status === undefined) return true;
  return (
    status === Status.UNAVAILABLE ||
    status === Status.RESOURCE_EXHAUSTED ||
    status === Status.DEADLINE_EXCEEDED
  );
}

/**
 * Calls `call` until it succeeds, fails with an error `retryable` refuses, or `delaysMs` runs out (one
 * retry per delay). Returns the result or throws the last error.
 */
export async function withRetries<T>(
  call: () => Promise<T>,
  delaysMs: readonly number[],
  retryable: (error: unknown) => boolean = isTransient,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= delaysMs.length || !retryable(error)) throw error;
      await sleep(delaysMs[attempt]);
    }
  }
}

export interface CloudRunAction {
  /** What the app was doing, for the message: "start job mmm-trainer-native". */
  readonly doing: string;
  /** The resource it acted on. */
  readonly resource: string;
  /** The permission the call needs, named when Cloud Run does not name it. */
  readonly permission: string;
  /** The setting or field to point at. */
  readonly field: string;
}

/** A Cloud Run failure in words an admin can act on. */
export function cloudRunError(error: unknown, action: CloudRunAction): MmmError {
  if (error instanceof MmmError) return error;
  const status = statusOf(error);
  const reason = reasonOf(error);
  const context = {
    field: action.field,
    resource: action.resource,
    ...(status !== undefined ? { status } : {}),
  };
  switch (status) {
    case Status.PERMISSION_DENIED: {
      const permission = /Permission '([^']+)' denied/i.exec(reason)?.[1] ?? action.permission;
      return new MmmError(
        "forbidden",
        `The app's service account may not ${action.doing}: it lacks the permission ${permission} on ` +
          `${action.resource}. Grant it a role with ${permission} on that job (see infra/iam.tf), not run.admin.`,
        { context: { ...context, permission }, cause: error },
      );
    }
    case Status.UNAUTHENTICATED:
      return new MmmError(
        "unauthorized",
        `Cloud Run refused the app's Google credentials when trying to ${action.doing}: check the service ` +
          `account the app runs as (or GOOGLE_APPLICATION_CREDENTIALS). Cloud Run said: ${reason}`,
        { context, cause: error },
      );
    case Status.NOT_FOUND:
      return new MmmError(
        "invalid_input",
        `Cloud Run has no ${action.resource}, so the app cannot ${action.doing}: deploy it (infra/run.tf) or ` +
          `fix ${action.field}.`,
        { context, cause: error },
      );
    case Status.RESOURCE_EXHAUSTED:
      return new MmmError(
        "rate_limited",
        `Cloud Run is rate-limiting or out of quota, so the app could not ${action.doing}: try again in a ` +
          `minute, or raise the Cloud Run quota. Cloud Run said: ${reason}`,
        { context, cause: error, retry: true },
      );
    case Status.INVALID_ARGUMENT:
    case Status.FAILED_PRECONDITION:
      return new MmmError("invalid_input", `Cloud Run refused to ${action.doing}: ${reason}`, {
        context,
        cause: error,
      });
    default:
      return new MmmError(
        "unavailable",
        `Cloud Run could not be reached to ${action.doing} (${reason}): try again in a few minutes.`,
        { context, cause: error },
      );
  }
}
