/**
 * The composition root: the one place where adapters are chosen, from the validated configuration.
 * Everything else receives `Services` (or the ports it needs) and never looks at the environment.
 * Adapters are imported when configuration picks them: each brings its SDK (Snowflake, BigQuery, Google Cloud,
 * DuckDB, SQLite), and loading the ones not used would slow every start of the app and of each trainer.
 */
import { resolve } from "node:path";
import type { ArtifactStore } from "./artifacts/port.ts";
import type { TrainerEnv } from "./trainer-env.ts";
import { loadAppSecret } from "./app-secret.ts";
import { baseUrl, type Config } from "./config.ts";
import type { Launcher } from "./launcher/port.ts";
import { withTaskGroups } from "./launcher/task-group.ts";
import { RunLifecycle } from "./lifecycle/run-lifecycle.ts";
import { Datasets } from "./datasets/datasets.ts";
import { Preparations } from "./preparations/preparations.ts";
import { cloudRunTrainerLaunch, localTrainerLaunch } from "./launcher/trainer-launch.ts";
import { createLogger, type Logger } from "./logger.ts";
import { FanoutNotifier } from "./notifier/fanout-notifier.ts";
import { logNotifier } from "./notifier/log-notifier.ts";
import type { RunStore } from "./run-store/port.ts";
import { Schedules } from "./schedules/schedules.ts";
import { CachedWarehouse } from "./warehouse/cached-warehouse.ts";
import { duckDbBounds } from "./warehouse/duckdb/duckdb-bounds.ts";
import type { Warehouse } from "./warehouse/port.ts";

export interface Services {
  config: Config;
  logger: Logger;
  secret: string;
  /** Key of the trainers' event tokens (`core/trainer-auth.ts`): MMM_EVENT_KEY, else the app's secret. */
  eventKey: string;
  baseUrl: string;
  warehouse: Warehouse;
  artifacts: ArtifactStore;
  runs: RunStore;
  launcher: Launcher;
  notifier: FanoutNotifier;
  lifecycle: RunLifecycle;
  /** Uploaded datasets: add, list, preview, delete, and read for runs. */
  datasets: Datasets;
  /** Scheduled refreshes: made, listed, cancelled, ticked (`core/schedules/`). */
  schedules: Schedules;
  /** Saved preparations: save, list, show, delete, and read a run's data through one. */
  preparations: Preparations;
  close(): Promise<void>;
}

export interface ServiceOptions {
  logger?: Logger;
  /** Where trainers post their events, when it differs from the public base URL (e.g. loopback). */
  eventsBaseUrl?: string;
  /** Variables trainer processes inherit (PATH, HOME), passed in by the entry point. */
  childEnv?: Record<string, string>;
}

