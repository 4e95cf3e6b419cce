/**
 * The status machine applied to a stored run: what `RunStore.transition` does inside its atomic
 * update, the same in every adapter.
 */
import { canTransition, isTerminal, type RunStatus, type Run } from "../run.ts";
import type { RunChange, TransitionPatch } from "./port.ts";
import { TRANSITION_PATCH_FIELDS, applyRunPatch } from "./run-patch.ts";

/**
 * Moves `run` to `to` when `canTransition` allows it, with `patch` and the times that go with the new
 * status (`now`, ISO 8601): `startedAt` on reaching `running` (kept when already set), `finishedAt` on
 * reaching a terminal status. Otherwise returns the run unchanged with `applied: false`.
 */
export function applyTransition(
  run: Run,
  to: RunStatus,
  patch: TransitionPatch | undefined,
  now: string,
): RunChange {
  if (!canTransition(run.status, to)) return { applied: false, run };
  const next = applyRunPatch(run, patch, TRANSITION_PATCH_FIELDS);
  next.status = to;
  next.updatedAt = now;
  if (to === "running" && next.startedAt === undefined) next.startedAt = now;
  if (isTerminal(to)) next.finishedAt = now;
  return { applied: true, run: next };
}
