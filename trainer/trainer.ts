/**
 * The trainer: one run from its spec and data to the artifact folder, with events on the way. This is
 * what `mmm train` runs locally, what the child-process launcher starts, and what the native trainer image
 * runs as a Cloud Run Job.
 *
 * Files (the design's "Run artifacts"): `status.json` (running → succeeded | failed | cancelled, always
 * written last, so a reader never sees "succeeded" before the outputs), `log.txt`, and `output/` with the
 * CSVs, `model_summary.json` and the pictures.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { isMmmError } from "../common/errors.ts";
import type { Table } from "../common/table.ts";
import { buildModelSummary, type ModelSummary } from "../engine/outputs/model-summary.ts";
import {
  allDecompMatrix,
  allModelsTable,
  clusterIntervalsTable,
  clustersTable,
  mediaTransformMatrix,
  paretoAggregatedTable,
  paretoHyperparametersTable,
} from "../engine/outputs/output-tables.ts";
import { paretoMatrixText } from "../engine/outputs/matrix-text-pool.ts";
import { paretoCalibrationTable } from "../engine/outputs/calibration-table.ts";
import { trainModels, type TrainingResult } from "../engine/pipeline/train-models.ts";
import type { TrainSettings } from "../engine/pipeline/train-settings.ts";
import type { ProphetProvider } from "../engine/model-input/model-settings.ts";
import { prepareForTraining } from "../engine/data/prepare-for-training.ts";
import type { CandidateTable } from "../engine/search/run-search.ts";
import type { EventSink } from "./event-sink.ts";
import { CsvFile, writeCsvFile } from "./csv-file.ts";
import { startHeartbeat, type Heartbeat } from "./heartbeat.ts";
import { RunLog } from "./run-log.ts";
import { writeRefreshReport } from "./refresh-report-file.ts";
import { OUTPUT_FILES, RUN_FILES } from "../common/run-folder.ts";

export const ENGINE_VERSION = "native-1.0 (Robyn 3.12.1 semantics)";

export interface TrainerRequest {
  settings: TrainSettings;
  table: Table;
  outDir: string;
  workers: number;
  events: EventSink;
  signal: AbortSignal;
  prophet?: ProphetProvider;
  /**
   * Makes the folder's files available where readers look (uploads them to the artifact store), called
   * after the final status is written and before the final event is sent, so that whoever reacts to the
   * event finds the files.
   */
  publish?: () => Promise<void>;
  /** The merged candidates of a sharded run: the search is skipped (see `shard-trainer.ts`). */
  candidates?: CandidateTable;
  /** Writes pictures for the run (one-pagers, Pareto front); absent in tests that only need numbers. */
  renderPictures?: (
    result: TrainingResult,
    summary: ModelSummary,
    settings: TrainSettings,
  ) => Promise<Record<string, Buffer>>;
}

export type TrainerOutcome = "succeeded" | "failed" | "cancelled";

