/**
 * The run lifecycle, shared by every surface: start runs (checked first, one per country, grouped), the
 * queue that launches them up to a concurrency cap, trainer events, cancellation and the reconciler that
 * fails runs whose trainer went silent. Everything it knows lives in the run store and the artifact
 * store, so a restarted app resumes where the last one stopped.
 *
 * The replaced product's failures this design rules out: every run gets its own spec and snapshot under
 * its own prefix before it is launched (no shared "latest" config); statuses only move forward; the queue
 * advances by itself (after every run ends, on a timer, at start), with real parallelism up to the cap.
 *
 * Longer than 400 lines because it is one state machine over one store; its separable parts (checks,
 * shards, the stuck-run rule) live beside it.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { ArtifactStore } from "../artifacts/port.ts";
import { invalidInput, MmmError } from "../../common/errors.ts";
import type { TrainerEvent } from "../events.ts";
import type { Launcher } from "../launcher/port.ts";
import type { Notifier } from "../notifier/port.ts";
import { isTerminal, type Actor, type Run } from "../run.ts";
import { newRunId } from "../run-id.ts";
import { parseRunSpec, type CalibrationStudyInput, type RunSpecInput } from "../run-spec.ts";
import type { RunChange, RunStore } from "../run-store/port.ts";
import type { Warehouse } from "../warehouse/port.ts";
import { estimateRunCost, type CostPrices } from "../results/run-cost.ts";
import { RunOutputs } from "../results/run-outputs.ts";
import { checkRun, type CheckedRun } from "./check-run.ts";
import { cleanFailure } from "./failure-report.ts";
import { withRunTrust } from "./completion-trust.ts";
import { ShardCoordinator } from "./shard-coordinator.ts";
import { stuckReason } from "./stuck-run.ts";
import { tableToCsv } from "./table-csv.ts";
import type { TrainerLaunch } from "../launcher/trainer-launch.ts";
import { OUTPUT_FILES, RUN_FILES, runPrefix } from "../../common/run-folder.ts";
import type { LoadLimits } from "./load-run-data.ts";
import type { Datasets } from "../datasets/datasets.ts";
import type { Preparations } from "../preparations/preparations.ts";

export interface RunRequest {
  /** The spec; `country` may be left out when `countries` is given. */
  spec: Omit<RunSpecInput, "country"> & { country?: string };
  /** One run per country, launched together as a group. Default: the spec's country. */
  countries?: string[];
  tag?: string;
  actor: Actor;
  /** Repeated requests with the same key (a retried Slack call, a client's retry) start nothing new. */
  idempotencyKey?: string;
  /**
   * Lift studies remembered for each country (upper-case code), appended to the spec's
   * `calibration_input` of that country's run only.
   */
  liftStudies?: Readonly<Record<string, readonly CalibrationStudyInput[]>>;
  /**
   * More JSON files of each run's folder, by their `RUN_FILES` name, written beside the spec before the run
   * is queued (a Robyn refresh's parent model).
   */
  files?: Readonly<Record<string, string>>;
}

export interface StartedRuns {
  groupId: string;
  runs: Run[];
  /** True when the idempotency key had been used: these are the runs the first request started. */
  repeated: boolean;
}

