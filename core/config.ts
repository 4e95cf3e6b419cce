/**
 * Configuration, parsed once from the environment with zod at the entry point; nothing else reads
 * `process.env`. Every variable has an embedded default so that a fresh clone runs with no account; the
 * cloud adapters are chosen by `WAREHOUSE`, `ARTIFACTS`, `RUN_STORE` and `LAUNCHER`. Documented in
 * `.env.example` (a test keeps the two in step).
 */
import { z } from "zod";
import { MmmError } from "../common/errors.ts";
import { isLoopbackInterface } from "./loopback.ts";

const list = z
  .string()
  .optional()
  .transform((value) =>
    value
      ? value
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );
const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((value) => value === "true" || value === "1");
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Interface to listen on. Loopback by default (local mode has no sign-in); 0.0.0.0 in containers. */
  HOST: z.string().default("127.0.0.1"),
  /** Where people reach the viewer (links in Slack). Default: http://localhost:<PORT>. */
  MMM_BASE_URL: z.string().url().optional(),
  /** Folder for the embedded defaults: artifacts, the SQLite run store, launcher state. */
  MMM_DATA_DIR: z.string().default(".mmm"),
  /** Secret for share links, sessions, artifact links and trainer tokens. Generated into MMM_DATA_DIR if absent. */
  MMM_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  WAREHOUSE: z.enum(["duckdb", "snowflake", "bigquery"]).default("duckdb"),
  /** A DuckDB file attached (read-only) next to the bundled demo tables. */
  DUCKDB_PATH: z.string().optional(),
  SNOWFLAKE_ACCOUNT: z.string().optional(),
  SNOWFLAKE_USER: z.string().optional(),
  SNOWFLAKE_ROLE: z.string().optional(),
  SNOWFLAKE_WAREHOUSE: z.string().optional(),
  SNOWFLAKE_DATABASE: z.string().optional(),
  SNOWFLAKE_SCHEMA: z.string().optional(),
  /** The key-pair private key: a PEM file, or a Secret Manager secret version name. */
  SNOWFLAKE_PRIVATE_KEY_PATH: z.string().optional(),
  SNOWFLAKE_PRIVATE_KEY_SECRET: z.string().optional(),
  /** Overrides Snowflake's URL (tests point it at a loopback fake). */
  SNOWFLAKE_ACCESS_URL: z.string().url().optional(),
  /** The project BigQuery queries run and are billed in (default GOOGLE_CLOUD_PROJECT), and of table names. */
  BIGQUERY_PROJECT: z.string().optional(),
  /** The dataset of unqualified table names, and the one listed; every dataset of the project when unset. */
  BIGQUERY_DATASET: z.string().optional(),
  /** Where query jobs run, e.g. EU or europe-west1 (default: BigQuery's choice from the datasets read). */
  BIGQUERY_LOCATION: z.string().optional(),
  /** A service-account key file; unset: the application default credentials (workload identity on Cloud Run). */
  BIGQUERY_KEY_FILE: z.string().optional(),
  /** A query whose dry run estimates more bytes scanned is refused before it runs (default 1 GiB). */
  BIGQUERY_MAX_BYTES_BILLED: positiveInt(1024 ** 3),
  /** Overrides BigQuery's URL (tests point it at a loopback fake). */
  BIGQUERY_API_ENDPOINT: z.string().url().optional(),
  /** Limits of one load: a warehouse read, or a CSV data file given on the command line. */
  WAREHOUSE_MAX_ROWS: positiveInt(100_000),
  WAREHOUSE_MAX_BYTES: positiveInt(64 * 1024 * 1024),
  WAREHOUSE_CACHE_SECONDS: z.coerce.number().int().min(0).default(900),
  /** Queries running longer are cancelled (Snowflake, BigQuery) or interrupted (DuckDB) with a clear error. */
  WAREHOUSE_QUERY_TIMEOUT_SECONDS: positiveInt(120),
  /**
   * The embedded DuckDB's memory ceiling (DuckDB's syntax: 512MB, 1GB, 2GiB) and worker threads: user
   * SQL runs inside the app's process, so one heavy query must not take the machine's memory or cores.
   */
  DUCKDB_MEMORY_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, { error: "must be a size such as 512MB or 1GB" })
    .default("1GB"),
  DUCKDB_THREADS: positiveInt(2),

  /**
   * Limits of one uploaded dataset file (API, viewer, Slack, CLI), checked while it streams in and
   * before anything is stored: its size in bytes, its rows and its columns. Default 1 GiB, 20 million
   * rows, 500 columns. A run then reads one market's rows of it within the load limits above.
   */
  DATASET_MAX_BYTES: positiveInt(1024 * 1024 * 1024),
  DATASET_MAX_ROWS: positiveInt(20_000_000),
  DATASET_MAX_COLUMNS: positiveInt(500),

  ARTIFACTS: z.enum(["local", "gcs"]).default("local"),
  GCS_BUCKET: z.string().optional(),
  /** Overrides the Cloud Storage endpoint (tests point it at a loopback fake). */
  GCS_API_ENDPOINT: z.string().url().optional(),

  RUN_STORE: z.enum(["sqlite", "firestore"]).default("sqlite"),
  /** SQLite file of the run store. Default: <MMM_DATA_DIR>/runs.sqlite. */
  SQLITE_PATH: z.string().optional(),
  FIRESTORE_PROJECT_ID: z.string().optional(),
  FIRESTORE_DATABASE: z.string().default("(default)"),
  /** Standard variable of the Google client: host:port of a Firestore emulator. */
  FIRESTORE_EMULATOR_HOST: z.string().optional(),

  LAUNCHER: z.enum(["child-process", "cloud-run"]).default("child-process"),
  GOOGLE_CLOUD_PROJECT: z.string().optional(),
  CLOUD_RUN_REGION: z.string().default("europe-west1"),
  CLOUD_RUN_JOB_NATIVE: z.string().default("mmm-trainer-native"),
  CLOUD_RUN_JOB_ROBYN: z.string().default("mmm-trainer-robyn"),
  /**
   * Key of the trainers' per-run event tokens (HMAC of the run id), shared by the app and the trainer jobs
   * through Secret Manager, so no token travels in an execution's overrides. Default: MMM_SECRET (local
   * trainers get their run's token in their environment). Required with LAUNCHER=cloud-run.
   */
  MMM_EVENT_KEY: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  /** Overrides the Cloud Run Admin API endpoint (tests point it at a loopback fake). */
  CLOUD_RUN_API_ENDPOINT: z.string().optional(),
  /** Where trainers post their events; default <MMM_BASE_URL>/internal/runs/:id/events. */
  MMM_EVENTS_BASE_URL: z.string().url().optional(),
  /**
   * Split each native run's trials over this many parallel tasks (Cloud Run Jobs tasks, or child processes),
   * then merge them into one Pareto result; 1 = no sharding. Results are the same either way.
   */
  TRAINER_TASKS_PER_RUN: z.coerce.number().int().min(1).max(50).default(1),
  /** Worker threads per native trainer (default: the machine's cores). */
  TRAINER_WORKERS: z.coerce.number().int().positive().optional(),

  MAX_CONCURRENT_RUNS: positiveInt(2),
  RECONCILE_INTERVAL_SECONDS: positiveInt(30),
  /**
   * A running trainer silent for this long is asked about: failed if its execution is gone, cancelled and
   * failed as hung if it is still there.
   */
  TRAINER_SILENCE_SECONDS: positiveInt(300),
  /** A run still training after this long is cancelled and failed (default 6 hours, Robyn's job timeout). */
  TRAINER_MAX_RUN_SECONDS: positiveInt(21_600),
  /** Train the bundled demo dataset at start when there is no run yet. */
  MMM_DEMO_ON_START: flag.default(true),

  /**
   * Who ticks the schedules: `in-app` (the app's own timer, local mode) or `cloud-scheduler` (Google Cloud
   * Scheduler calls `POST /internal/schedules/tick` with an OIDC token of SCHEDULER_SERVICE_ACCOUNT).
   */
  SCHEDULER: z.enum(["in-app", "cloud-scheduler"]).default("in-app"),
  SCHEDULER_TICK_SECONDS: positiveInt(60),
  /** The service account whose OIDC tokens may tick the schedules (its email). */
  SCHEDULER_SERVICE_ACCOUNT: z.string().email().optional(),
  /** The audience Cloud Scheduler puts in its tokens; default <MMM_BASE_URL>/internal/schedules/tick. */
  SCHEDULER_AUDIENCE: z.string().url().optional(),

  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  /** App-level token for Socket Mode (development); without it, HTTP mode on /slack/events. */
  SLACK_APP_TOKEN: z.string().optional(),
  SLACK_API_URL: z.string().url().optional(),
  SLACK_ALLOWED_CHANNELS: list,
  SLACK_ALLOWED_USERGROUPS: list,
  /** Sign in with Slack (OpenID Connect), limited to this workspace. */
  SLACK_CLIENT_ID: z.string().optional(),
  SLACK_CLIENT_SECRET: z.string().optional(),
  SLACK_TEAM_ID: z.string().optional(),
  /**
   * Sign in with Google (OpenID Connect), limited to the e-mail domains of ALLOWED_EMAIL_DOMAINS (required
   * with it, so that no Google account at large can sign in). GOOGLE_ADMIN_EMAILS may issue API tokens.
   */
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  ALLOWED_EMAIL_DOMAINS: list.transform((domains) => domains.map((d) => d.replace(/^@/, "").toLowerCase())),
  GOOGLE_ADMIN_EMAILS: list.transform((emails) => emails.map((e) => e.toLowerCase())),
  /** The OpenID provider's issuer; its discovery document names the other endpoints (tests: a loopback fake). */
  GOOGLE_ISSUER: z.string().url().default("https://accounts.google.com"),

  /** Bearer tokens accepted by the REST API (comma-separated), besides tokens issued by admins. */
  MMM_API_TOKENS: list,
  /**
   * Local mode (no sign-in) trusts whoever is at this machine. Listening on another interface without
   * sign-in is refused at start unless this is true: then everyone who reaches the server has full
   * access (a warning at start and on every page). For a network you trust, or an authenticating proxy.
   */
  MMM_ALLOW_UNAUTHENTICATED: flag.default(false),
  /** Cost estimates of runs on Cloud Run (LAUNCHER=cloud-run): prices per vCPU-second and GiB-second (defaults: Tier 1 list prices). */
  PRICE_VCPU_SECOND: z.coerce.number().nonnegative().default(0.000018),
  PRICE_GIB_SECOND: z.coerce.number().nonnegative().default(0.000002),
});

