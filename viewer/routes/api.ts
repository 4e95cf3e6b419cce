/**
 * The REST API under `/api` (bearer tokens, `auth/api-auth.ts`; the envelope `{status, timestamp, data,
 * message}`, `api/envelope.ts`; requests validated with the zod schemas the OpenAPI document at
 * `/api/openapi.json` is generated from). Errors are 4xx with the field (`error-response.tsx`).
 * Handlers sit inline after their routes (Hono's advice), hence the factory's length.
 */
import { Hono } from "hono";
import { MmmError, invalidInput } from "../../common/errors.ts";
import type { RunStatus } from "../../core/run.ts";
import { allocateForModel, modelAllocationJson } from "../../core/results/model-allocation.ts";
import { scenarioForRun } from "../../core/results/model-scenario.ts";
import { responseForRunModel, responseQueryFromText } from "../../core/results/model-response.ts";
import { startRefresh } from "../../core/refresh/start-refresh.ts";
import { robynModelJson } from "../../core/results/robyn-model-export.ts";
import { startRobynImport } from "../../core/lifecycle/robyn-import-run.ts";
import { countryCode } from "../../core/run-store/country-code.ts";
import { RunOutputs } from "../../core/results/run-outputs.ts";
import { apiAuth, type ApiEnv } from "../auth/api-auth.ts";
import { apiWriteGuard } from "../auth/api-write-guard.ts";
import {
  CountryParams,
  ListRunsQuery,
  ModelParams,
  RefreshBody,
  ResponseBody,
  ResponseQueryParams,
  RobynImportBody,
  RunIdParams,
} from "../api/api-schemas.ts";
import { allocationRequestFromBody } from "../api/allocate-request.ts";
import { AllocateBody } from "../api/allocate-schemas.ts";
import { ScenarioBody } from "../api/scenario-schemas.ts";
import { success } from "../api/envelope.ts";
import { jsonBody } from "../api/json-body.ts";
import { openApiDocument } from "../api/openapi-document.ts";
import { runRequestFromBody } from "../api/run-request-body.ts";
import { runView } from "../api/run-view.ts";
import { validate } from "../api/validate.ts";
import { dataExploreApiRoutes } from "./data-explore-api.ts";
import { dataProfileApiRoutes } from "./data-profile-api.ts";
import { datasetApiRoutes } from "./datasets-api.ts";
import { liftStudyApiRoutes } from "./lift-studies-api.ts";
import { preparationApiRoutes } from "./preparations-api.ts";
import { scenarioApiRoutes } from "./scenarios-api.ts";
import { budgetSplitApiRoutes } from "./budget-split-api.ts";
import { scheduleApiRoutes } from "./schedules-api.ts";
import { twinApiRoutes } from "./twin-api.ts";
import type { ViewerContext } from "../viewer-context.ts";

const API_VERSION = "1.0.0";

/** API routes that take a multipart file upload rather than JSON (`app.ts` gives them a larger body limit). */
export const UPLOAD_PATHS: readonly string[] = ["/api/datasets"];

