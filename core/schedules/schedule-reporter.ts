/**
 * Who hears about scheduled refreshes: the log always, and the Slack app (the schedule's channel) once it
 * has started. Like notifications, reports are best effort: a reporter that throws is logged and skipped,
 * and never stops the scheduler.
 */
import type { Logger } from "../logger.ts";
import type { Run } from "../run.ts";
import type { Schedule } from "./schedule.ts";

export interface ScheduleReporter {
  /** A slot's refresh run started. */
  started(schedule: Schedule, run: Run): Promise<void>;
  /** A slot could not start its refresh, or its run failed; said once per reason, not on every slot. */
  failed(schedule: Schedule, reason: string): Promise<void>;
  /**
   * A scheduled refresh succeeded. `outside` are the report's sentences of the channels whose ROI (CPA) left
   * the previous model's interval (`refresh_report.json`), empty when none did.
   */
  finished(schedule: Schedule, run: Run, outside: string[]): Promise<void>;
}

export class ScheduleReporters implements ScheduleReporter {
  readonly #targets: ScheduleReporter[] = [];

  constructor(private readonly logger: Logger) {}

  add(reporter: ScheduleReporter): void {
    this.#targets.push(reporter);
  }

  async started(schedule: Schedule, run: Run): Promise<void> {
    this.logger.info({ schedule: schedule.id, runId: run.id }, "scheduled refresh started");
    await this.#each("started", (r) => r.started(schedule, run));
  }

  async failed(schedule: Schedule, reason: string): Promise<void> {
    this.logger.warn({ schedule: schedule.id, reason }, "scheduled refresh failed");
    await this.#each("failed", (r) => r.failed(schedule, reason));
  }

  async finished(schedule: Schedule, run: Run, outside: string[]): Promise<void> {
    this.logger.info({ schedule: schedule.id, runId: run.id, outside }, "scheduled refresh finished");
    await this.#each("finished", (r) => r.finished(schedule, run, outside));
  }

  async #each(what: string, call: (reporter: ScheduleReporter) => Promise<void>): Promise<void> {
    for (const target of this.#targets) {
      try {
        await call(target);
      } catch (error) {
        this.logger.warn({ error: (error as Error).message }, `schedule report (${what}) failed`);
      }
    }
  }
}