export type Config = z.output<typeof ConfigSchema>;

/** Parses the environment; throws one readable error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (`NAME=` in an env file) means "not set", as in .env.example.
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const result = ConfigSchema.safeParse(set);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new MmmError("invalid_input", `The configuration is not valid: ${problems.join("; ")}.`, {
      context: { field: String(result.error.issues[0]?.path[0] ?? ""), problems },
    });
  }
  const config = result.data;
  const missing = requiredFor(config).filter((name) => {
    const value = config[name];
    return Array.isArray(value) ? value.length === 0 : !value;
  });
  if (missing.length > 0) {
    throw new MmmError("invalid_input", `The configuration is incomplete: set ${missing.join(", ")}.`, {
      context: { field: missing[0], missing },
    });
  }
  return config;
}

/** Variables a chosen adapter cannot work without. */
function requiredFor(config: Config): (keyof Config)[] {
  const required: (keyof Config)[] = [];
  if (config.WAREHOUSE === "snowflake") {
    required.push("SNOWFLAKE_ACCOUNT", "SNOWFLAKE_USER", "SNOWFLAKE_WAREHOUSE");
    if (!config.SNOWFLAKE_PRIVATE_KEY_SECRET) required.push("SNOWFLAKE_PRIVATE_KEY_PATH");
  }
  if (config.WAREHOUSE === "bigquery" && !config.GOOGLE_CLOUD_PROJECT) required.push("BIGQUERY_PROJECT");
  if (config.ARTIFACTS === "gcs") required.push("GCS_BUCKET");
  if (config.RUN_STORE === "firestore") required.push("FIRESTORE_PROJECT_ID");
  if (config.LAUNCHER === "cloud-run") required.push("GOOGLE_CLOUD_PROJECT", "MMM_EVENT_KEY");
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN) required.push("SLACK_SIGNING_SECRET");
  if (config.SCHEDULER === "cloud-scheduler") required.push("SCHEDULER_SERVICE_ACCOUNT");
  // Group membership is read with the bot token, in Slack and at the viewer's sign-in alike.
  if (config.SLACK_ALLOWED_USERGROUPS.length > 0) required.push("SLACK_BOT_TOKEN");
  // Without an allow-list, every Google account in the world could sign in.
  if (config.GOOGLE_CLIENT_ID) required.push("GOOGLE_CLIENT_SECRET", "ALLOWED_EMAIL_DOMAINS");
  return required;
}