export function apiRoutes(ctx: ViewerContext): Hono<ApiEnv> {
  const { runs, lifecycle, warehouse, artifacts, baseUrl, config } = ctx.services;
  const app = new Hono<ApiEnv>();

  app.use("*", apiWriteGuard(baseUrl, { uploads: UPLOAD_PATHS }));
  app.get("/openapi.json", (c) => c.json(openApiDocument(baseUrl, API_VERSION)));
  app.use(
    "*",
    apiAuth({
      runs,
      envTokens: config.MMM_API_TOKENS,
      signIn: ctx.signInConfigured,
      allowUnauthenticated: config.MMM_ALLOW_UNAUTHENTICATED,
    }),
  );

  app.route("/datasets", datasetApiRoutes(ctx));
  app.route("/schedules", scheduleApiRoutes(ctx));
  app.route("/data", dataExploreApiRoutes(ctx));
  app.route("/data", dataProfileApiRoutes(ctx));
  app.route("/preparations", preparationApiRoutes(ctx));
  app.route("/lift-studies", liftStudyApiRoutes(ctx));

  app.post("/runs", async (c) => {
    const key = c.req.header("idempotency-key");
    if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw invalidInput(
        "Idempotency-Key",
        "The Idempotency-Key header must be 1 to 200 visible ASCII characters.",
        { location: "header" },
      );
    }
    const body = await jsonBody(c.req, "a RunSpec");
    const request = await runRequestFromBody(
      body,
      { runs, warehouse, preparations: ctx.services.preparations },
      c.get("actor"),
      key ? `api:${c.get("actor").id}:${key}` : undefined,
    );
    const started = await lifecycle.start(request);
    return success(
      c,
      {
        groupId: started.groupId,
        repeated: started.repeated,
        runs: started.runs.map((run) => runView(run, baseUrl)),
      },
      started.repeated
        ? "This Idempotency-Key was used before: these are the runs it started."
        : `${started.runs.length} run(s) queued.`,
      started.repeated ? 200 : 202,
    );
  });

  app.post("/robyn-models", async (c) => {
    const body = validate(RobynImportBody, await jsonBody(c.req, "a Robyn model import"), "body");
    const source = body.table !== undefined ? { table: body.table } : { sql: body.sql! };
    const imported = await startRobynImport(lifecycle, {
      document: body.model,
      data: { ...source, ...(body.country_column ? { country_column: body.country_column } : {}) },
      country: body.country,
      tag: body.tag,
      actor: c.get("actor"),
    });
    const { started } = imported;
    return success(
      c,
      {
        groupId: started.groupId,
        repeated: started.repeated,
        runs: started.runs.map((run) => runView(run, baseUrl)),
        robyn_solID: imported.robynSolID,
        robyn_version: imported.robynVersion,
        fields: imported.fields,
        warnings: imported.warnings,
      },
      `Rebuilding Robyn model ${imported.robynSolID} as run ${started.runs[0]?.id ?? ""}.`,
      202,
    );
  });

  app.get("/runs", async (c) => {
    const q = validate(ListRunsQuery, c.req.query(), "query");
    const page = await runs
      .listRuns({
        ...(q.country ? { country: q.country } : {}),
        ...(q.status ? { status: q.status.split(",") as RunStatus[] } : {}),
        ...(q.created_by ? { createdBy: q.created_by } : {}),
        ...(q.tag ? { tag: q.tag } : {}),
        ...(q.since ? { since: q.since } : {}),
        ...(q.until ? { until: q.until } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
        limit: q.limit,
      })
      .catch((error: unknown) => {
        // The store names the field (a cursor it did not give out, say); it was a query parameter.
        if (error instanceof MmmError && error.code === "invalid_input") {
          throw new MmmError(error.code, error.message, { context: { ...error.context, location: "query" } });
        }
        throw error;
      });
    return success(c, {
      runs: page.runs.map((run) => runView(run, baseUrl)),
      nextCursor: page.nextCursor ?? null,
    });
  });

  app.get("/runs/:id", async (c) => {
    const { id } = validate(RunIdParams, c.req.param(), "path");
    return success(c, runView(await requireRun(id), baseUrl, { spec: true }));
  });

  app.post("/runs/:id/cancel", async (c) => {
    const { id } = validate(RunIdParams, c.req.param(), "path");
    await requireRun(id);
    return success(c, runView(await lifecycle.cancel(id, c.get("actor")), baseUrl), `Run ${id} cancelled.`);
  });

  app.post("/runs/:id/refresh", async (c) => {
    const { id } = validate(RunIdParams, c.req.param(), "path");
    const body = validate(RefreshBody, await jsonBody(c.req, "the model to refresh"), "body");
    const parent = await requireSucceededRun(id);
    const started = await startRefresh({ lifecycle, artifacts }, parent, body, c.get("actor"));
    return success(
      c,
      {
        groupId: started.groupId,
        runs: started.runs.map((run) => runView(run, baseUrl)),
        warnings: started.warnings,
      },
      `Refresh of ${id} queued.`,
      202,
    );
  });

  app.get("/runs/:id/models", async (c) => {
    const { id } = validate(RunIdParams, c.req.param(), "path");
    const run = await requireSucceededRun(id);
    const summary = await new RunOutputs(artifacts, run).summary();
    if (!summary)
      throw new MmmError("not_found", `Run ${id} has no model_summary.json.`, { context: { field: "id" } });
    return success(c, {
      runId: run.id,
      paretoFronts: summary.pareto_fronts,
      bestModel: summary.best_model.model_id,
      recommended: summary.recommended ?? null,
      models: summary.pareto_models.map((m) => ({
        ...m,
        viewerUrl: `${baseUrl}/runs/${run.id}/models/${m.model_id}`,
      })),
    });
  });

  app.get("/runs/:id/models/:model/robyn-json", async (c) => {
    const { id, model } = validate(ModelParams, c.req.param(), "path");
    const text = await robynModelJson(artifacts, await requireSucceededRun(id), model, ctx.now());
    return success(c, JSON.parse(text) as unknown);
  });

  app.get("/runs/:id/models/:model/response", async (c) => {
    const { id, model } = validate(ModelParams, c.req.param(), "path");
    const text = validate(ResponseQueryParams, c.req.query(), "query");
    const query = responseQueryFromText(text, { location: "query" });
    return success(c, await responseForRunModel(artifacts, await requireSucceededRun(id), model, query));
  });

  app.post("/runs/:id/models/:model/response", async (c) => {
    const { id, model } = validate(ModelParams, c.req.param(), "path");
    const query = validate(ResponseBody, await jsonBody(c.req, "a response query"), "body");
    return success(c, await responseForRunModel(artifacts, await requireSucceededRun(id), model, query));
  });

  app.post("/runs/:id/models/:model/allocate", async (c) => {
    const { id, model } = validate(ModelParams, c.req.param(), "path");
    const body = validate(AllocateBody, await jsonBody(c.req, "an allocation request"), "body");
    const run = await requireSucceededRun(id);
    const allocation = await allocateForModel(artifacts, run, model, allocationRequestFromBody(body));
    return success(c, modelAllocationJson(allocation));
  });

  app.post("/runs/:id/models/:model/scenario", async (c) => {
    const { id, model } = validate(ModelParams, c.req.param(), "path");
    const body = validate(ScenarioBody, await jsonBody(c.req, "a spend plan"), "body");
    const run = await requireSucceededRun(id);
    const solIDs = [model, ...(body.models ?? []).filter((other) => other !== model)];
    return success(c, await scenarioForRun(artifacts, run, { solIDs, plan: body.plan }));
  });

  app.route("/", scenarioApiRoutes(ctx, requireSucceededRun));
  app.route("/", twinApiRoutes(ctx, requireSucceededRun));
  app.route("/", budgetSplitApiRoutes(ctx));

  app.get("/countries/:cc/best", async (c) => {
    const country = countryCode(validate(CountryParams, c.req.param(), "path").cc);
    const history = await runs.listPicks(country);
    return success(c, { country, current: history[0] ?? null, history });
  });

  app.get("/metadata/:cc", async (c) => {
    const country = countryCode(validate(CountryParams, c.req.param(), "path").cc);
    const [latest, succeeded, best, tables] = await Promise.all([
      runs.listRuns({ country, limit: 1 }),
      runs.listRuns({ country, status: ["succeeded"], limit: 1 }),
      runs.getBest(country),
      warehouse.listTables().catch(() => []),
    ]);
    const mappings = (
      await Promise.all(
        tables.slice(0, 100).map(async (table) => {
          const stored = await runs.getMapping(table.name, country);
          return stored
            ? [
                {
                  table: stored.table,
                  scope: stored.country ? ("country" as const) : ("table" as const),
                  savedBy: stored.by,
                  savedAt: stored.at,
                  mapping: stored.mapping,
                },
              ]
            : [];
        }),
      )
    ).flat();
    const lastSucceeded = succeeded.runs[0];
    const summary = lastSucceeded?.summary as { input_metadata?: Record<string, unknown> } | undefined;
    return success(c, {
      country,
      latestRun: latest.runs[0] ? runView(latest.runs[0], baseUrl) : null,
      latestSucceededRun: lastSucceeded ? runView(lastSucceeded, baseUrl) : null,
      best: best ?? null,
      inputMetadata: summary?.input_metadata ?? null,
      mappings,
    });
  });

  app.all("*", () => {
    throw new MmmError("not_found", "There is no such API route: see /api/openapi.json.", {
      context: { field: "path" },
    });
  });

  async function requireRun(id: string) {
    const run = await runs.getRun(id);
    if (!run) throw new MmmError("not_found", `There is no run ${id}.`, { context: { field: "id" } });
    return run;
  }

  async function requireSucceededRun(id: string) {
    const run = await requireRun(id);
    if (run.status !== "succeeded") {
      throw new MmmError("conflict", `Run ${id} is ${run.status}; its models exist once it has succeeded.`, {
        context: { field: "id" },
      });
    }
    return run;
  }

  return app;
}
