/**
 * One task of a sharded run: searches its share of the trials (task i of n takes trials i+1, i+1+n, …) and
 * writes them as `shards/<i>.json`. The app launches the merge once every shard is written; the merge is
 * an ordinary trainer run given the merged candidates, so its outputs equal an unsharded run's.
 */
import { isMmmError } from "../common/errors.ts";
import type { ProphetProvider } from "../engine/model-input/model-settings.ts";
import { prepareForTraining } from "../engine/data/prepare-for-training.ts";
import type { Table } from "../common/table.ts";
import { serializeShard, trialsOfTask } from "../engine/search/candidate-shard.ts";
import { prepareTraining } from "../engine/pipeline/prepare-training.ts";
import { searchCandidates } from "../engine/pipeline/train-models.ts";
import type { TrainSettings } from "../engine/pipeline/train-settings.ts";
import type { EventSink } from "./event-sink.ts";
import { startHeartbeat, type Heartbeat } from "./heartbeat.ts";

export interface ShardRequest {
  settings: TrainSettings;
  table: Table;
  task: { index: number; count: number };
  workers: number;
  events: EventSink;
  signal: AbortSignal;
  prophet?: ProphetProvider;
  /** Stores the shard file where the merge will look for it. */
  saveShard: (index: number, content: string) => Promise<void>;
}

export async function runShard(request: ShardRequest): Promise<"succeeded" | "failed" | "cancelled"> {
  const { settings, task, events } = request;
  let heartbeat: Heartbeat | undefined;
  try {
    const trials = trialsOfTask(settings.trials, task.index, task.count);
    await events.send({ type: "started" });
    // Preparation sends no progress of its own until the search starts: a heartbeat says it is busy.
    heartbeat = startHeartbeat(events, 0);
    const prepared = prepareForTraining(request.table, settings);
    heartbeat.beat();
    const { setup } = prepareTraining(prepared?.table ?? request.table, settings, request.prophet);
    heartbeat.stop();
    const candidates = await searchCandidates(setup, settings, {
      workers: request.workers,
      signal: request.signal,
      trialNumbers: trials,
      ...(request.prophet ? { prophet: request.prophet } : {}),
      onProgress: (progress) =>
        void events.send({
          type: "progress",
          phase: "searching",
          done: progress.done ?? 0,
          total: progress.total ?? 0,
        }),
    });
    await request.saveShard(task.index, serializeShard(candidates));
    await events.send({ type: "completed", summary: { shard: task.index, trials } });
    return "succeeded";
  } catch (error) {
    heartbeat?.stop();
    if (request.signal.aborted) {
      await events.send({ type: "cancelled", reason: "stopped on request" });
      return "cancelled";
    }
    const reason = isMmmError(error)
      ? error.message
      : `Shard ${task.index} failed unexpectedly: ${(error as Error).message}`;
    await events.send({ type: "failed", reason });
    return "failed";
  }
}
