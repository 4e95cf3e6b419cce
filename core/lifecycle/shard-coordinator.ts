/**
 * Sharded runs: one execution whose tasks each search a share of the trials (`mmm trainer --shard`, task i
 * of n takes trials i+1, i+1+n, …) and write `shards/<i>.json`, then one merge execution (`--merge`) that
 * analyses all candidates together, exactly as an unsharded run would. Tasks report on their own event
 * channel (`/internal/runs/:id/shards/:i/events`), because each counts its own sequence numbers; this
 * module turns those reports into the run's progress, launches the merge when the last shard is written,
 * and fails the run when a shard fails. Everything it decides from is in the run store and the artifact
 * store, so a restarted app finishes the job (see `reconcile`).
 */
import type { Logger } from "pino";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { TrainerEvent } from "../events.ts";
import type { ExecutionDescription, Launcher } from "../launcher/port.ts";
import { isTerminal, type Run } from "../run.ts";
import type { RunChange, RunStore } from "../run-store/port.ts";
import { cleanFailure } from "./failure-report.ts";
import type { TrainerLaunch } from "../launcher/trainer-launch.ts";
import { shardFile } from "../../common/run-folder.ts";

export interface ShardDependencies {
  runs: RunStore;
  artifacts: ArtifactStore;
  launcher: Launcher;
  trainer: TrainerLaunch;
  logger: Logger;
  notify: (previousStatus: Run["status"], change: RunChange) => Promise<void>;
}

export class ShardCoordinator {
  /** Progress per run and shard; cosmetic, so it may start afresh after a restart. */
  private readonly progress = new Map<string, Map<number, { done: number; total: number }>>();

  constructor(private readonly deps: ShardDependencies) {}

  /** Applies one shard task's event to its run. */
  async recordShardEvent(run: Run, index: number, event: TrainerEvent): Promise<void> {
    if (isTerminal(run.status) || run.execution?.stage !== "shards") return;
    switch (event.type) {
      case "started":
        if (run.status === "preparing")
          await this.deps.notify(run.status, await this.deps.runs.transition(run.id, "running"));
        return;
      case "progress": {
        const shards = this.progress.get(run.id) ?? new Map<number, { done: number; total: number }>();
        shards.set(index, { done: event.done, total: event.total });
        this.progress.set(run.id, shards);
        const done = [...shards.values()].reduce((sum, s) => sum + s.done, 0);
        const total = run.spec.iterations * run.spec.trials;
        const updated = await this.deps.runs.updateRun(run.id, {
          progress: { phase: "searching", done, total },
          lastHeartbeatAt: new Date().toISOString(),
        });
        await this.deps.notify(updated.status, { applied: true, run: updated });
        return;
      }
      case "completed":
        await this.mergeWhenComplete(run);
        return;
      case "failed": {
        await this.deps.launcher.cancel(run.execution.id);
        const reason = `Shard ${index + 1} of ${run.execution.tasks ?? "?"} failed: ${event.reason}`;
        await this.deps.notify(
          run.status,
          await this.deps.runs.transition(run.id, "failed", {
            failure: cleanFailure({ reason, ...(event.logTail ? { logTail: event.logTail } : {}) }),
          }),
        );
        this.progress.delete(run.id);
        return;
      }
      case "cancelled":
        return;
    }
  }

  /**
   * For the reconciler, with what the launcher says about the run's execution: a shard execution that
   * ended launches the merge, or fails the run.
   */
  async reconcile(run: Run, execution: ExecutionDescription): Promise<boolean> {
    if (run.execution?.stage !== "shards") return false;
    if (execution.state === "running") return true;
    if (await this.mergeWhenComplete(run)) return true;
    const reason = `The search tasks ended (${execution.state}) before every shard was written, so there is nothing to merge.`;
    await this.deps.notify(
      run.status,
      await this.deps.runs.transition(run.id, "failed", { failure: { reason } }),
    );
    return true;
  }

  /** Launches the merge once every shard file exists; at most once per run, whoever asks. */
  private async mergeWhenComplete(run: Run): Promise<boolean> {
    const tasks = run.execution?.tasks ?? 1;
    const present = await Promise.all(
      Array.from({ length: tasks }, (_, i) =>
        this.deps.artifacts.exists(`${run.artifactPrefix}${shardFile(i)}`),
      ),
    );
    if (!present.every(Boolean)) return false;
    const claim = await this.deps.runs.claimIdempotencyKey(
      `merge:${run.id}`,
      new Date().toISOString(),
      7 * 24 * 3600,
    );
    if (!claim.claimed) return true;
    const request = await this.deps.trainer.mergeRequest(run);
    const ref = await this.deps.launcher.launch(request);
    await this.deps.runs.updateRun(run.id, { execution: { ...ref, stage: "merge" } });
    this.progress.delete(run.id);
    this.deps.logger.info({ runId: run.id, execution: ref }, "shards complete; merge launched");
    return true;
  }
}
