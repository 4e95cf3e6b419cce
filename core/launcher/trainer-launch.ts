/**
 * How a run's trainer is started: the command and environment the launcher gets. The native trainer is
 * this program's `mmm trainer --run <id>`; the robyn trainer is `Rscript r/run_all.R`. Both read the run's
 * spec and snapshot from the artifact store and post signed events to the app.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { MmmError } from "../../common/errors.ts";
import type { LaunchRequest } from "./port.ts";
import type { Run } from "../run.ts";
import { runToken } from "../trainer-auth.ts";
import { trainerEnvironment } from "../trainer-env.ts";
import { runEventsUrl } from "../../common/run-folder.ts";

export interface TrainerLaunch {
  /** The run's trainer; with `tasks` > 1 its search is split over that many parallel tasks (native engine). */
  request(run: Run, tasks?: number): Promise<LaunchRequest>;
  /** The merge of a sharded run's candidates (after every shard is written). */
  mergeRequest(run: Run): Promise<LaunchRequest>;
  /** Whether the robyn engine can run where trainers run, and why not. */
  robynAvailable(): Promise<{ ok: boolean; reason?: string }>;
}

/** The project folder (the one holding package.json), from the source or from its build in dist/. */
const REPO = projectRoot(import.meta.dirname);

function projectRoot(folder: string): string {
  return existsSync(join(folder, "package.json")) ? folder : projectRoot(dirname(folder));
}

export interface LocalTrainerOptions {
  /** Key of the per-run event tokens (`Services.eventKey`); each child gets its own run's token. */
  eventKey: string;
  /** Base URL of the app's trainer-event route, e.g. http://127.0.0.1:8080 . */
  eventsBaseUrl: string;
  /** Absolute folder of the local artifact store (the trainers read and write runs/<id>/ there). */
  artifactsDir: string;
  /** The data folder (MMM_DATA_DIR) the native trainer opens its stores from. */
  dataDir: string;
  /** Folder for each execution's console output. */
  logDir: string;
  workers?: number;
}

/** Trainers as child processes of this machine. */
export function localTrainerLaunch(options: LocalTrainerOptions): TrainerLaunch {
  let robyn: Promise<{ ok: boolean; reason?: string }> | undefined;
  const native = (run: Run, mode: string[]) => [
    process.execPath,
    join(REPO, "bin", "mmm.js"),
    "trainer",
    "--run",
    run.id,
    ...mode,
  ];
  const launch = (
    run: Run,
    command: string[],
    env: Record<string, string>,
    tasks: number,
    log: string,
  ): LaunchRequest => ({
    runId: run.id,
    command,
    env,
    cwd: REPO,
    logFile: join(options.logDir, `${run.id}${log}.log`),
    ...(tasks > 1 ? { taskCount: tasks } : {}),
  });
  const environment = (run: Run): Record<string, string> =>
    trainerEnvironment({
      MMM_RUN_ID: run.id,
      MMM_EVENTS_URL: runEventsUrl(options.eventsBaseUrl, run.id),
      MMM_EVENT_TOKEN: runToken(options.eventKey, run.id),
      ARTIFACTS: "local",
      MMM_DATA_DIR: options.dataDir,
      MMM_ARTIFACTS_DIR: options.artifactsDir,
      TRAINER_WORKERS: options.workers,
    });
  return {
    async request(run, tasks = 1) {
      if (run.spec.engine === "robyn")
        return launch(run, ["Rscript", join(REPO, "r", "run_all.R")], environment(run), 1, "");
      return launch(
        run,
        native(run, tasks > 1 ? ["--shard"] : []),
        environment(run),
        tasks,
        tasks > 1 ? ".shards" : "",
      );
    },
    async mergeRequest(run) {
      return launch(run, native(run, ["--merge"]), environment(run), 1, ".merge");
    },
    robynAvailable() {
      robyn ??= checkLocalRobyn();
      return robyn;
    },
  };
}

export interface CloudRunTrainerOptions {
  /** Public base URL of the app, where trainers post their events. */
  eventsBaseUrl: string;
  /** The Cloud Storage bucket the trainers read and write `runs/<id>/` in (`GCS_BUCKET`). */
  bucket: string;
  /** The Cloud Run jobs of the two engines (`CLOUD_RUN_JOB_NATIVE`, `CLOUD_RUN_JOB_ROBYN`). */
  jobs: { native: string; robyn: string };
}

