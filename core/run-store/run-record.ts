/**
 * What every RunStore adapter checks before storing a new run, the indexed fields it derives from one
 * (the columns of the SQLite table, the top-level fields of a Firestore document), and the errors it
 * reports about a run that is missing or already there.
 */
import { marketKey } from "../market.ts";
import { MmmError, invalidInput } from "../../common/errors.ts";
import { RUN_STATUSES, type Run, type RunStatus } from "../run.ts";

/** The fields runs are filtered and ordered by, normalised for comparison. */
export interface RunIndexFields {
  readonly id: string;
  readonly status: RunStatus;
  /** Upper-case. */
  readonly country: string;
  /** `createdAt` as `Date#toISOString`, so that text order is time order. */
  readonly createdAt: string;
  readonly groupId: string | null;
  readonly tag: string | null;
  /** `createdBy.id`. */
  readonly createdBy: string;
}

export function runIndexFields(run: Run): RunIndexFields {
  return {
    id: run.id,
    status: run.status,
    country: marketKey(run.country, "country"),
    createdAt: isoTime(run.createdAt, "createdAt"),
    groupId: run.groupId ?? null,
    tag: run.tag ?? null,
    createdBy: run.createdBy.id,
  };
}

/** Throws `invalid_input` naming the field when `run` cannot be stored as given. */
export function assertStorableRun(run: Run): void {
  if (typeof run.id !== "string" || run.id.trim() === "") throw invalidInput("id", "A run needs an id.");
  assertRunStatus(run.status);
  if (typeof run.country !== "string" || run.country.trim() === "") {
    throw invalidInput("country", "A run needs a country.");
  }
  if (typeof run.createdBy?.id !== "string")
    throw invalidInput("createdBy", "A run needs the actor who created it.");
  isoTime(run.createdAt, "createdAt");
  isoTime(run.updatedAt, "updatedAt");
  if (!Number.isInteger(run.lastEventSeq) || run.lastEventSeq < 0) {
    throw invalidInput("lastEventSeq", "lastEventSeq must be a whole number, 0 for a new run.");
  }
}

/** Throws `invalid_input` on `status` unless `status` is one of `RUN_STATUSES`. */
export function assertRunStatus(status: RunStatus): void {
  if (!RUN_STATUSES.includes(status)) {
    throw invalidInput("status", `Run status ${String(status)} is not one of ${RUN_STATUSES.join(", ")}.`);
  }
}

/** The `conflict` of `createRun` when a run with this id is already stored. */
export function runAlreadyExists(id: string): MmmError {
  return new MmmError("conflict", `A run with id ${id} already exists.`, {
    context: { field: "id", runId: id },
  });
}

/** The `not_found` of every method that changes a run that is not stored. */
export function runNotFound(id: string): MmmError {
  return new MmmError("not_found", `Run ${id} was not found.`, { context: { field: "runId", runId: id } });
}

/** `value` as `Date#toISOString`, or `invalid_input` naming `field`. */
export function isoTime(value: string, field: string): string {
  const time = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(time)) {
    throw invalidInput(
      field,
      `${field} must be a time in ISO 8601, e.g. 2026-11-26T04:30:12Z, not ${String(value)}.`,
    );
  }
  return new Date(time).toISOString();
}
