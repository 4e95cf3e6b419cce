/**
 * `RunFilter` checked and normalised once for every adapter, and the opaque page cursor: the position
 * after the last run of a page in newest-first order (`createdAt`, then id, both descending).
 */
import { invalidInput } from "../../common/errors.ts";
import { marketKey } from "../market.ts";
import { RUN_STATUSES, type Run, type RunStatus } from "../run.ts";
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, type RunFilter } from "./port.ts";
import { isoTime } from "./run-record.ts";

export interface RunListQuery {
  /** The market, as `marketKey` writes it. */
  readonly country?: string;
  /** Absent when every status is wanted. */
  readonly statuses?: readonly RunStatus[];
  readonly createdBy?: string;
  readonly tag?: string;
  readonly groupId?: string;
  /** Normalised ISO times (`Date#toISOString`): `createdAt >= since`, `createdAt < until`. */
  readonly since?: string;
  readonly until?: string;
  readonly limit: number;
  /** Only runs strictly after this position in newest-first order. */
  readonly after?: RunPosition;
}

export interface RunPosition {
  /** Normalised ISO time. */
  readonly createdAt: string;
  readonly id: string;
}

export function parseRunFilter(filter: RunFilter = {}): RunListQuery {
  const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw invalidInput(
      "limit",
      `The page size must be a whole number from 1 to ${MAX_LIST_LIMIT}, not ${limit}.`,
    );
  }
  for (const status of filter.status ?? []) {
    if (!RUN_STATUSES.includes(status)) {
      throw invalidInput("status", `Run status ${String(status)} is not one of ${RUN_STATUSES.join(", ")}.`);
    }
  }
  return {
    ...(filter.country !== undefined ? { country: marketKey(filter.country, "country") } : {}),
    ...(filter.status !== undefined && filter.status.length > 0
      ? { statuses: [...new Set(filter.status)] }
      : {}),
    ...(filter.createdBy !== undefined ? { createdBy: filter.createdBy } : {}),
    ...(filter.tag !== undefined ? { tag: filter.tag } : {}),
    ...(filter.groupId !== undefined ? { groupId: filter.groupId } : {}),
    ...(filter.since !== undefined ? { since: isoTime(filter.since, "since") } : {}),
    ...(filter.until !== undefined ? { until: isoTime(filter.until, "until") } : {}),
    limit,
    ...(filter.cursor !== undefined ? { after: decodeRunCursor(filter.cursor) } : {}),
  };
}

/** The cursor that continues after `run`. */
export function runCursor(run: Run): string {
  return Buffer.from(JSON.stringify([isoTime(run.createdAt, "createdAt"), run.id]), "utf8").toString(
    "base64url",
  );
}

function decodeRunCursor(cursor: string): RunPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      typeof value[1] === "string"
    ) {
      return { createdAt: isoTime(value[0], "cursor"), id: value[1] };
    }
  } catch {
    // Reported below, in the words a caller can act on.
  }
  throw invalidInput(
    "cursor",
    "The page cursor is not one this store gave out: start again from the first page.",
  );
}
