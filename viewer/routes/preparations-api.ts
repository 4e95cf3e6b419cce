/**
 * `/api/preparations`: save a preparation (a source and market with the columns kept, derived columns,
 * the goal and the media responses, checked against the data; `from_profile: true` also leaves out what
 * the data profile's cleaning suggests dropping), list them, show one, and delete one (admins only, as for
 * datasets). A run starts from one with `POST /api/runs` and `data: { preparation: NAME }`.
 */
import { Hono } from "hono";
import { PreparationDraftSchema } from "../../core/preparations/preparation-draft.ts";
import type { ApiEnv } from "../auth/api-auth.ts";
import { assertApiAdmin } from "../auth/api-admin.ts";
import { jsonBody } from "../api/json-body.ts";
import { success } from "../api/envelope.ts";
import { validate } from "../api/validate.ts";
import type { ViewerContext } from "../viewer-context.ts";

export function preparationApiRoutes(ctx: ViewerContext): Hono<ApiEnv> {
  const { preparations } = ctx.services;
  const app = new Hono<ApiEnv>();

  app.post("/", async (c) => {
    const draft = validate(PreparationDraftSchema, await jsonBody(c.req, "a preparation"), "body");
    const saved = await preparations.create(draft, c.get("actor"));
    return success(
      c,
      saved,
      `Preparation ${saved.name} saved: ${saved.columns.length} columns kept, ${saved.derived.length} derived, ` +
        `${saved.paid_media.length} paid channels, goal ${saved.goal.column} (${saved.market}).`,
      201,
    );
  });

  app.get("/", async (c) => success(c, { preparations: await preparations.list() }));

  app.get("/:name", async (c) => success(c, await preparations.get(c.req.param("name"))));

  app.delete("/:name", async (c) => {
    assertApiAdmin(c.get("actor"), "delete preparations");
    const removed = await preparations.delete(c.req.param("name"));
    return success(c, { name: removed.name }, `Preparation ${removed.name} deleted.`);
  });

  return app;
}
