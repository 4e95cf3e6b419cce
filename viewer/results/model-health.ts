/**
 * The health checks of one model for the viewer: the summary's own findings for the models they were
 * written for (the best model's `health`, the recommended model's `recommended.health`), derived from the run's files for any other Pareto model or a run whose
 * summary predates the checks (`core/results/run-health.ts`). Kept per cached run, as its outputs never
 * change once it has succeeded.
 */
import type { ArtifactStore } from "../../core/artifacts/port.ts";
import { deriveRunTrust, type RunTrust } from "../../core/results/run-health.ts";
import { isMmmError } from "../../common/errors.ts";
import type { RunOutputs } from "../../core/results/run-outputs.ts";

/** The model's findings and the run's calibration, or undefined when the run's files cannot tell. */
export async function modelHealth(
  artifacts: ArtifactStore,
  results: RunOutputs,
  solID: string,
): Promise<RunTrust | undefined> {
  const summary = await results.summary();
  if (!summary) return undefined;
  if (summary.best_model?.model_id === solID && Array.isArray(summary.health) && summary.calibration)
    return { health: summary.health, calibration: summary.calibration };
  const recommended = summary.recommended;
  if (recommended?.model_id === solID && Array.isArray(recommended.health) && summary.calibration)
    return { health: recommended.health, calibration: summary.calibration };
  return results.derived(`health:${solID}`, () =>
    deriveRunTrust(artifacts, results.run, solID).catch((error: unknown) => {
      if (isMmmError(error)) return undefined;
      throw error;
    }),
  );
}
