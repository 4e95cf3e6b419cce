/**
 * For commands that take `--model`: a model the run does not have is answered with the models it does
 * have (the best one, the cluster tops, the closest names), instead of only "no Pareto model".
 */
import { closestNames } from "../common/closest-names.ts";
import { invalidInput, isMmmError } from "../common/errors.ts";
import type { ArtifactStore } from "../core/artifacts/port.ts";
import { RunOutputs } from "../core/results/run-outputs.ts";
import type { Run } from "../core/run.ts";

/** Runs `work`; a "no such model" error from it becomes one that lists the run's models. */
export async function namingRunModels<T>(
  artifacts: ArtifactStore,
  run: Run,
  solID: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(isMmmError(error) && error.code === "not_found" && error.field === "solID")) throw error;
    const outputs = new RunOutputs(artifacts, run);
    const models = (await outputs.paretoModels()).map((row) => String(row.solID));
    const summary = await outputs.summary();
    const tops = summary?.clusters.top_models.map((m) => m.model_id) ?? [];
    const similar = closestNames(solID, models);
    throw invalidInput(
      "model",
      `Run ${run.id} has no Pareto model ${solID}.` +
        (similar.length > 0 ? ` Did you mean ${similar.join(" or ")}?` : "") +
        (summary ? ` Best model ${summary.best_model.model_id}; cluster tops ${tops.join(", ")}` : "") +
        ` (all ${models.length} in output/pareto_hyperparameters.csv).`,
    );
  }
}