/** Sign in with Slack (client id, secret and workspace) is configured. */
export function slackSignInConfigured(config: Config): boolean {
  return Boolean(config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_TEAM_ID);
}

/** Sign in with Google is configured (`loadConfig` has checked its secret and e-mail domains). */
export function googleSignInConfigured(config: Config): boolean {
  return Boolean(
    config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET && config.ALLOWED_EMAIL_DOMAINS.length > 0,
  );
}

/** Some sign-in (Slack, Google or both) is configured; otherwise the viewer is in local mode. */
export function signInConfigured(config: Config): boolean {
  return slackSignInConfigured(config) || googleSignInConfigured(config);
}

/**
 * Whether the app may listen as configured. Local mode trusts whoever is at this machine, so listening
 * on an interface others can reach needs sign-in; `MMM_ALLOW_UNAUTHENTICATED=true` overrides that and
 * gets a warning to show. Throws, naming the variables to set, when the server would be open by accident.
 */
export function exposureWarning(config: Config): string | undefined {
  if (signInConfigured(config)) return undefined;
  if (!config.MMM_ALLOW_UNAUTHENTICATED) {
    if (isLoopbackInterface(config.HOST)) return undefined;
    throw new MmmError(
      "invalid_input",
      `HOST=${config.HOST} listens on an interface other machines can reach, but no sign-in is configured, ` +
        "so anyone who reaches the server would have full access. Set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET " +
        "and SLACK_TEAM_ID (sign in with Slack) or GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and " +
        "ALLOWED_EMAIL_DOMAINS (sign in with Google), or listen on this machine only (HOST=127.0.0.1), or, for " +
        "a network you trust, set MMM_ALLOW_UNAUTHENTICATED=true.",
      { context: { field: "HOST", missing: ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_TEAM_ID"] } },
    );
  }
  return (
    "MMM_ALLOW_UNAUTHENTICATED=true and no sign-in is configured: everyone who can reach this server " +
    "has full access, admin included. Set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_TEAM_ID (Slack) or " +
    "GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and ALLOWED_EMAIL_DOMAINS (Google) to require sign-in."
  );
}

export function baseUrl(config: Config): string {
  return (config.MMM_BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");
}