export async function runTrainer(request: TrainerRequest): Promise<TrainerOutcome> {
  const { outDir, events, signal } = request;
  const started = new Date();
  const cpuStart = process.cpuUsage();
  await mkdir(dirname(join(outDir, OUTPUT_FILES.modelSummary)), { recursive: true });
  const log = new RunLog(join(outDir, RUN_FILES.log));
  const writeStatus = (state: string, extra: Record<string, unknown> = {}) =>
    writeFile(
      join(outDir, RUN_FILES.status),
      JSON.stringify(
        { state, started_at: started.toISOString(), updated_at: new Date().toISOString(), ...extra },
        null,
        2,
      ),
    );
  const resources = () => ({
    cpuSeconds: (process.cpuUsage(cpuStart).user + process.cpuUsage(cpuStart).system) / 1e6,
    peakMemoryMb: process.resourceUsage().maxRSS / 1024,
    wallSeconds: (Date.now() - started.getTime()) / 1000,
  });

  let heartbeat: Heartbeat | undefined;
  try {
    await writeStatus("running");
    await log.line(
      `training ${request.settings.country}: ${request.settings.iterations} iterations x ${request.settings.trials} trials, ${request.workers} worker(s)`,
    );
    await events.send({ type: "started" });
    // Preparation sends no progress of its own until the search starts: a heartbeat says it is busy.
    const total = request.settings.iterations * request.settings.trials;
    heartbeat = startHeartbeat(events, total);
    // Country filter, duplicate dates, resampling: `output/data_preparation.json` says what was done.
    const prepared = prepareForTraining(request.table, request.settings);
    heartbeat.beat();
    if (prepared) {
      await writeFile(join(outDir, OUTPUT_FILES.dataPreparation), JSON.stringify(prepared.report, null, 2));
      for (const line of prepared.report.summary) await log.line(`data preparation: ${line}`);
    }
    const result = await trainModels(prepared?.table ?? request.table, request.settings, {
      workers: request.workers,
      signal,
      ...(request.prophet ? { prophet: request.prophet } : {}),
      ...(request.candidates ? { candidates: request.candidates } : {}),
      onProgress: (progress) => {
        if (progress.phase !== "preparing") heartbeat?.stop();
        void events.send({
          type: "progress",
          phase: progress.phase,
          done: progress.done ?? 0,
          total: progress.total ?? total,
          ...(progress.bestNrmse === undefined ? {} : { bestNrmse: progress.bestNrmse }),
          ...(progress.bestDecompRssd === undefined ? {} : { bestDecompRssd: progress.bestDecompRssd }),
          ...(progress.etaSeconds === undefined ? {} : { etaSeconds: progress.etaSeconds }),
        });
      },
    });
    heartbeat.stop();
    for (const warning of result.warnings) await log.line(`warning: ${warning}`);
    for (const convergence of result.convergence) await log.line(convergence.message);
    signal.throwIfAborted();

    const summary = buildModelSummary(result, request.settings, ENGINE_VERSION, started);
    // Pictures are drawn while the CSVs are written: their PNG encoding runs off the main thread.
    const [, pictures] = await Promise.all([
      writeOutputs(outDir, result, request.workers),
      request.renderPictures?.(result, summary, request.settings) ??
        Promise.resolve<Record<string, Buffer>>({}),
    ]);
    for (const [name, png] of Object.entries(pictures)) {
      await mkdir(dirname(join(outDir, name)), { recursive: true });
      await writeFile(join(outDir, name), png);
    }
    const refreshReport = await writeRefreshReport(
      outDir,
      prepared?.table ?? request.table,
      request.settings,
      result,
      summary,
      request.prophet,
    );
    for (const line of refreshReport?.summary ?? []) await log.line(`refresh: ${line}`);
    signal.throwIfAborted();
    const used = resources();
    summary.timings_seconds = { ...summary.timings_seconds, total: used.wallSeconds };
    await writeFile(join(outDir, OUTPUT_FILES.modelSummary), JSON.stringify(summary, null, 2));
    await log.line(
      `done: ${summary.pareto_model_count} Pareto models in ${summary.pareto_fronts} fronts, ${summary.clusters.k} clusters, best model ${summary.best_model.model_id}`,
    );
    await writeStatus("succeeded", { finished_at: new Date().toISOString(), resources: used });
    await request.publish?.();
    // The event carries the highlights; the full summary (every Pareto model) is in model_summary.json.
    const { pareto_models: _all, ...highlights } = summary;
    await events.send({
      type: "completed",
      summary: JSON.parse(JSON.stringify(highlights)),
      resources: used,
    });
    return "succeeded";
  } catch (error) {
    heartbeat?.stop();
    if (signal.aborted) {
      await log.line("cancelled");
      await writeStatus("cancelled", { finished_at: new Date().toISOString(), resources: resources() });
      await request.publish?.();
      await events.send({ type: "cancelled", reason: "stopped on request" });
      return "cancelled";
    }
    const reason = isMmmError(error)
      ? error.message
      : `The trainer failed unexpectedly: ${(error as Error).message}`;
    await log.line(`failed: ${reason}`);
    if (!isMmmError(error)) await log.line((error as Error).stack ?? String(error));
    const logTail = await log.tail();
    await writeStatus("failed", {
      finished_at: new Date().toISOString(),
      reason,
      log_tail: logTail,
      resources: resources(),
    });
    await request.publish?.();
    await events.send({ type: "failed", reason, logTail, resources: resources() });
    return "failed";
  }
}

async function writeOutputs(outDir: string, result: TrainingResult, workers: number): Promise<void> {
  // The matrices first: their worker threads start at once and format while this thread writes the tables.
  await Promise.all([writeParetoMatrices(outDir, result, workers), writeTables(outDir, result)]);
}

async function writeTables(outDir: string, result: TrainingResult): Promise<void> {
  const tables = {
    [OUTPUT_FILES.allModels]: allModelsTable(result),
    [OUTPUT_FILES.paretoHyperparameters]: paretoHyperparametersTable(result),
    [OUTPUT_FILES.paretoAggregated]: paretoAggregatedTable(result),
    [OUTPUT_FILES.paretoClusters]: clustersTable(result),
    [OUTPUT_FILES.paretoClustersCi]: clusterIntervalsTable(result),
  };
  for (const [name, table] of Object.entries(tables)) await writeCsvFile(join(outDir, name), table);
  const calibration = paretoCalibrationTable(result);
  if (calibration) await writeCsvFile(join(outDir, OUTPUT_FILES.paretoCalibration), calibration);
}

/**
 * The per-model matrices, made slice by slice (by worker threads when there are several) and appended in
 * the Pareto models' order.
 */
async function writeParetoMatrices(outDir: string, result: TrainingResult, workers: number): Promise<void> {
  const files: CsvFile[] = [];
  try {
    for (const [name, matrix] of [
      [OUTPUT_FILES.paretoMediaTransform, mediaTransformMatrix(result)],
      [OUTPUT_FILES.paretoAllDecomp, allDecompMatrix(result)],
    ] as const)
      files.push(await CsvFile.create(join(outDir, name), matrix.columns));
    for await (const text of paretoMatrixText(result, workers)) {
      await files[0]!.writeBytes(text.mediaTransform);
      await files[1]!.writeBytes(text.allDecomp);
    }
  } finally {
    await Promise.all(files.map((file) => file.close()));
  }
}
