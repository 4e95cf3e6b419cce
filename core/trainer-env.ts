/**
 * The trainer's environment, one schema for both sides: the launcher writes it (`trainerEnvironment`,
 * `core/launcher/trainer-launch.ts`) and the native trainer reads it (`loadTrainerEnv`,
 * `trainer/trainer-command.ts`). The Robyn trainer reads the same variables (`r/R/environment.R`).
 * Cloud Run Jobs (and the child-process launcher's task groups) add `CLOUD_RUN_TASK_INDEX` and
 * `CLOUD_RUN_TASK_COUNT` to a sharded run's tasks.
 */
import { z } from "zod";
import { MmmError } from "../common/errors.ts";
import { isRunId } from "./run-id.ts";

const optional = z.string().optional();

const TrainerEnvFields = z.object({
  /** The run: its inputs are `runs/<id>/spec.json` and `input.csv` in the artifact store. */
  MMM_RUN_ID: z.string().refine(isRunId, "must be a run id such as 20261126T043012Z-de-7f3a9c"),
  /** Where events go (`runEventsUrl`); absent: JSON lines on stdout. */
  MMM_EVENTS_URL: z.string().url().optional(),
  /** The run's event token (`runToken`), which signs every event: a local launcher hands it over. */
  MMM_EVENT_TOKEN: optional,
  /**
   * The key run tokens derive from (Cloud Run jobs read it from Secret Manager, so no token travels in
   * an execution's overrides); used when `MMM_EVENT_TOKEN` is absent.
   */
  MMM_EVENT_KEY: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  /** Where the run's files are: a local folder (`MMM_ARTIFACTS_DIR`) or a bucket (`GCS_BUCKET`). */
  ARTIFACTS: z.enum(["local", "gcs"]).default("local"),
  MMM_ARTIFACTS_DIR: optional,
  /** The app's data folder (the child-process launcher's trainers run beside the app). */
  MMM_DATA_DIR: optional,
  GCS_BUCKET: optional,
  /** A Cloud Storage emulator (tests). */
  GCS_API_ENDPOINT: z.string().url().optional(),
  /** Search workers; default: the machine's parallelism. */
  TRAINER_WORKERS: z.coerce.number().int().positive().optional(),
  CLOUD_RUN_TASK_INDEX: z.coerce.number().int().min(0).default(0),
  CLOUD_RUN_TASK_COUNT: z.coerce.number().int().min(1).default(1),
});

/** What a launcher must set: where the run's files are. */
const launchable = (env: z.output<typeof TrainerEnvFields>, context: z.RefinementCtx) => {
  const need = (name: keyof typeof env, why: string) => {
    if (!env[name]) context.addIssue({ code: "custom", path: [name], message: `is required ${why}` });
  };
  if (env.ARTIFACTS === "local") need("MMM_ARTIFACTS_DIR", "with ARTIFACTS=local");
  if (env.ARTIFACTS === "gcs") need("GCS_BUCKET", "with ARTIFACTS=gcs");
};

/**
 * The whole environment as the trainer sees it: a run's token or the key it derives from must be there
 * to sign events (a Cloud Run job adds `MMM_EVENT_KEY` from Secret Manager, not the launcher).
 */
export const TrainerEnvSchema = TrainerEnvFields.superRefine((env, context) => {
  launchable(env, context);
  if (env.MMM_EVENTS_URL && !env.MMM_EVENT_TOKEN && !env.MMM_EVENT_KEY)
    context.addIssue({
      code: "custom",
      path: ["MMM_EVENT_TOKEN"],
      message: "is required with MMM_EVENTS_URL (or MMM_EVENT_KEY): events cannot be signed without it",
    });
});

export type TrainerEnv = z.output<typeof TrainerEnvSchema>;
/** What the launcher sets (the task variables come from the platform). */
export type TrainerEnvInput = Omit<
  z.input<typeof TrainerEnvSchema>,
  "CLOUD_RUN_TASK_INDEX" | "CLOUD_RUN_TASK_COUNT"
>;

/** Reads the trainer's environment; throws one readable error naming every bad variable. */
export function loadTrainerEnv(env: Record<string, string | undefined>): TrainerEnv {
  return parsed(TrainerEnvSchema, env, "The trainer's environment");
}

/** The environment a launcher gives a trainer: checked against the schema, as strings. */
export function trainerEnvironment(values: TrainerEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) if (value !== undefined) env[name] = String(value);
  parsed(TrainerEnvFields.superRefine(launchable), env, "The environment for the trainer");
  return env;
}

function parsed<T>(schema: z.ZodType<T>, env: Record<string, string | undefined>, what: string): T {
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = schema.safeParse(set);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  throw new MmmError("invalid_input", `${what} is not valid: ${problems.join("; ")}.`, {
    context: { field: String(result.error.issues[0]?.path[0] ?? ""), problems },
  });
}
