/**
 * Firestore's failures (gRPC status codes, after the client's own retries) as `MmmError`s that say what
 * to do. An `MmmError` thrown by the store's own checks passes through unchanged.
 */
import { MmmError, isMmmError } from "../../../common/errors.ts";

/** gRPC status codes the client reports in `error.code`. */
const GRPC = {
  CANCELLED: 1,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const TRANSIENT: ReadonlySet<number> = new Set([
  GRPC.CANCELLED,
  GRPC.DEADLINE_EXCEEDED,
  GRPC.RESOURCE_EXHAUSTED,
  GRPC.ABORTED,
  GRPC.INTERNAL,
  GRPC.UNAVAILABLE,
]);

export interface FirestoreTarget {
  readonly projectId: string;
  readonly databaseId: string;
}

/** The gRPC status code of a client error, if it has one. */
export function grpcCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "number" ? code : undefined;
}

export function isAlreadyExists(error: unknown): boolean {
  return grpcCode(error) === GRPC.ALREADY_EXISTS;
}

export function asFirestoreError(error: unknown, target: FirestoreTarget): MmmError {
  if (isMmmError(error)) return error;
  const where = `Firestore database ${target.databaseId} in project ${target.projectId}`;
  const detail = error instanceof Error ? error.message : String(error);
  const context = { projectId: target.projectId, databaseId: target.databaseId, grpcCode: grpcCode(error) };
  const code = grpcCode(error);
  if (code !== undefined && TRANSIENT.has(code)) {
    return new MmmError(
      "unavailable",
      `${where} did not answer in time or was busy: try again. (${detail})`,
      {
        context,
        cause: error,
      },
    );
  }
  switch (code) {
    case GRPC.PERMISSION_DENIED:
      return new MmmError(
        "forbidden",
        `The app's service account may not read or write ${where}: grant it roles/datastore.user ` +
          `(permissions datastore.entities.get, .create, .update, .list). (${detail})`,
        { context: { ...context, field: "FIRESTORE_PROJECT_ID" }, cause: error },
      );
    case GRPC.UNAUTHENTICATED:
      return new MmmError(
        "unauthorized",
        `${where} refused the app's credentials: check the service account the app runs as. (${detail})`,
        { context, cause: error },
      );
    case GRPC.NOT_FOUND:
      return new MmmError(
        "not_found",
        `${where} was not found: create it in Native mode, or set FIRESTORE_PROJECT_ID and ` +
          `FIRESTORE_DATABASE to an existing one. (${detail})`,
        { context: { ...context, field: "FIRESTORE_DATABASE" }, cause: error },
      );
    case GRPC.FAILED_PRECONDITION:
      if (/index/i.test(detail)) {
        return new MmmError(
          "internal",
          `${where} lacks an index this query needs: deploy the indexes of ` +
            `core/run-store/firestore/firestore-indexes.json (infra/). Firestore says: ${detail}`,
          { context, cause: error },
        );
      }
  }
  return new MmmError("internal", `${where} failed: ${detail}`, { context, cause: error });
}
