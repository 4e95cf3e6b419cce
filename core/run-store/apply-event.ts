/**
 * A trainer event applied to a stored run: what `RunStore.recordEvent` does inside its atomic update,
 * the same in every adapter (the rules are in `port.ts`).
 */
import { invalidInput } from "../../common/errors.ts";
import { TrainerEventSchema, type TrainerEvent } from "../events.ts";
import { isTerminal, type Run, type RunStatus } from "../run.ts";
import { applyTransition } from "./apply-transition.ts";
import type { TransitionPatch } from "./port.ts";
import { TRANSITION_PATCH_FIELDS, applyRunPatch } from "./run-patch.ts";

export interface EventOutcome {
  /** The event is new (its `seq` is above `lastEventSeq`): store it in the log and store `run`. */
  readonly recorded: boolean;
  /** The event changed the run beyond `lastEventSeq` (it was new and the run was not finished). */
  readonly applied: boolean;
  readonly run: Run;
}

/** `event` as checked by `RunStore.recordEvent` before it touches the store, or `invalid_input`. */
export function parseTrainerEvent(event: unknown): TrainerEvent {
  const parsed = TrainerEventSchema.safeParse(event);
  if (!parsed.success) {
    throw invalidInput(
      "event",
      `The trainer event is malformed: ${parsed.error.issues[0]?.message ?? "unknown"}.`,
    );
  }
  return parsed.data;
}

/** `now` is the store's clock (ISO 8601): the run's times say when the app heard of each change. */
export function applyEvent(run: Run, event: TrainerEvent, now: string): EventOutcome {
  if (event.seq <= run.lastEventSeq) return { recorded: false, applied: false, run };
  if (isTerminal(run.status)) {
    return { recorded: true, applied: false, run: { ...run, lastEventSeq: event.seq } };
  }
  const [to, patch] = effectOf(event, run.status);
  const moved = to === undefined ? undefined : applyTransition(run, to, patch, now);
  const next: Run = moved?.applied
    ? moved.run
    : { ...applyRunPatch(run, patch, TRANSITION_PATCH_FIELDS), updatedAt: now };
  next.lastEventSeq = event.seq;
  next.lastHeartbeatAt = now;
  return { recorded: true, applied: true, run: next };
}

/** The status an event moves a run to (if any) and the fields it sets. */
function effectOf(event: TrainerEvent, status: RunStatus): [RunStatus | undefined, TransitionPatch] {
  switch (event.type) {
    case "started":
      return [status === "running" ? undefined : "running", {}];
    case "progress": {
      const { phase, done, total, bestNrmse, bestDecompRssd, etaSeconds } = event;
      const progress = { phase, done, total, bestNrmse, bestDecompRssd, etaSeconds };
      for (const key of Object.keys(progress) as (keyof typeof progress)[]) {
        if (progress[key] === undefined) delete progress[key];
      }
      return [status === "running" ? undefined : "running", { progress }];
    }
    case "completed":
      return ["succeeded", { summary: event.summary, resources: event.resources }];
    case "failed": {
      const failure =
        event.logTail === undefined
          ? { reason: event.reason }
          : { reason: event.reason, logTail: event.logTail };
      return ["failed", { failure, resources: event.resources }];
    }
    case "cancelled":
      return ["cancelled", {}];
  }
}
