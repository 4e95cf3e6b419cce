/**
 * `GET /api/data/explore`: the Explore page's numbers as JSON, for a warehouse table or an uploaded dataset
 * and one market, before any run (`core/data-explore/`). Errors name the query parameter.
 */
import { Hono } from "hono";
import { exploreDependencies, loadExplore } from "../../core/data-explore/load-explore.ts";
import type { ApiEnv } from "../auth/api-auth.ts";
import { success } from "../api/envelope.ts";
import { exploreQueryOf } from "../api/explore-schemas.ts";
import type { ViewerContext } from "../viewer-context.ts";

export function dataExploreApiRoutes(ctx: ViewerContext): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get("/explore", async (c) => {
    const query = exploreQueryOf(c.req.query(), c.req.queries("metric"));
    const answer = await loadExplore(exploreDependencies(ctx.services), query, c.get("actor"));
    return success(c, answer);
  });
  return app;
}
