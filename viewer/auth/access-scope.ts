/**
 * What an `Access` may see. Pages call these before reading anything: a share link for a run opens that
 * run (its page, data, models, files); a share link for a model opens that model only.
 */
import { MmmError } from "../../common/errors.ts";
import type { Access } from "../viewer-env.ts";
import { RUN_FILES } from "../../common/run-folder.ts";

export function canSeeRun(access: Access, runId: string): boolean {
  return access.kind === "full" || (access.runId === runId && access.solID === undefined);
}

export function canSeeModel(access: Access, runId: string, solID: string): boolean {
  return (
    access.kind === "full" ||
    (access.runId === runId && (access.solID === undefined || access.solID === solID))
  );
}

export function assertRunAccess(access: Access, runId: string): void {
  if (!canSeeRun(access, runId)) throw outOfScope(access);
}

export function assertModelAccess(access: Access, runId: string, solID: string): void {
  if (!canSeeModel(access, runId, solID)) throw outOfScope(access);
}

/** Pages that span runs (lists, countries, compare across runs) and every change need full access. */
export function assertFullAccess(access: Access): asserts access is Extract<Access, { kind: "full" }> {
  if (access.kind !== "full") throw outOfScope(access);
}

export function assertAdmin(access: Access): void {
  assertFullAccess(access);
  if (!access.admin) {
    throw new MmmError(
      "forbidden",
      "Only workspace admins and owners can manage API tokens (in local mode: the person at this machine).",
    );
  }
}

/**
 * The run's full `log.txt` (stack traces, this machine's paths) is for admins; everyone else sees the
 * cleaned end of it on the run page (`core/lifecycle/failure-report.ts`).
 */
export const FULL_LOG_FILE = RUN_FILES.log;

export function canSeeFile(access: Access, path: string): boolean {
  return path !== FULL_LOG_FILE || (access.kind === "full" && access.admin);
}

function outOfScope(access: Access): MmmError {
  const what =
    access.kind === "share"
      ? access.solID === undefined
        ? `run ${access.runId}`
        : `model ${access.solID} of run ${access.runId}`
      : "this";
  return new MmmError(
    "forbidden",
    `The share link you opened shows ${what} only. Sign in to see the rest of the viewer.`,
    { context: { field: "access" } },
  );
}