/**
 * Trainers as Cloud Run Jobs executions. The request's command is the job (chosen by the run's engine)
 * followed by its container's arguments, and everything per run travels as per-execution overrides:
 * the environment (`MMM_RUN_ID`, `MMM_EVENTS_URL`, `ARTIFACTS=gcs`, `GCS_BUCKET`), the arguments and the
 * task count. The run's event token is not among them: overrides are readable by anyone who may view the
 * job's executions, so each trainer derives its own token from `MMM_EVENT_KEY`, which the job reads from
 * Secret Manager (`infra/run.tf`). The native image's entry point is already `node bin/mmm.js trainer`
 * (`docker/trainer-native.Dockerfile`), so its arguments start at `--run`; the Robyn image's entry point
 * takes none and reads the environment.
 */
export function cloudRunTrainerLaunch(options: CloudRunTrainerOptions): TrainerLaunch {
  if (!options.bucket) {
    throw new MmmError(
      "invalid_input",
      "Trainers on Cloud Run read and write runs in Cloud Storage: set ARTIFACTS=gcs and GCS_BUCKET.",
      {
        context: { field: "GCS_BUCKET" },
      },
    );
  }
  if (/^https?:\/\/(localhost|127\.|\[::1\])/i.test(options.eventsBaseUrl)) {
    throw new MmmError(
      "invalid_input",
      `Trainers on Cloud Run cannot post their events to ${options.eventsBaseUrl}: set MMM_BASE_URL (or ` +
        `MMM_EVENTS_BASE_URL) to the app's public URL.`,
      { context: { field: "MMM_BASE_URL" } },
    );
  }
  const environment = (run: Run): Record<string, string> =>
    trainerEnvironment({
      MMM_RUN_ID: run.id,
      MMM_EVENTS_URL: runEventsUrl(options.eventsBaseUrl, run.id),
      ARTIFACTS: "gcs",
      GCS_BUCKET: options.bucket,
    });
  const native = (run: Run, mode: string[], tasks: number): LaunchRequest => ({
    runId: run.id,
    command: [options.jobs.native, "--run", run.id, ...mode],
    env: environment(run),
    ...(tasks > 1 ? { taskCount: tasks } : {}),
  });
  return {
    async request(run, tasks = 1) {
      if (run.spec.engine === "robyn")
        return { runId: run.id, command: [options.jobs.robyn], env: environment(run) };
      return native(run, tasks > 1 ? ["--shard"] : [], tasks);
    },
    async mergeRequest(run) {
      return native(run, ["--merge"], 1);
    },
    // The Robyn job is deployed with the app (infra/run.tf); a missing job fails the launch with its name.
    async robynAvailable() {
      return { ok: true };
    },
  };
}

/**
 * What `r/R/robyn-engine.R` needs before it trains, checked when a robyn run is submitted rather than
 * after it is launched: R, the Robyn package, Python's nevergrad through reticulate, numpy below 2. The R
 * script exits with one status per missing piece.
 */
const ROBYN_CHECK = [
  'if (!requireNamespace("Robyn", quietly = TRUE)) quit(status = 3)',
  'if (!requireNamespace("reticulate", quietly = TRUE) || !reticulate::py_module_available("nevergrad")) quit(status = 4)',
  'numpy <- reticulate::import("numpy")$`__version__`',
  'if (as.integer(strsplit(numpy, ".", fixed = TRUE)[[1]][[1]]) >= 2) quit(status = 5)',
].join("; ");

const ROBYN_SETUP =
  "Run robyn runs in the Robyn trainer image (docker/trainer-robyn.Dockerfile), or set this machine up as r/README.md describes.";

const ROBYN_MISSING: Record<number, string> = {
  3: "R is installed but the Robyn package is not.",
  4: "R and Robyn are installed, but Python's nevergrad is not importable from R (reticulate), and Robyn's search needs it.",
  5: "Python's numpy is version 2 or later; Robyn's nevergrad calls need numpy < 2.",
};

/** Whether this machine can run the robyn engine, and if not, why and what to do. */
export async function checkLocalRobyn(rscript = "Rscript"): Promise<{ ok: boolean; reason?: string }> {
  try {
    await promisify(execFile)(rscript, ["-e", ROBYN_CHECK], { timeout: 60_000 });
    return { ok: true };
  } catch (error) {
    const e = error as Error & { code?: string | number };
    if (e.code === "ENOENT")
      return { ok: false, reason: `R (Rscript) is not installed on this machine. ${ROBYN_SETUP}` };
    const missing = typeof e.code === "number" ? ROBYN_MISSING[e.code] : undefined;
    if (missing) return { ok: false, reason: `${missing} ${ROBYN_SETUP}` };
    return { ok: false, reason: `R could not be started (${e.message}). ${ROBYN_SETUP}` };
  }
}
