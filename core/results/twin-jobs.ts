/**
 * The known-truth twin (`model-twin.ts`) as a background job of the app: started from the viewer's model
 * page or `POST /api/runs/:id/models/:model/twin`, trained in this process after the request has been
 * answered, its state kept in the artifact store beside the run (`twinStateFile`): running with its
 * progress, then the report or the error. Both the viewer and the API read that file, so any instance can
 * show a job another started.
 *
 * A job whose process is gone (a restart, an instance shut down) stops writing its heartbeat; once its
 * state is older than `STALE_MS` it reads as failed and may be started again. One job per model at a time:
 * a start while one runs answers the running one. (On Cloud Run, work after the answer needs CPU always
 * allocated; `mmm twin` runs the same twin from the command line.)
 */
import { MmmError } from "../../common/errors.ts";
import { twinStateFile } from "../../common/run-folder.ts";
import type { TrainPhase } from "../../engine/pipeline/train-models.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Logger } from "../logger.ts";
import type { Actor, Run } from "../run.ts";
import { modelTwin, type TwinReport } from "./model-twin.ts";
import { RunOutputs } from "./run-outputs.ts";

export type TwinJobStatus = "running" | "succeeded" | "failed";

export interface TwinJobState {
  run: string;
  model: string;
  status: TwinJobStatus;
  by: Actor;
  startedAt: string;
  /** The last heartbeat or progress while running; when it ended afterwards. */
  updatedAt: string;
  finishedAt: string | null;
  iterations: number;
  trials: number;
  progress: { phase: TrainPhase; done: number; total: number } | null;
  report: TwinReport | null;
  error: string | null;
}

export interface TwinJobOptions {
  iterations?: number;
  trials?: number;
  seed?: number;
}

/** How often a running job says it is alive, and after how long without a word it is taken as gone. */
export const HEARTBEAT_MS = 15_000;
export const STALE_MS = 90_000;
/** Progress is written at most this often (the search reports every few candidates). */
const PROGRESS_MS = 1_000;

export interface TwinJobsDeps {
  artifacts: ArtifactStore;
  logger: Logger;
  /** Worker threads of the twin's search. */
  workers: number;
  now: () => Date;
}

export class TwinJobs {
  /** Jobs of this process, by run and model: set before the first await of `start`, so a double click starts one. */
  private readonly active = new Map<string, Promise<void>>();

  constructor(private readonly deps: TwinJobsDeps) {}

  /** The job's state as stored (a running job gone silent reads as failed), or undefined if never started. */
  async state(run: Run, solID: string): Promise<TwinJobState | undefined> {
    const stored = await this.read(run, solID);
    if (!stored || stored.status !== "running" || this.active.has(jobKey(run, solID)) || !this.stale(stored))
      return stored;
    return {
      ...stored,
      status: "failed",
      error:
        "The twin stopped without finishing (the app restarted or its instance went away): start it again.",
    };
  }

  /**
   * Starts the twin of `solID` unless one is running (then `started` is false and the state is that job's).
   * Fails with `not_found` (field `model`) when the run has no such Pareto model.
   */
  async start(
    run: Run,
    solID: string,
    by: Actor,
    options: TwinJobOptions = {},
  ): Promise<{ state: TwinJobState; started: boolean }> {
    const key = jobKey(run, solID);
    if (this.active.has(key)) return { state: (await this.read(run, solID))!, started: false };
    let settle!: () => void;
    this.active.set(key, new Promise<void>((resolve) => (settle = resolve)));
    try {
      const stored = await this.read(run, solID);
      if (stored?.status === "running" && !this.stale(stored)) {
        this.active.delete(key);
        return { state: stored, started: false };
      }
      const models = await new RunOutputs(this.deps.artifacts, run).paretoModels();
      if (!models.some((m) => m.solID === solID))
        throw new MmmError("not_found", `Run ${run.id} has no Pareto model ${solID}.`, {
          context: { field: "model" },
        });
      const at = this.deps.now().toISOString();
      const state: TwinJobState = {
        run: run.id,
        model: solID,
        status: "running",
        by,
        startedAt: at,
        updatedAt: at,
        finishedAt: null,
        iterations: options.iterations ?? run.spec.iterations,
        trials: options.trials ?? run.spec.trials,
        progress: null,
        report: null,
        error: null,
      };
      await this.write(run, state);
      void this.execute(run, state, options).finally(() => {
        this.active.delete(key);
        settle();
      });
      return { state, started: true };
    } catch (error) {
      this.active.delete(key);
      settle();
      throw error;
    }
  }

  /** Waits for the jobs of this process (tests, and a shutdown that lets them finish). */
  async idle(): Promise<void> {
    await Promise.all(this.active.values());
  }

  private async execute(run: Run, initial: TwinJobState, options: TwinJobOptions): Promise<void> {
    let state = initial;
    let writes = Promise.resolve();
    // Writes go one after another, so a late heartbeat never overwrites the final state.
    const update = (patch: Partial<TwinJobState>) => {
      state = { ...state, ...patch, updatedAt: this.deps.now().toISOString() };
      const snapshot = state;
      writes = writes
        .then(() => this.write(run, snapshot))
        .catch((error: unknown) =>
          this.deps.logger.warn({ runId: run.id, solID: state.model, err: error }, "twin state not written"),
        );
      return writes;
    };
    const heartbeat = setInterval(() => void update({}), HEARTBEAT_MS);
    heartbeat.unref();
    let lastProgress = 0;
    try {
      const report = await modelTwin(this.deps.artifacts, run, initial.model, {
        workers: this.deps.workers,
        iterations: initial.iterations,
        trials: initial.trials,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        onProgress: (progress) => {
          const now = Date.now();
          const phaseChanged = progress.phase !== state.progress?.phase;
          if (!phaseChanged && now - lastProgress < PROGRESS_MS) return;
          lastProgress = now;
          void update({
            progress: { phase: progress.phase, done: progress.done ?? 0, total: progress.total ?? 0 },
          });
        },
      });
      clearInterval(heartbeat);
      await update({ status: "succeeded", report, finishedAt: this.deps.now().toISOString() });
      this.deps.logger.info({ runId: run.id, solID: initial.model }, "twin finished");
    } catch (error) {
      clearInterval(heartbeat);
      const message =
        error instanceof MmmError ? error.message : `The twin failed: ${(error as Error).message ?? error}`;
      this.deps.logger.warn({ runId: run.id, solID: initial.model, err: error }, "twin failed");
      await update({ status: "failed", error: message, finishedAt: this.deps.now().toISOString() });
    }
  }

  private stale(state: TwinJobState): boolean {
    return this.deps.now().getTime() - Date.parse(state.updatedAt) > STALE_MS;
  }

  private async read(run: Run, solID: string): Promise<TwinJobState | undefined> {
    const text = await this.deps.artifacts.getText(`${run.artifactPrefix}${twinStateFile(solID)}`);
    return text === undefined ? undefined : (JSON.parse(text) as TwinJobState);
  }

  private write(run: Run, state: TwinJobState): Promise<void> {
    return this.deps.artifacts.put(
      `${run.artifactPrefix}${twinStateFile(state.model)}`,
      JSON.stringify(state, null, 2),
      "application/json",
    );
  }
}

function jobKey(run: Run, solID: string): string {
  return `${run.id}/${solID}`;
}