export async function createServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const dataDir = resolve(config.MMM_DATA_DIR);
  const secret = await loadAppSecret(config.MMM_SECRET, dataDir);
  const eventKey = config.MMM_EVENT_KEY ?? secret;
  const url = baseUrl(config);
  const artifactsDir = resolve(dataDir, "artifacts");

  const warehouse = new CachedWarehouse(await openWarehouse(config, logger), {
    ttlMs: config.WAREHOUSE_CACHE_SECONDS * 1000,
  });
  const artifacts = await openArtifacts(config, artifactsDir, url, secret);
  const runs = await openRunStore(config, dataDir);
  const launcher = await openLauncher(config, dataDir, options.childEnv ?? {});
  const notifier = new FanoutNotifier();
  notifier.add(logNotifier(logger));
  const datasets = new Datasets({
    runs,
    artifacts,
    limits: {
      maxBytes: config.DATASET_MAX_BYTES,
      maxRows: config.DATASET_MAX_ROWS,
      maxColumns: config.DATASET_MAX_COLUMNS,
    },
    bounds: duckDbBounds(config),
  });
  const limits = {
    maxRows: config.WAREHOUSE_MAX_ROWS,
    maxBytes: config.WAREHOUSE_MAX_BYTES,
    ...duckDbBounds(config),
  };
  const preparations = new Preparations({ runs, warehouse, datasets, limits });
  const lifecycle = new RunLifecycle({
    runs,
    artifacts,
    warehouse,
    datasets,
    preparations,
    launcher,
    notifier,
    logger,
    trainer:
      config.LAUNCHER === "cloud-run"
        ? cloudRunTrainerLaunch({
            eventsBaseUrl: config.MMM_EVENTS_BASE_URL ?? url,
            bucket: config.ARTIFACTS === "gcs" ? (config.GCS_BUCKET ?? "") : "",
            jobs: { native: config.CLOUD_RUN_JOB_NATIVE, robyn: config.CLOUD_RUN_JOB_ROBYN },
          })
        : localTrainerLaunch({
            eventKey,
            eventsBaseUrl: options.eventsBaseUrl ?? config.MMM_EVENTS_BASE_URL ?? url,
            artifactsDir,
            dataDir,
            logDir: resolve(dataDir, "logs"),
            ...(config.TRAINER_WORKERS ? { workers: config.TRAINER_WORKERS } : {}),
          }),
    limits,
    maxConcurrentRuns: config.MAX_CONCURRENT_RUNS,
    tasksPerRun: config.TRAINER_TASKS_PER_RUN,
    // A cost "on Cloud Run" only for runs that ran there: a local run cost nothing of the kind.
    ...(config.LAUNCHER === "cloud-run"
      ? { prices: { vcpuSecond: config.PRICE_VCPU_SECOND, gibSecond: config.PRICE_GIB_SECOND } }
      : {}),
    silenceSeconds: config.TRAINER_SILENCE_SECONDS,
    maxRunSeconds: config.TRAINER_MAX_RUN_SECONDS,
  });
  const schedules = new Schedules({ runs, lifecycle, artifacts, logger });
  notifier.add(schedules.runWatcher);
  return {
    config,
    logger,
    secret,
    eventKey,
    baseUrl: url,
    warehouse,
    artifacts,
    runs,
    launcher,
    notifier,
    lifecycle,
    datasets,
    schedules,
    preparations,
    async close() {
      await launcher.close();
      await runs.close();
      await warehouse.close();
    },
  };
}

async function openWarehouse(config: Config, logger: Logger): Promise<Warehouse> {
  if (config.WAREHOUSE === "duckdb") {
    const { openDuckDbWarehouse } = await import("./warehouse/duckdb/duckdb.ts");
    return openDuckDbWarehouse({
      ...(config.DUCKDB_PATH ? { path: config.DUCKDB_PATH } : {}),
      ...duckDbBounds(config),
    });
  }
  if (config.WAREHOUSE === "bigquery") {
    const { openBigQueryWarehouse } = await import("./warehouse/bigquery/bigquery.ts");
    return openBigQueryWarehouse({
      project: config.BIGQUERY_PROJECT ?? config.GOOGLE_CLOUD_PROJECT ?? "",
      ...(config.BIGQUERY_DATASET ? { dataset: config.BIGQUERY_DATASET } : {}),
      ...(config.BIGQUERY_LOCATION ? { location: config.BIGQUERY_LOCATION } : {}),
      ...(config.BIGQUERY_KEY_FILE ? { keyFile: config.BIGQUERY_KEY_FILE } : {}),
      ...(config.BIGQUERY_API_ENDPOINT ? { apiEndpoint: config.BIGQUERY_API_ENDPOINT } : {}),
      maxBytesBilled: config.BIGQUERY_MAX_BYTES_BILLED,
      queryTimeoutSeconds: config.WAREHOUSE_QUERY_TIMEOUT_SECONDS,
    });
  }
  const { openSnowflakeWarehouse } = await import("./warehouse/snowflake/snowflake.ts");
  const { privateKeyFromFile, privateKeyFromSecretManager } =
    await import("./warehouse/snowflake/snowflake-key.ts");
  return openSnowflakeWarehouse({
    account: config.SNOWFLAKE_ACCOUNT ?? "",
    user: config.SNOWFLAKE_USER ?? "",
    privateKey: config.SNOWFLAKE_PRIVATE_KEY_SECRET
      ? privateKeyFromSecretManager(config.SNOWFLAKE_PRIVATE_KEY_SECRET)
      : privateKeyFromFile(config.SNOWFLAKE_PRIVATE_KEY_PATH ?? ""),
    ...(config.SNOWFLAKE_ROLE ? { role: config.SNOWFLAKE_ROLE } : {}),
    ...(config.SNOWFLAKE_WAREHOUSE ? { warehouse: config.SNOWFLAKE_WAREHOUSE } : {}),
    ...(config.SNOWFLAKE_DATABASE ? { database: config.SNOWFLAKE_DATABASE } : {}),
    ...(config.SNOWFLAKE_SCHEMA ? { schema: config.SNOWFLAKE_SCHEMA } : {}),
    ...(config.SNOWFLAKE_ACCESS_URL ? { accessUrl: config.SNOWFLAKE_ACCESS_URL } : {}),
    queryTimeoutSeconds: config.WAREHOUSE_QUERY_TIMEOUT_SECONDS,
    log: (level, message) => logger[level]({ adapter: "snowflake" }, message),
  });
}

