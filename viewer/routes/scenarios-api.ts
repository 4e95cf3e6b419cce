/**
 * `/api/runs/:id/models/:model/scenarios`: forward scenarios saved on a model under a name: list them, save one
 * (its plan is checked by computing its answer first), read one with its answer, delete one.
 */
import { Hono } from "hono";
import type { Run } from "../../core/run.ts";
import { saveModelScenario, savedModelScenario } from "../../core/results/saved-scenarios.ts";
import type { ApiEnv } from "../auth/api-auth.ts";
import { success } from "../api/envelope.ts";
import { ScenarioNameParams, SaveScenarioBody } from "../api/scenario-schemas.ts";
import { ModelParams } from "../api/api-schemas.ts";
import { jsonBody } from "../api/json-body.ts";
import { validate } from "../api/validate.ts";
import type { ViewerContext } from "../viewer-context.ts";

const BASE = "/runs/:id/models/:model/scenarios";

export function scenarioApiRoutes(
  ctx: ViewerContext,
  requireSucceededRun: (id: string) => Promise<Run>,
): Hono<ApiEnv> {
  const { runs, artifacts } = ctx.services;
  const app = new Hono<ApiEnv>();

  app.get(BASE, async (c) => {
    const { id, model } = validate(ModelParams, c.req.param(), "path");
    const run = await requireSucceededRun(id);
    return success(c, { scenarios: await runs.listScenarios(run.id, model) });
  });

  app.put(`${BASE}/:name`, async (c) => {
    const { id, model, name } = validate(ScenarioNameParams, c.req.param(), "path");
    const { plan } = validate(SaveScenarioBody, await jsonBody(c.req, "a spend plan"), "body");
    const run = await requireSucceededRun(id);
    const saved = await saveModelScenario({ runs, artifacts }, run, {
      solID: model,
      name,
      plan,
      by: c.get("actor"),
    });
    return success(c, saved, `Scenario "${name}" saved on model ${model}.`);
  });

  app.get(`${BASE}/:name`, async (c) => {
    const { id, model, name } = validate(ScenarioNameParams, c.req.param(), "path");
    const run = await requireSucceededRun(id);
    return success(c, await savedModelScenario({ runs, artifacts }, run, model, name));
  });

  app.delete(`${BASE}/:name`, async (c) => {
    const { id, model, name } = validate(ScenarioNameParams, c.req.param(), "path");
    const run = await requireSucceededRun(id);
    return success(c, await runs.deleteScenario(run.id, model, name), `Scenario "${name}" deleted.`);
  });

  return app;
}
