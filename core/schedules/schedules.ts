/**
 * Schedules as the surfaces use them (Slack's `/mmm schedule`, the REST API, the viewer, the tick endpoint):
 * make one for a country's picked model, list, cancel, tick, and follow the runs the scheduler starts to
 * record how they ended and report channels whose ROI left its previous range.
 */
import { randomBytes } from "node:crypto";
import { MmmError, invalidInput } from "../../common/errors.ts";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import type { RefreshReport } from "../../engine/refresh/refresh-report.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { RunLifecycle } from "../lifecycle/run-lifecycle.ts";
import type { Logger } from "../logger.ts";
import type { Notifier, RunNotification } from "../notifier/port.ts";
import { refreshable } from "../refresh/refresh-lineage.ts";
import { startRefresh } from "../refresh/start-refresh.ts";
import { isTerminal, type Actor, type Run } from "../run.ts";
import { countryCode } from "../run-store/country-code.ts";
import type { RunStore } from "../run-store/port.ts";
import { cronOf, nextSlot, plainCadence, timeZoneOf } from "./cadence.ts";
import type { Schedule } from "./schedule.ts";
import { ScheduleReporters } from "./schedule-reporter.ts";
import { Scheduler } from "./scheduler.ts";

export interface SchedulesOptions {
  runs: RunStore;
  lifecycle: RunLifecycle;
  artifacts: ArtifactStore;
  logger: Logger;
  /** The scheduler's clock (default: the system clock). */
  now?: () => Date;
}

export interface ScheduleRequest {
  country: string;
  /** `weekly`, `monthly` or a five-field cron expression, read in `timezone`. */
  cadence: string;
  /** An IANA time zone (`Europe/Berlin`); UTC when absent. */
  timezone?: string | undefined;
  /** The Slack channel results and alerts go to. */
  channel?: string;
  actor: Actor;
}

export class Schedules {
  readonly reporters: ScheduleReporters;
  readonly scheduler: Scheduler;
  /** Follows the runs the scheduler starts; registered on the app's notifier fan-out. */
  readonly runWatcher: Notifier;
  readonly #now: () => Date;

  constructor(private readonly options: SchedulesOptions) {
    this.#now = options.now ?? (() => new Date());
    this.reporters = new ScheduleReporters(options.logger);
    this.scheduler = new Scheduler({
      runs: options.runs,
      refresh: (schedule) => this.refreshPick(schedule),
      reporter: this.reporters,
      now: this.#now,
      logger: options.logger,
    });
    this.runWatcher = {
      kind: "schedules",
      runCreated: async () => undefined,
      runUpdated: (notification) => this.#runUpdated(notification),
    };
  }

  /**
   * Makes a schedule for the country's picked model. Refuses, naming the field: an unknown country or one
   * without a picked model (`country`), a pick whose run the app cannot refresh (`country`), a bad cadence
   * (`cadence`, naming the cron field), an unknown time zone (`timezone`).
   */
  async create(request: ScheduleRequest): Promise<Schedule> {
    const country = countryCode(request.country);
    const cron = cronOf(request.cadence);
    const timezone = timeZoneOf(request.timezone);
    const pick = await this.options.runs.getBest(country);
    if (pick === undefined)
      throw invalidInput(
        "country",
        `${country} has no picked model to refresh: train ${country}, pick its best model (the run's "Pick as best" or the viewer), then schedule it.`,
      );
    const parent = await this.options.runs.getRun(pick.runId);
    if (parent === undefined || !refreshable(parent))
      throw invalidInput(
        "country",
        `${country}'s picked model (run ${pick.runId}) was not trained on a warehouse table, query or dataset, so the app cannot refresh it on new data: pick a model that was.`,
      );
    const now = this.#now();
    return this.options.runs.saveSchedule({
      id: `sch-${randomBytes(4).toString("hex")}`,
      country,
      cadence: plainCadence(request.cadence),
      cron,
      timezone,
      source: { runId: pick.runId, solID: pick.solID, data: dataSourceText(parent) },
      ...(request.channel !== undefined ? { channel: request.channel } : {}),
      createdBy: request.actor,
      createdAt: now.toISOString(),
      nextDue: nextSlot(cron, now, timezone).toISOString(),
    });
  }

  list(): Promise<Schedule[]> {
    return this.options.runs.listSchedules();
  }

  cancel(id: string, actor: Actor): Promise<Schedule> {
    return this.options.runs.cancelSchedule(id, actor);
  }

  /** Starts the refresh of the schedule's country's current pick, on its data source read again. */
  async refreshPick(schedule: Schedule): Promise<Run> {
    const { runs } = this.options;
    const pick = await runs.getBest(schedule.country);
    if (pick === undefined)
      throw invalidInput("country", `${schedule.country} has no picked model any more: pick one again.`);
    const parent = await runs.getRun(pick.runId);
    if (parent === undefined)
      throw new MmmError("not_found", `The picked model's run ${pick.runId} is gone.`, {
        context: { field: "runId" },
      });
    const actor: Actor = { kind: "system", id: `schedule:${schedule.id}`, name: `schedule ${schedule.id}` };
    const started = await startRefresh(this.options, parent, { model: pick.solID }, actor);
    return started.runs[0]!;
  }

  async #runUpdated({ run, previousStatus }: RunNotification): Promise<void> {
    if (!isTerminal(run.status) || isTerminal(previousStatus) || !run.spec.refresh) return;
    const schedule = (await this.options.runs.listSchedules()).find((s) => s.lastOutcome?.runId === run.id);
    if (schedule === undefined) return;
    const slot = schedule.lastOutcome!.slot;
    const at = this.#now().toISOString();
    if (run.status !== "succeeded") {
      const reason = run.failure?.reason ?? `the refresh run ended ${run.status}`;
      await this.options.runs.recordScheduleOutcome(schedule.id, {
        slot,
        status: "failed",
        at,
        runId: run.id,
        reason,
      });
      await this.reporters.failed(schedule, `run ${run.id}: ${reason}`);
      return;
    }
    const stored = await this.options.runs.recordScheduleOutcome(schedule.id, {
      slot,
      status: "succeeded",
      at,
      runId: run.id,
    });
    await this.reporters.finished(stored, run, await this.#outside(run));
  }

  /** The report's sentences of channels outside their previous interval. */
  async #outside(run: Run): Promise<string[]> {
    const text = await this.options.artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.refreshReport}`);
    if (text === undefined) return [];
    const report = JSON.parse(text) as Pick<RefreshReport, "channels">;
    return report.channels.filter((c) => c.outside_previous_interval === true).map((c) => c.sentence);
  }
}

function dataSourceText(run: Run): string {
  const data = run.spec.data;
  if (data === undefined) return "unknown";
  if ("table" in data) return `table ${data.table}`;
  if ("dataset" in data) return `dataset ${data.dataset}`;
  if ("sql" in data) return "SQL query";
  if ("preparation" in data) return `preparation ${data.preparation}`;
  return `file ${data.file}`;
}
