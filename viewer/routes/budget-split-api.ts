/** `POST /api/budget-split`: the cross-market budget split (`core/budget-split/`). Nothing is stored. */
import { Hono } from "hono";
import { marketSplitJson, splitAcrossMarkets } from "../../core/budget-split/market-split.ts";
import type { ApiEnv } from "../auth/api-auth.ts";
import { BudgetSplitBody } from "../api/budget-split-schemas.ts";
import { budgetSplitRequestFromBody } from "../api/budget-split-request.ts";
import { success } from "../api/envelope.ts";
import { jsonBody } from "../api/json-body.ts";
import { validate } from "../api/validate.ts";
import type { ViewerContext } from "../viewer-context.ts";

export function budgetSplitApiRoutes(ctx: ViewerContext): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.post("/budget-split", async (c) => {
    const body = validate(BudgetSplitBody, await jsonBody(c.req, "a budget split request"), "body");
    const split = await splitAcrossMarkets(ctx.services, budgetSplitRequestFromBody(body));
    return success(c, marketSplitJson(split));
  });
  return app;
}
