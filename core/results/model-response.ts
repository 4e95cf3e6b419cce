/**
 * Response queries (Robyn's `robyn_response`) on one model: of a finished run (its output files give the
 * hyperparameters and coefficients, its snapshot the data), or of a model fitted from fixed hyperparameters.
 * The CLI and the API print the same `ModelResponseReport`.
 */
import type { FitResult } from "../../engine/pipeline/fit-one-model.ts";
import {
  robynResponse,
  type ResponseAnswer,
  type ResponseQuery,
  type RobynResponse,
} from "../../engine/response/index.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import { invalidInput, type ErrorContext } from "../../common/errors.ts";
import type { Run } from "../run.ts";
import { organicWithoutMroi, responseMarginal, type ResponseMarginal } from "./response-marginal.ts";
import { runResponseModels } from "./run-response-model.ts";

/**
 * Robyn's fields by Robyn's names, then the curve used, the medium's kind, the mROI at the mean and at the
 * queried spend (null for an organic variable, with a note), and any notes.
 */
export type ModelResponseReport = { solID: string } & RobynResponse &
  Pick<ResponseAnswer, "metric_type" | "curve" | "notes"> & { marginal: ResponseMarginal | null };

export async function responseForRunModel(
  artifacts: ArtifactStore,
  run: Run,
  solID: string,
  query: ResponseQuery,
): Promise<ModelResponseReport> {
  const { models } = await runResponseModels(artifacts, run, [solID]);
  return report(solID, robynResponse(models[0]!.model, query));
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

/**
 * A query written as text (command-line flags, URL query parameters): `metric_value` may list several numbers
 * separated by commas, which the engine then refuses as Robyn 3.12.1 does; `date_range` is all, last, last_N or
 * comma-separated dates.
 */
export function responseQueryFromText(
  text: { metric_name: string; metric_value?: string | undefined; date_range?: string | undefined },
  context: ErrorContext = {},
): ResponseQuery {
  const numbers = text.metric_value?.split(",").map((part) => {
    const n = Number(part.trim());
    if (part.trim() === "" || !Number.isFinite(n))
      throw invalidInput(
        "metric_value",
        `metric_value must be a number (a total for the date range), not "${text.metric_value}".`,
        context,
      );
    return n;
  });
  const range = text.date_range?.split(",").map((part) => part.trim());
  return {
    metric_name: text.metric_name,
    metric_value: numbers === undefined ? null : numbers.length === 1 ? numbers[0]! : numbers,
    date_range: range === undefined ? null : range.length === 1 ? range[0]! : range,
  };
}

function report(solID: string, answer: ResponseAnswer): ModelResponseReport {
  return {
    solID,
    ...answer.response,
    metric_type: answer.metric_type,
    curve: answer.curve,
    marginal: responseMarginal(answer.response, answer),
    notes:
      answer.metric_type === "organic"
        ? [...answer.notes, organicWithoutMroi(answer.response.metric_name)]
        : answer.notes,
  };
}