export interface LifecycleDependencies {
  runs: RunStore;
  artifacts: ArtifactStore;
  warehouse: Warehouse;
  /** Uploaded datasets, for runs that read one. */
  datasets?: Pick<Datasets, "rowsFor">;
  /** Saved preparations, for runs that start from one. */
  preparations?: Pick<Preparations, "runData">;
  launcher: Launcher;
  notifier: Notifier;
  trainer: TrainerLaunch;
  logger: Logger;
  /** Load limits (a data file is read under DuckDB's bounds too). */
  limits: LoadLimits;
  maxConcurrentRuns: number;
  /**
   * A trainer not heard from for this long is checked with the launcher, and cancelled as hung when its
   * execution still runs.
   */
  silenceSeconds: number;
  /** A run whose execution still runs this long after it started is cancelled (default: no maximum). */
  maxRunSeconds?: number;
  /** Split each native run's trials over this many parallel tasks (1 = no sharding). */
  tasksPerRun?: number;
  /** Cloud Run prices, for each run's cost estimate. */
  prices?: CostPrices;
  now?: () => Date;
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export class RunLifecycle {
  private ticking: Promise<void> = Promise.resolve();
  private readonly now: () => Date;
  private readonly shards: ShardCoordinator;

  constructor(private readonly deps: LifecycleDependencies) {
    this.now = deps.now ?? (() => new Date());
    this.shards = new ShardCoordinator({
      ...deps,
      notify: (previous, change) => this.notify(previous, change),
    });
  }

  /** Checks every country's spec and data; throws the first problem. Launches nothing. */
  async check(request: RunRequest): Promise<CheckedRun[]> {
    const countries = countriesOf(request);
    const checked: CheckedRun[] = [];
    for (const country of countries) {
      const spec = parseRunSpec({
        ...request.spec,
        country,
        calibration_input: [
          ...(request.spec.calibration_input ?? []),
          ...(request.liftStudies?.[country] ?? []),
        ],
      });
      try {
        checked.push(
          await checkRun(spec, {
            warehouse: this.deps.warehouse,
            ...(this.deps.datasets ? { datasets: this.deps.datasets } : {}),
            ...(this.deps.preparations ? { preparations: this.deps.preparations } : {}),
            actor: request.actor,
            limits: this.deps.limits,
            robynAvailable: () => this.deps.trainer.robynAvailable(),
          }),
        );
      } catch (error) {
        if (countries.length > 1 && error instanceof MmmError) {
          throw new MmmError(error.code, `${country}: ${error.message}`, {
            context: { ...error.context, country },
            cause: error,
          });
        }
        throw error;
      }
    }
    return checked;
  }

  /**
   * Checks everything first, then writes each run's spec and snapshot under its own prefix, stores the
   * runs as queued and lets the queue launch them. All or nothing: one bad country launches none.
   */
  async start(request: RunRequest): Promise<StartedRuns> {
    // Check before claiming the idempotency key: a request refused for its data must stay retryable.
    const checked = await this.check(request);
    const groupId = `g-${randomUUID()}`;
    if (request.idempotencyKey) {
      const claim = await this.deps.runs.claimIdempotencyKey(
        `start:${request.idempotencyKey}`,
        groupId,
        IDEMPOTENCY_TTL_SECONDS,
      );
      if (!claim.claimed)
        return {
          groupId: claim.value,
          runs: await this.groupRuns(claim.value, checked.length),
          repeated: true,
        };
    }
    const created: Run[] = [];
    for (const { spec, table, dataSummary, warnings } of checked) {
      const id = newRunId(spec.country, this.now());
      const prefix = runPrefix(id);
      await this.deps.artifacts.put(`${prefix}${RUN_FILES.input}`, tableToCsv(table), "text/csv");
      for (const [name, text] of Object.entries(request.files ?? {}))
        await this.deps.artifacts.put(`${prefix}${name}`, text, "application/json");
      await this.deps.artifacts.put(
        `${prefix}${RUN_FILES.spec}`,
        JSON.stringify(spec, null, 2),
        "application/json",
      );
      const at = this.now().toISOString();
      const run: Run = {
        id,
        groupId,
        country: spec.country,
        status: "queued",
        spec,
        ...(request.tag ? { tag: request.tag } : {}),
        createdBy: request.actor,
        createdAt: at,
        updatedAt: at,
        artifactPrefix: prefix,
        summary: { data: dataSummary, warnings },
        lastEventSeq: 0,
      };
      await this.deps.runs.createRun(run);
      created.push(run);
      await this.deps.notifier.runCreated(run);
      this.deps.logger.info(
        { runId: id, country: spec.country, groupId, by: request.actor.id },
        "run queued",
      );
    }
    void this.tick();
    return { groupId, runs: created, repeated: false };
  }

  /** The runs of a group started by an earlier identical request (waiting briefly while it is still writing). */
  private async groupRuns(groupId: string, expected: number): Promise<Run[]> {
    for (let attempt = 0; ; attempt++) {
      const { runs } = await this.deps.runs.listRuns({ groupId, limit: 200 });
      if (runs.length >= expected || attempt >= 50) return runs;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Launches queued runs, oldest first, while fewer than `maxConcurrentRuns` are preparing or running.
   * Ticks never overlap in one process; across processes the atomic queued → preparing transition makes
   * sure a run is launched once.
   */
  tick(): Promise<void> {
    this.ticking = this.ticking
      .then(() => this.launchQueued())
      .catch((error) => this.deps.logger.error({ err: error }, "queue tick failed"));
    return this.ticking;
  }

  private async launchQueued(): Promise<void> {
    const active = await this.deps.runs.listActiveRuns();
    let busy = active.filter((run) => run.status === "preparing" || run.status === "running").length;
    for (const queued of active.filter((run) => run.status === "queued")) {
      if (busy >= this.deps.maxConcurrentRuns) return;
      const change = await this.deps.runs.transition(queued.id, "preparing");
      if (!change.applied) continue;
      busy++;
      await this.notify(queued.status, change);
      try {
        const tasks =
          change.run.spec.engine === "native"
            ? Math.min(this.deps.tasksPerRun ?? 1, change.run.spec.trials)
            : 1;
        const ref = await this.deps.launcher.launch(await this.deps.trainer.request(change.run, tasks));
        const execution = tasks > 1 ? { ...ref, tasks, stage: "shards" as const } : ref;
        await this.deps.runs.updateRun(queued.id, { execution });
        this.deps.logger.info({ runId: queued.id, execution }, "run launched");
      } catch (error) {
        const reason = `The trainer could not be started: ${(error as Error).message}`;
        this.deps.logger.error({ runId: queued.id, err: error }, "launch failed");
        await this.notify(
          "preparing",
          await this.deps.runs.transition(queued.id, "failed", { failure: { reason } }),
        );
        busy--;
      }
    }
  }

  /**
   * Applies a trainer event (already authenticated) and tells people; frees a queue slot when the run ends.
   * A `completed` event must come next in the run's sequence and find the run's outputs in the artifact
   * store (`status.json` says succeeded, `model_summary.json` is there): a run token alone cannot declare a
   * run finished while its trainer is still working, nor jump the sequence ahead. A real completion that
   * follows a lost progress event is refused too, and recovered from the outputs by the reconciler once the
   * execution has ended.
   */
  async recordEvent(runId: string, event: TrainerEvent): Promise<RunChange> {
    const before = await this.requireRun(runId);
    let applied = event;
    if (event.type === "completed" && !isTerminal(before.status)) {
      await this.assertCompletion(before, event);
      // Health and calibration first (written into model_summary.json), then the recommendation.
      applied = await this.withRecommendation(
        before,
        await withRunTrust(this.deps.artifacts, before, event, this.deps.logger),
      );
    }
    const recorded = await this.deps.runs.recordEvent(
      runId,
      applied.type === "failed" ? { ...applied, ...cleanFailure(applied) } : applied,
    );
    const change = recorded.applied ? await this.withCostEstimate(recorded) : recorded;
    if (change.applied) {
      await this.notify(before.status, change);
      if (isTerminal(change.run.status)) void this.tick();
    }
    return change;
  }

  private async assertCompletion(run: Run, event: TrainerEvent): Promise<void> {
    if (event.seq !== run.lastEventSeq + 1) {
      throw new MmmError(
        "conflict",
        `Run ${run.id}: a completed event must follow event ${run.lastEventSeq}, not come as event ${event.seq}.`,
        { context: { field: "seq", lastEventSeq: run.lastEventSeq } },
      );
    }
    const [status, summary] = await Promise.all([
      this.readStatusFile(run),
      this.deps.artifacts.exists(`${run.artifactPrefix}${OUTPUT_FILES.modelSummary}`),
    ]);
    if (status?.state !== "succeeded" || !summary) {
      throw new MmmError(
        "conflict",
        `Run ${run.id} cannot be completed: its outputs (status.json saying succeeded, output/model_summary.json) are not in the artifact store.`,
        { context: { field: "type" } },
      );
    }
  }

  /**
   * A completion whose summary has no `recommended` (the Robyn R trainer's) gets the one derived from the
   * run's Pareto files, so Slack shows the recommendation for both engines.
   */
  private async withRecommendation(run: Run, event: TrainerEvent): Promise<TrainerEvent> {
    if (event.type !== "completed" || !event.summary || "recommended" in event.summary) return event;
    const summary = await new RunOutputs(this.deps.artifacts, run).summary();
    return { ...event, summary: { ...event.summary, recommended: summary?.recommended ?? null } };
  }

  /** Adds the cost estimate to a run whose trainer has just reported its resources. */
  private async withCostEstimate(change: RunChange): Promise<RunChange> {
    const resources = change.run.resources;
    if (!resources || !this.deps.prices || resources.estimatedCostUsd !== undefined) return change;
    const estimatedCostUsd = estimateRunCost(resources, this.deps.prices).total;
    return {
      applied: true,
      run: await this.deps.runs.updateRun(change.run.id, { resources: { ...resources, estimatedCostUsd } }),
    };
  }

  /** Applies an event from one task of a sharded run (see `shard-coordinator.ts`). */
  async recordShardEvent(runId: string, index: number, event: TrainerEvent): Promise<void> {
    const run = await this.requireRun(runId);
    if (isTerminal(run.status) || run.execution?.stage !== "shards") {
      throw new MmmError(
        "conflict",
        `Run ${runId} takes no shard events: it is ${isTerminal(run.status) ? run.status : run.execution?.stage === "merge" ? "merging its shards" : "not sharded"}.`,
        { context: { field: "runId", status: run.status } },
      );
    }
    const tasks = run.execution.tasks ?? 1;
    if (index >= tasks) {
      throw invalidInput("index", `Run ${runId} has shards 0 to ${tasks - 1}, not ${index}.`, {
        location: "path",
      });
    }
    await this.shards.recordShardEvent(run, index, event);
    const after = await this.requireRun(runId);
    if (isTerminal(after.status)) void this.tick();
  }

  async cancel(runId: string, actor: Actor): Promise<Run> {
    const run = await this.requireRun(runId);
    if (isTerminal(run.status)) {
      throw new MmmError(
        "conflict",
        `Run ${runId} has already ${run.status === "cancelled" ? "been cancelled" : run.status}; there is nothing to cancel.`,
        {
          context: { field: "runId", status: run.status },
        },
      );
    }
    if (run.execution) await this.deps.launcher.cancel(run.execution.id);
    const change = await this.deps.runs.transition(runId, "cancelled", {
      failure: { reason: `Cancelled by ${actor.name ?? actor.id}.` },
    });
    await this.notify(run.status, change);
    this.deps.logger.info({ runId, by: actor.id }, "run cancelled");
    void this.tick();
    return change.run;
  }

  /**
   * Finds runs whose trainer stopped without saying so (killed for memory, a crashed node) or hangs: asks
   * the launcher about every active run that has an execution, recovers a result the trainer wrote but
   * could not report, fails the rest with the reason and the log tail, and cancels executions that still
   * run but are silent past `silenceSeconds` (a stopped or deadlocked trainer) or past `maxRunSeconds`.
   * Then lets the queue advance into the slots this freed.
   */
  async reconcile(): Promise<void> {
    const active = await this.deps.runs.listActiveRuns();
    for (const run of active) {
      if (run.status === "queued") continue;
      try {
        await this.reconcileRun(run);
      } catch (error) {
        this.deps.logger.error({ runId: run.id, err: error }, "reconcile failed");
      }
    }
    await this.tick();
  }

  private async reconcileRun(run: Run): Promise<void> {
    if (!run.execution) {
      const age = (this.now().getTime() - Date.parse(run.updatedAt)) / 1000;
      if (age > 120) {
        const reason =
          "The app stopped while this run was being launched, so it never started. Start it again.";
        await this.notify(
          run.status,
          await this.deps.runs.transition(run.id, "failed", { failure: { reason } }),
        );
      }
      return;
    }
    const execution = await this.deps.launcher.describe(run.execution.id);
    const stuck =
      execution.state === "running"
        ? stuckReason(run, execution, {
            now: this.now(),
            silenceSeconds: this.deps.silenceSeconds,
            maxRunSeconds: this.deps.maxRunSeconds,
          })
        : undefined;
    if (stuck !== undefined) {
      await this.deps.launcher.cancel(run.execution.id);
      await this.failRun(run, stuck);
      this.deps.logger.warn(
        { runId: run.id, execution, reason: stuck },
        "trainer hung; cancelled and failed",
      );
      return;
    }
    if (await this.shards.reconcile(run, execution)) return;
    if (execution.state === "running") {
      if (execution.cpuSeconds !== undefined || execution.peakMemoryMb !== undefined) {
        await this.deps.runs.updateRun(run.id, {
          resources: {
            cpuSeconds: execution.cpuSeconds ?? 0,
            peakMemoryMb: execution.peakMemoryMb ?? 0,
            wallSeconds: (this.now().getTime() - Date.parse(run.startedAt ?? run.createdAt)) / 1000,
          },
        });
      }
      return;
    }
    // The execution is over but the run is not: the trainer's last event never arrived.
    const status = await this.readStatusFile(run);
    if (status?.state === "succeeded") {
      const summary = await this.deps.artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.modelSummary}`);
      if (summary) {
        const { pareto_models: _all, ...highlights } = JSON.parse(summary) as Record<string, unknown>;
        await this.recordEvent(run.id, {
          type: "completed",
          seq: run.lastEventSeq + 1,
          at: this.now().toISOString(),
          summary: highlights,
        });
        return;
      }
    }
    const how =
      execution.signal === "SIGKILL"
        ? "was killed (SIGKILL), most often because it ran out of memory"
        : execution.signal
          ? `was stopped by ${execution.signal}`
          : execution.exitCode !== undefined
            ? `exited with code ${execution.exitCode}`
            : "is gone";
    const reason =
      status?.state === "failed" && typeof status.reason === "string"
        ? status.reason
        : `The trainer ${how} without reporting a result.${execution.reason ? ` ${execution.reason}` : ""}`;
    await this.failRun(run, reason);
    this.deps.logger.warn({ runId: run.id, execution }, "trainer went silent; run failed");
  }

  /** Fails a run with `reason` and the end of its log, and tells people. */
  private async failRun(run: Run, reason: string): Promise<void> {
    const logTail = (await this.deps.artifacts.getText(`${run.artifactPrefix}${RUN_FILES.log}`))?.trimEnd();
    await this.notify(
      run.status,
      await this.deps.runs.transition(run.id, "failed", {
        failure: cleanFailure({ reason, ...(logTail ? { logTail } : {}) }),
      }),
    );
  }

  private async readStatusFile(run: Run): Promise<Record<string, unknown> | undefined> {
    const text = await this.deps.artifacts.getText(`${run.artifactPrefix}status.json`);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  private async requireRun(runId: string): Promise<Run> {
    const run = await this.deps.runs.getRun(runId);
    if (!run) throw new MmmError("not_found", `There is no run ${runId}.`, { context: { field: "runId" } });
    return run;
  }

  private async notify(previousStatus: Run["status"], change: RunChange): Promise<void> {
    if (!change.applied) return;
    try {
      await this.deps.notifier.runUpdated({ run: change.run, previousStatus });
    } catch (error) {
      this.deps.logger.warn({ runId: change.run.id, err: error }, "notification failed");
    }
  }
}

function countriesOf(request: RunRequest): string[] {
  const countries = request.countries?.length
    ? request.countries
    : request.spec.country
      ? [request.spec.country]
      : [];
  if (countries.length === 0)
    throw invalidInput("country", "Name the country (or countries) to train, e.g. DE.");
  const unique = [...new Set(countries.map((c) => c.trim().toUpperCase()))];
  if (unique.length > 20)
    throw invalidInput("countries", `${unique.length} countries in one request; start at most 20 at a time.`);
  return unique;
}
