/** The REST operations on a model's known-truth twin (`routes/twin-api.ts`), for `API_OPERATIONS`. */
import { ModelParams } from "./api-schemas.ts";
import type { ApiOperation } from "./api-operations.ts";
import { TwinBody, TwinStateData } from "./twin-schemas.ts";

export const TWIN_OPERATIONS: readonly ApiOperation[] = [
  {
    method: "post",
    path: "/runs/{id}/models/{model}/twin",
    operationId: "startTwin",
    summary: "Start the known-truth twin of a model: can this setup identify my channels?",
    description:
      "Simulates data shaped like the run's (its spend, the model's parameters as the truth, its residual noise), trains it with the run's spec in the background, and compares the recommended model with the truth per channel. Poll GET for the state; a start while one runs answers the running one (200).",
    params: ModelParams,
    body: TwinBody,
    response: TwinStateData,
    successStatus: 202,
    successText:
      "Accepted: the twin is training in the background (200 with the running one when it was already started)",
    errors: {
      400: "The body is not JSON",
      404: "No such run or model",
      409: "The run has not succeeded (yet)",
      422: "A bad iterations, trials or seed; `data.field` names it",
    },
  },
  {
    method: "get",
    path: "/runs/{id}/models/{model}/twin",
    operationId: "getTwin",
    summary: "The state of a model's twin: running with its progress, then its report or its error",
    params: ModelParams,
    response: TwinStateData,
    successStatus: 200,
    errors: {
      404: "No such run, or no twin started for the model",
      409: "The run has not succeeded (yet)",
    },
  },
];
