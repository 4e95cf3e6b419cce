/**
 * `mmm trainer --run <id>`: the native trainer as the launcher starts it (a child process here, a Cloud
 * Run Job in production). Reads `runs/<id>/spec.json` and `input.csv` from the artifact store, trains in a
 * scratch folder, uploads everything under `runs/<id>/` (status.json last) and posts signed events to
 * `MMM_EVENTS_URL`. SIGTERM (a cancel) stops it within a second with status "cancelled".
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { invalidInput } from "../common/errors.ts";
import { RUN_FILES, runPrefix, SHARDS_FOLDER, shardEventsUrl, shardFile } from "../common/run-folder.ts";
import type { Table } from "../common/table.ts";
import type { ArtifactStore } from "../core/artifacts/port.ts";
import { parseRunSpec, type RunSpec } from "../core/run-spec.ts";
import { openTrainerArtifacts } from "../core/services.ts";
import { runToken } from "../core/trainer-auth.ts";
import { loadTrainerEnv } from "../core/trainer-env.ts";
import { readCsvFile } from "../core/warehouse/duckdb/duckdb-csv-file.ts";
import { renderRunPictures } from "../engine/report/run-pictures.ts";
import { nativeProphet } from "../engine/prophet/native-prophet.ts";
import { mergeShards, parseShard } from "../engine/search/candidate-shard.ts";
import type { CandidateTable } from "../engine/search/run-search.ts";
import { callbackSink, stdoutSink, type EventSink } from "./event-sink.ts";
import { startHeartbeat } from "./heartbeat.ts";
import { runShard } from "./shard-trainer.ts";
import { runTrainer } from "./trainer.ts";
import { trainerExitCode } from "./trainer-exit-code.ts";
import { TRAINER_USAGE } from "./trainer-usage.ts";

export async function trainerCommand(
  args: string[],
  io: { stdout: (text: string) => void },
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { run: { type: "string" }, shard: { type: "boolean" }, merge: { type: "boolean" } },
    strict: true,
  });
  const runId = values.run ?? env.MMM_RUN_ID;
  if (!runId) throw invalidInput("run", `--run is required. Usage: ${TRAINER_USAGE}`);
  const trainerEnv = loadTrainerEnv({ ...env, MMM_RUN_ID: runId });
  const artifacts = await openTrainerArtifacts(trainerEnv);
  const prefix = runPrefix(runId);
  const specText = await artifacts.getText(`${prefix}${RUN_FILES.spec}`);
  if (!specText) throw invalidInput("run", `Run ${runId} has no ${RUN_FILES.spec} in the artifact store.`);
  const settings = parseRunSpec(JSON.parse(specText));
  const workers = trainerEnv.TRAINER_WORKERS ?? availableParallelism();
  const eventsUrl = trainerEnv.MMM_EVENTS_URL;
  // A local launcher hands over the run's token; a Cloud Run job derives it from the key it reads from
  // Secret Manager, so the token never travels in the execution's overrides.
  const token =
    trainerEnv.MMM_EVENT_TOKEN ??
    (trainerEnv.MMM_EVENT_KEY ? runToken(trainerEnv.MMM_EVENT_KEY, runId) : undefined);
  const eventsTo = (url: string | undefined) =>
    url && token ? callbackSink({ url, token }) : stdoutSink(io.stdout);
  // One task of a sharded run: Cloud Run Jobs (or the local launcher) say which task this is.
  const task = { index: trainerEnv.CLOUD_RUN_TASK_INDEX, count: trainerEnv.CLOUD_RUN_TASK_COUNT };
  const events = eventsTo(values.shard ? eventsUrl && shardEventsUrl(eventsUrl, task.index) : eventsUrl);
  // SIGTERM (a cancel) stops the run from here on, reading the input included.
  const controller = new AbortController();
  const stop = () => controller.abort(new Error("cancelled"));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  try {
    const table = await readRunInput(artifacts, runId, events, settings, controller.signal);
    if (table === undefined) {
      await events.send({ type: "cancelled", reason: "stopped on request while reading the input" });
      return trainerExitCode("cancelled");
    }
    return await train(table);
  } finally {
    process.off("SIGTERM", stop);
    process.off("SIGINT", stop);
  }

  async function train(table: Table): Promise<number> {
    if (values.shard) {
      const outcome = await runShard({
        settings,
        table,
        task,
        workers,
        events,
        signal: controller.signal,
        prophet: nativeProphet,
        saveShard: (index, content) =>
          artifacts.put(`${prefix}${shardFile(index)}`, content, "application/json"),
      });
      return trainerExitCode(outcome);
    }
    const candidates = values.merge ? await readShards(artifacts, prefix, settings.trials) : undefined;
    const outDir = await mkdtemp(join(tmpdir(), `mmm-${runId}-`));
    try {
      const outcome = await runTrainer({
        settings,
        table,
        outDir,
        workers,
        events,
        ...(candidates ? { candidates } : {}),
        signal: controller.signal,
        prophet: nativeProphet,
        renderPictures: renderRunPictures,
        publish: () => uploadFolder(artifacts, outDir, prefix),
      });
      return trainerExitCode(outcome);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }
}

/**
 * The run's `input.csv`, read as data files are (DuckDB, chunk by chunk, so SIGTERM stops it), with a
 * heartbeat meanwhile so that a big input is not taken for a hung trainer. The app checked it against
 * the load limits before launching, so none apply again here, and DuckDB runs on its default bounds.
 * Undefined when `signal` stopped the read.
 */
async function readRunInput(
  artifacts: ArtifactStore,
  runId: string,
  events: EventSink,
  settings: RunSpec,
  signal: AbortSignal,
): Promise<Table | undefined> {
  const heartbeat = startHeartbeat(events, settings.iterations * settings.trials);
  const scratch = await mkdtemp(join(tmpdir(), `mmm-${runId}-input-`));
  try {
    const content = await artifacts.get(`${runPrefix(runId)}${RUN_FILES.input}`);
    if (!content) throw invalidInput("run", `Run ${runId} has no ${RUN_FILES.input} in the artifact store.`);
    const file = join(scratch, RUN_FILES.input);
    await writeFile(file, content);
    return await readCsvFile(file, {
      maxRows: Number.MAX_SAFE_INTEGER,
      maxBytes: Number.MAX_SAFE_INTEGER,
      signal,
      field: "run",
      label: "The run's input.csv",
    });
  } catch (error) {
    if (signal.aborted) return undefined;
    throw error;
  } finally {
    heartbeat.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Every shard the tasks of a sharded run wrote, merged in trial order. */
async function readShards(artifacts: ArtifactStore, prefix: string, trials: number): Promise<CandidateTable> {
  const keys = (await artifacts.list(`${prefix}${SHARDS_FOLDER}`)).filter((key) => key.endsWith(".json"));
  const shards = await Promise.all(keys.map(async (key) => parseShard((await artifacts.getText(key))!)));
  return mergeShards(shards, trials);
}

/** Uploads every file of the folder, `status.json` last, so a reader never sees a final status before the outputs. */
async function uploadFolder(artifacts: ArtifactStore, folder: string, prefix: string): Promise<void> {
  const files = (await readdir(folder, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  const ordered = [
    ...files.filter((f) => relative(folder, f) !== RUN_FILES.status),
    ...files.filter((f) => relative(folder, f) === RUN_FILES.status),
  ];
  for (const file of ordered)
    await artifacts.put(`${prefix}${relative(folder, file).split("\\").join("/")}`, await readFile(file));
}
