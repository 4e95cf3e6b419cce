/**
 * `/api/runs/:id/models/:model/twin`: start a model's known-truth twin in the background and read its
 * state (`core/results/twin-jobs.ts`); the viewer's twin page shows the same job.
 */
import { Hono } from "hono";
import { MmmError } from "../../common/errors.ts";
import type { Run } from "../../core/run.ts";
import type { ApiEnv } from "../auth/api-auth.ts";
import { ModelParams } from "../api/api-schemas.ts";
import { success } from "../api/envelope.ts";
import { jsonBody } from "../api/json-body.ts";
import { TwinBody } from "../api/twin-schemas.ts";
import { validate } from "../api/validate.ts";
import type { ViewerContext } from "../viewer-context.ts";

const PATH = "/runs/:id/models/:model/twin";

export function twinApiRoutes(
  ctx: ViewerContext,
  requireSucceededRun: (id: string) => Promise<Run>,
): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.post(PATH, async (c) => {
    const { id, model } = validate(ModelParams, c.req.param(), "path");
    const body = validate(TwinBody, await jsonBody(c.req, "the twin's settings ({} for the run's)"), "body");
    const run = await requireSucceededRun(id);
    const { state, started } = await ctx.twins.start(run, model, c.get("actor"), body);
    return started
      ? success(c, state, `Twin of model ${model} started: GET this URL for its progress and report.`, 202)
      : success(c, state, `The twin of model ${model} is already running.`);
  });

  app.get(PATH, async (c) => {
    const { id, model } = validate(ModelParams, c.req.param(), "path");
    const run = await requireSucceededRun(id);
    const state = await ctx.twins.state(run, model);
    if (!state)
      throw new MmmError(
        "not_found",
        `No twin of model ${model} has been started: POST to this URL to start one.`,
        {
          context: { field: "model" },
        },
      );
    return success(c, state);
  });

  return app;
}
