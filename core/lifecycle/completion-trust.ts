/**
 * On a run's `completed` event: a summary without `health` (the Robyn trainer does not compute it) gets
 * the health checks and the calibration summary derived from the run's files (`run-health.ts`), and the
 * recommendation (`derived-recommendation.ts`) with the health checks of the recommended model itself,
 * written into `output/model_summary.json` and into the event's summary, so that Slack, the viewer and the
 * API see the same fields for both engines. If a derivation fails the run still completes, and the health
 * says the checks could not run.
 */
import type { Logger } from "pino";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { TrainerEvent } from "../events.ts";
import type { Run } from "../run.ts";
import type { HealthFinding } from "../../engine/health/health-finding.ts";
import { deriveRunTrust, runCalibrationSummary, type RunTrust } from "../results/run-health.ts";
import { RunOutputs } from "../results/run-outputs.ts";
import { OUTPUT_FILES } from "../../common/run-folder.ts";

/** The summary fields the app derives for a Robyn run (the native trainer writes them itself). */
export const APP_DERIVED_SUMMARY_FIELDS = ["health", "calibration"] as const;

type CompletedEvent = Extract<TrainerEvent, { type: "completed" }>;

export async function withRunTrust(
  artifacts: ArtifactStore,
  run: Run,
  event: CompletedEvent,
  logger: Logger,
): Promise<CompletedEvent> {
  if (Array.isArray(event.summary.health)) return event;
  const trust = await deriveOrExplain(artifacts, run, logger);
  // Read before this call writes the summary: the recommendation is derived from the Pareto files.
  const recommended = (await new RunOutputs(artifacts, run).summary())?.recommended;
  const derived = {
    ...trust,
    ...(recommended
      ? {
          recommended: {
            ...recommended,
            health: (await deriveOrExplain(artifacts, run, logger, recommended.model_id)).health,
          },
        }
      : {}),
  };
  const key = `${run.artifactPrefix}${OUTPUT_FILES.modelSummary}`;
  const text = await artifacts.getText(key);
  if (text !== undefined) {
    const summary = JSON.parse(text) as Record<string, unknown>;
    await artifacts.put(key, JSON.stringify({ ...summary, ...derived }, null, 2), "application/json");
  }
  return { ...event, summary: { ...event.summary, ...derived } };
}

/** `modelId`: the model to check (default: the summary's best model). */
async function deriveOrExplain(
  artifacts: ArtifactStore,
  run: Run,
  logger: Logger,
  modelId?: string,
): Promise<RunTrust> {
  try {
    return await deriveRunTrust(artifacts, run, modelId);
  } catch (error) {
    logger.warn({ runId: run.id, modelId, err: error }, "health checks could not run");
    return { health: [checksFailed(error)], calibration: runCalibrationSummary(run) };
  }
}

function checksFailed(error: unknown): HealthFinding {
  return {
    check: "health",
    level: "warning",
    message: `The health checks could not run on this model's files (${(error as Error).message}). Judge its numbers with extra care.`,
  };
}