async function openArtifacts(
  config: Config,
  root: string,
  url: string,
  secret: string,
): Promise<ArtifactStore> {
  if (config.ARTIFACTS === "local") {
    const { openLocalFolderArtifactStore } = await import("./artifacts/local/local-folder.ts");
    return openLocalFolderArtifactStore({ root, signing: { baseUrl: url, secret } });
  }
  const { openGcsArtifactStore } = await import("./artifacts/gcs/gcs.ts");
  return openGcsArtifactStore({
    bucket: config.GCS_BUCKET ?? "",
    ...(config.GCS_API_ENDPOINT ? { apiEndpoint: config.GCS_API_ENDPOINT } : {}),
    ...(config.GOOGLE_CLOUD_PROJECT ? { projectId: config.GOOGLE_CLOUD_PROJECT } : {}),
  });
}

/**
 * The trainer's artifact store, as its environment describes it: the app's bucket (the trainer's own
 * service account needs only object read/write on it) or the app's local folder. The trainer never signs
 * URLs, so its store has no signing key.
 */
export async function openTrainerArtifacts(env: TrainerEnv): Promise<ArtifactStore> {
  if (env.ARTIFACTS === "gcs") {
    const { openGcsArtifactStore } = await import("./artifacts/gcs/gcs.ts");
    return openGcsArtifactStore({
      bucket: env.GCS_BUCKET ?? "",
      ...(env.GCS_API_ENDPOINT ? { apiEndpoint: env.GCS_API_ENDPOINT } : {}),
    });
  }
  const { openLocalFolderArtifactStore } = await import("./artifacts/local/local-folder.ts");
  return openLocalFolderArtifactStore({ root: env.MMM_ARTIFACTS_DIR ?? "" });
}

async function openRunStore(config: Config, dataDir: string): Promise<RunStore> {
  if (config.RUN_STORE === "sqlite") {
    const { openSqliteRunStore } = await import("./run-store/sqlite/sqlite.ts");
    return openSqliteRunStore({ path: config.SQLITE_PATH ?? resolve(dataDir, "runs.sqlite") });
  }
  const { openFirestoreRunStore } = await import("./run-store/firestore/firestore.ts");
  return openFirestoreRunStore({
    projectId: config.FIRESTORE_PROJECT_ID ?? "",
    databaseId: config.FIRESTORE_DATABASE,
    ...(config.FIRESTORE_EMULATOR_HOST ? { emulatorHost: config.FIRESTORE_EMULATOR_HOST } : {}),
  });
}

async function openLauncher(
  config: Config,
  dataDir: string,
  childEnv: Record<string, string>,
): Promise<Launcher> {
  if (config.LAUNCHER === "child-process") {
    const { openChildProcessLauncher } = await import("./launcher/child-process/child-process.ts");
    return withTaskGroups(
      await openChildProcessLauncher({ stateDir: resolve(dataDir, "executions"), baseEnv: childEnv }),
    );
  }
  const { openCloudRunJobsLauncher } = await import("./launcher/cloud-run/cloud-run-jobs.ts");
  return openCloudRunJobsLauncher({
    project: config.GOOGLE_CLOUD_PROJECT ?? "",
    region: config.CLOUD_RUN_REGION,
    ...(config.CLOUD_RUN_API_ENDPOINT ? { apiEndpoint: config.CLOUD_RUN_API_ENDPOINT } : {}),
  });
}
