/**
 * The scheduler: on each tick, every schedule that is due claims its latest slot in the run store and
 * refreshes the country's picked model. A slot runs once: the store gives it to one claimer only, across
 * restarts and app instances. After a pause (the app was down), only the latest missed slot runs, once,
 * not every slot missed. A failure is recorded as the slot's outcome and reported once per reason: the
 * next slot tries again, and says so only if it fails for another reason.
 *
 * Ticks come from the app's own timer (`start`, local mode) or from Cloud Scheduler calling
 * `POST /internal/schedules/tick`; the clock is injected so that tests can move it.
 */
import { isMmmError } from "../../common/errors.ts";
import type { Logger } from "../logger.ts";
import type { Run } from "../run.ts";
import type { RunStore } from "../run-store/port.ts";
import { latestSlot, nextSlot } from "./cadence.ts";
import type { Schedule } from "./schedule.ts";
import type { ScheduleReporter } from "./schedule-reporter.ts";

export interface SchedulerOptions {
  runs: RunStore;
  /** Starts the refresh of the schedule's country's picked model; throws why it cannot. */
  refresh: (schedule: Schedule) => Promise<Run>;
  reporter: ScheduleReporter;
  now: () => Date;
  logger: Logger;
}

/** What a tick did with one slot it claimed. */
export interface SlotRun {
  scheduleId: string;
  slot: string;
  runId?: string;
  reason?: string;
}

export class Scheduler {
  #ticking: Promise<SlotRun[]> | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  /** Runs the due slots. A tick asked for while one is under way waits for it instead of running twice. */
  tick(): Promise<SlotRun[]> {
    this.#ticking ??= this.#tick().finally(() => {
      this.#ticking = undefined;
    });
    return this.#ticking;
  }

  /**
   * Ticks now (which runs only slots missed while the app was down), then again at the next schedule's due
   * time, or after `intervalMs` when that is sooner (a schedule made meanwhile is seen within it), until the
   * returned function is called. Waking at the slot itself, not at the next poll after it, keeps "monthly at
   * 06:00" at 06:00 however long the poll interval is.
   */
  start(intervalMs: number): () => void {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const arm = (delayMs: number) => {
      if (stopped) return;
      timer = setTimeout(run, Math.max(0, Math.min(delayMs, intervalMs)));
      timer.unref();
    };
    const run = () =>
      void this.tick()
        .catch((error: unknown) =>
          this.options.logger.warn({ error: (error as Error).message }, "schedule tick failed"),
        )
        .then(() => this.#untilNextDue())
        .then(arm, () => arm(intervalMs));
    run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  /** Milliseconds from now to the earliest due time of a live schedule (the interval bounds it anyway). */
  async #untilNextDue(): Promise<number> {
    const due = (await this.options.runs.listSchedules())
      .filter((schedule) => schedule.cancelledAt === undefined)
      .map((schedule) => Date.parse(schedule.nextDue));
    return due.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...due) - this.options.now().getTime();
  }

  async #tick(): Promise<SlotRun[]> {
    const now = this.options.now();
    const done: SlotRun[] = [];
    for (const schedule of await this.options.runs.listSchedules()) {
      if (Date.parse(schedule.nextDue) > now.getTime()) continue;
      const slot = latestSlot(schedule.cron, now, schedule.timezone);
      if (slot === undefined) continue;
      const claimed = await this.options.runs.claimScheduleSlot(
        schedule.id,
        slot.toISOString(),
        nextSlot(schedule.cron, now, schedule.timezone).toISOString(),
      );
      // Another instance, or an earlier tick, has this slot.
      if (claimed === undefined) continue;
      done.push(await this.#runSlot(claimed, slot.toISOString()));
    }
    return done;
  }

  async #runSlot(schedule: Schedule, slot: string): Promise<SlotRun> {
    const { runs, reporter } = this.options;
    try {
      const run = await this.options.refresh(schedule);
      const stored = await runs.recordScheduleOutcome(schedule.id, {
        slot,
        status: "started",
        at: this.options.now().toISOString(),
        runId: run.id,
      });
      await reporter.started(stored, run);
      return { scheduleId: schedule.id, slot, runId: run.id };
    } catch (error) {
      if (!isMmmError(error)) this.options.logger.error({ err: error }, "scheduled refresh crashed");
      const reason = (error as Error).message;
      await recordFailure(runs, reporter, schedule, { slot, reason, at: this.options.now().toISOString() });
      return { scheduleId: schedule.id, slot, reason };
    }
  }
}

/**
 * Records a failed slot (or a failed scheduled run) and reports it unless the outcome before it was the same
 * failure: a schedule that keeps failing for one reason says so once.
 */
export async function recordFailure(
  runs: RunStore,
  reporter: ScheduleReporter,
  schedule: Schedule,
  failure: { slot: string; reason: string; at: string; runId?: string },
): Promise<void> {
  const previous = schedule.lastOutcome;
  const stored = await runs.recordScheduleOutcome(schedule.id, { ...failure, status: "failed" });
  const repeated = previous?.status === "failed" && previous.reason === failure.reason;
  if (!repeated) await reporter.failed(stored, failure.reason);
}
