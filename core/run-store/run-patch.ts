/**
 * Applying a `RunPatch` or `TransitionPatch` to a run: only the fields the port allows are copied (a
 * caller cannot slip a status or an id through a cast), and a key whose value is `undefined` leaves the
 * field as it is.
 */
import type { Run } from "../run.ts";
import type { RunPatch, TransitionPatch } from "./port.ts";

export const RUN_PATCH_FIELDS = [
  "slack",
  "progress",
  "execution",
  "summary",
  "resources",
  "lastHeartbeatAt",
] as const;

export const TRANSITION_PATCH_FIELDS = [...RUN_PATCH_FIELDS, "failure"] as const;

/** A copy of `run` with the allowed fields of `patch` set. */
export function applyRunPatch(
  run: Run,
  patch: TransitionPatch | undefined,
  fields: readonly (keyof TransitionPatch)[] = RUN_PATCH_FIELDS,
): Run {
  const next: Run = { ...run };
  if (patch === undefined) return next;
  const target = next as unknown as Record<string, unknown>;
  for (const field of fields) {
    const value = patch[field];
    if (value !== undefined) target[field] = structuredClone(value);
  }
  return next;
}

/** What `RunStore.updateRun` stores: `run` with the allowed fields of `patch` set, updated at `now`. */
export function updatedRun(run: Run, patch: RunPatch, now: string): Run {
  return { ...applyRunPatch(run, patch, RUN_PATCH_FIELDS), updatedAt: now };
}
