/**
 * A schedule: a country's picked model refreshed on new data at every slot of a cadence (`/mmm schedule DE
 * monthly tz Europe/Berlin`). Slots are the instants of the cadence's cron expression in the schedule's time
 * zone; the store claims each slot once
 * (`RunStore.claimScheduleSlot`), so a slot never runs twice, across restarts and app instances alike.
 */
import type { Actor } from "../run.ts";

/** What a slot came to: a refresh started (and later its end), or the reason it could not run. */
export interface ScheduleOutcome {
  /** The slot, ISO 8601. */
  readonly slot: string;
  /** `started`: the refresh run is under way; then `succeeded` or `failed` with the run's end. */
  readonly status: "started" | "succeeded" | "failed";
  /** When this outcome was recorded, ISO 8601. */
  readonly at: string;
  /** The refresh run, when one was started. */
  readonly runId?: string;
  /** Why the slot failed, in words for the channel. */
  readonly reason?: string;
}

export interface Schedule {
  /** Random, unique; `/mmm schedule cancel ID` names it. */
  readonly id: string;
  /** Upper-case two-letter code: the market whose picked model is refreshed. */
  readonly country: string;
  /** As asked: `weekly`, `monthly` or a cron expression. */
  readonly cadence: string;
  /** The five-field cron expression whose instants, read in `timezone`, are the slots. */
  readonly cron: string;
  /** The IANA time zone the cron expression is read in (`Europe/Berlin`; `UTC` unless asked otherwise). */
  readonly timezone: string;
  /** The picked model when the schedule was made, and its run's data source (each slot refreshes the pick of that time). */
  readonly source: { readonly runId: string; readonly solID: string; readonly data: string };
  /** The Slack channel results and alerts go to; absent for schedules made outside Slack. */
  readonly channel?: string;
  readonly createdBy: Actor;
  /** ISO 8601. */
  readonly createdAt: string;
  /** The next slot after the last one claimed (or after creation), ISO 8601. */
  readonly nextDue: string;
  /** The newest slot claimed, ISO 8601. */
  readonly lastSlot?: string;
  readonly lastOutcome?: ScheduleOutcome;
  /** Set once by `cancelSchedule`; a cancelled schedule claims no more slots. */
  readonly cancelledAt?: string;
  readonly cancelledBy?: Actor;
}
