/**
 * The rules of schedules shared by every RunStore adapter: what a new schedule must hold, when a slot may
 * be claimed (after the last claimed one, never on a cancelled schedule), and the errors about them.
 */
import { MmmError, invalidInput } from "../../common/errors.ts";
import type { Actor } from "../run.ts";
import type { Schedule, ScheduleOutcome } from "../schedules/schedule.ts";
import { timeZoneOf } from "../schedules/cadence.ts";
import { countryCode } from "./country-code.ts";
import { isoTime } from "./run-record.ts";

/**
 * The schedule as stored (country upper-case, time zone checked and canonical; no claim, outcome or
 * cancellation yet) and its creation time.
 */
export function normalizeSchedule(schedule: Schedule): { schedule: Schedule; createdIso: string } {
  if (typeof schedule.id !== "string" || schedule.id.trim() === "")
    throw invalidInput("id", "The schedule needs an id.");
  if (typeof schedule.cron !== "string" || schedule.cron.trim().split(/\s+/).length !== 5)
    throw invalidInput("cron", "A schedule needs the five fields of its cron expression.");
  const source = schedule.source;
  if (typeof source?.runId !== "string" || typeof source.solID !== "string")
    throw invalidInput("source", "A schedule needs the picked model it starts from (run and model).");
  if (typeof schedule.createdBy?.id !== "string")
    throw invalidInput("createdBy", "Say who made the schedule.");
  const createdIso = isoTime(schedule.createdAt, "createdAt");
  return {
    schedule: {
      id: schedule.id,
      country: countryCode(schedule.country),
      cadence: schedule.cadence,
      cron: schedule.cron,
      timezone: timeZoneOf(schedule.timezone),
      source: { runId: source.runId, solID: source.solID, data: source.data },
      ...(schedule.channel !== undefined ? { channel: schedule.channel } : {}),
      createdBy: schedule.createdBy,
      createdAt: schedule.createdAt,
      nextDue: isoTime(schedule.nextDue, "nextDue"),
    },
    createdIso,
  };
}

/**
 * The schedule with `slot` claimed and `nextDue` moved on, or `undefined` when the slot may not be claimed:
 * the schedule is cancelled, or this slot or a later one was claimed already.
 */
export function claimedSchedule(schedule: Schedule, slot: string, nextDue: string): Schedule | undefined {
  const slotIso = isoTime(slot, "slot");
  if (schedule.cancelledAt !== undefined) return undefined;
  if (schedule.lastSlot !== undefined && schedule.lastSlot >= slotIso) return undefined;
  return { ...schedule, lastSlot: slotIso, nextDue: isoTime(nextDue, "nextDue") };
}

/** The schedule with its outcome, unless it is about an older slot than the one on record. */
export function withOutcome(schedule: Schedule, outcome: ScheduleOutcome): Schedule {
  if (schedule.lastOutcome !== undefined && schedule.lastOutcome.slot > outcome.slot) return schedule;
  return { ...schedule, lastOutcome: outcome };
}

/** The schedule cancelled, unless it was cancelled before (the first cancellation stands). */
export function cancelledSchedule(schedule: Schedule, by: Actor, at: string): Schedule {
  if (typeof by?.id !== "string") throw invalidInput("by", "Say who cancels the schedule.");
  if (schedule.cancelledAt !== undefined) return schedule;
  return { ...schedule, cancelledAt: at, cancelledBy: by };
}

export function unknownSchedule(id: string): MmmError {
  return new MmmError("not_found", `There is no schedule ${id}: see /mmm schedule list.`, {
    context: { field: "id", id },
  });
}

export function scheduleTaken(id: string): MmmError {
  return new MmmError("conflict", `A schedule with id ${id} already exists.`, { context: { field: "id" } });
}
