/**
 * `GET /api/data/profile?table=T|dataset=D|sql=Q&market=M&goal=G`: the data profile of a source for one
 * market before any run (`core/data-profile/`), behind the same bearer-token auth as every API read.
 */
import { Hono } from "hono";
import { loadDataProfile } from "../../core/data-profile/load-data-profile.ts";
import { duckDbBounds } from "../../core/warehouse/duckdb/duckdb-bounds.ts";
import type { ApiEnv } from "../auth/api-auth.ts";
import { DataProfileQuery, dataProfileJson } from "../api/data-profile-schemas.ts";
import { success } from "../api/envelope.ts";
import { validate } from "../api/validate.ts";
import type { ViewerContext } from "../viewer-context.ts";

export function dataProfileApiRoutes(ctx: ViewerContext): Hono<ApiEnv> {
  const { warehouse, datasets, config } = ctx.services;
  // The limits a run's data read has, so a profile reads what a run would.
  const limits = {
    maxRows: config.WAREHOUSE_MAX_ROWS,
    maxBytes: config.WAREHOUSE_MAX_BYTES,
    ...duckDbBounds(config),
  };
  const app = new Hono<ApiEnv>();
  app.get("/profile", async (c) => {
    const query = validate(DataProfileQuery, c.req.query(), "query");
    const profile = await loadDataProfile({ warehouse, datasets, limits }, query, c.get("actor"));
    return success(
      c,
      dataProfileJson(profile),
      `${profile.rows} rows of ${profile.source} for ${profile.market}, goal ${profile.goal}.`,
    );
  });
  return app;
}
