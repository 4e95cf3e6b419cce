/**
 * Models of a finished run as the response kernels take them (`ResponseModel`): the run's data prepared once,
 * and for each solID its hyperparameters (the `pareto_hyperparameters.csv` row) and coefficients (its
 * `pareto_aggregated.csv` rows), by Robyn's names.
 */
import type { ModelInput } from "../../engine/model-input/model-input.ts";
import type { ResponseModel } from "../../engine/response/index.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Run } from "../run.ts";
import type { RunSpec } from "../run-spec.ts";
import { runModelInput } from "./run-model-input.ts";
import { numberOf, RunOutputs } from "./run-outputs.ts";

export async function runResponseModels(
  artifacts: ArtifactStore,
  run: Run,
  solIDs: readonly string[],
): Promise<{ spec: RunSpec; input: ModelInput; models: { solID: string; model: ResponseModel }[] }> {
  const outputs = new RunOutputs(artifacts, run);
  const { spec, input } = await runModelInput(artifacts, run);
  const models = await Promise.all(
    solIDs.map(async (solID) => {
      const row = await outputs.model(solID);
      const variables = await outputs.modelVariables(solID);
      const hyperparameters: Record<string, number> = {};
      for (const [name, value] of Object.entries(row))
        if (typeof value === "number" && !Number.isNaN(value)) hyperparameters[name] = value;
      const coefficients = Object.fromEntries(variables.map((v) => [String(v.rn), numberOf(v, "coef")]));
      return { solID, model: { input, hyperparameters, coefficients } };
    }),
  );
  return { spec, input, models };
}
