/**
 * Response queries (Robyn's `robyn_response`) on one model: of a finished run (its output files give the
 * hyperparameters and coefficients, its snapshot the data), or of a model fitted from fixed hyperparameters.
 * The CLI and the API print the same `ModelResponseReport`.
 */
import type { FitResult } from "../../engine/fit-one-model.ts";
import {
  robynResponse,
  type ResponseAnswer,
  type ResponseQuery,
  type RobynResponse,
} from "../../engine/response/index.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Run } from "../run.ts";
import { numberOf } from "./csv-records.ts";
import { runModelInput } from "./run-model-input.ts";
import { RunOutputs } from "./run-outputs.ts";

/** Robyn's fields by Robyn's names, then the curve used, the medium's kind and any notes. */
export type ModelResponseReport = { solID: string } & RobynResponse &
  Pick<ResponseAnswer, "metric_type" | "curve" | "notes">;

export async function responseForRunModel(
  artifacts: ArtifactStore,
  run: Run,
  solID: string,
  query: ResponseQuery,
): Promise<ModelResponseReport> {
  const outputs = new RunOutputs(artifacts, run);
  const row = await outputs.model(solID);
  const variables = await outputs.modelVariables(solID);
  const { input } = await runModelInput(artifacts, run);
  const hyperparameters: Record<string, number> = {};
  for (const [name, value] of Object.entries(row))
    if (typeof value === "number") hyperparameters[name] = value;
  const coefficients = Object.fromEntries(variables.map((v) => [String(v.rn), numberOf(v, "coef")]));
  return report(solID, robynResponse({ input, hyperparameters, coefficients }, query));
}

/** The same query on a model fitted from fixed hyperparameters (`mmm fit`). */
export function responseForFit(fit: FitResult, query: ResponseQuery): ModelResponseReport {
  const { record, input } = fit;
  return report(
    record.solID,
    robynResponse(
      { input, hyperparameters: record.hyperparameters, coefficients: record.coefficients },
      query,
    ),
  );
}

function report(solID: string, answer: ResponseAnswer): ModelResponseReport {
  return {
    solID,
    ...answer.response,
    metric_type: answer.metric_type,
    curve: answer.curve,
    notes: answer.notes,
  };
}
