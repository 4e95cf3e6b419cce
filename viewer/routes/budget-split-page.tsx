/**
 * `/budget-split` (full access): the cross-market budget split's page. The form is a GET, so a split can be
 * shared as a link; a refused request shows the page again (422) with the problem under the input it is about.
 */
import { Hono } from "hono";
import { isMmmError } from "../../common/errors.ts";
import { splitAcrossMarkets, type MarketSplit } from "../../core/budget-split/market-split.ts";
import { assertFullAccess } from "../auth/access-scope.ts";
import { BudgetSplitPage, type SplitInput } from "../pages/budget-split-page.tsx";
import { renderPage } from "../pages/render-page.tsx";
import { splitFormRequest, splitFormValues } from "../results/budget-split-form.ts";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";

/** The first part of an error's field → the form's input it is shown under. */
const INPUTS: Record<string, SplitInput> = {
  countries: "countries",
  currencies: "countries",
  dep_var_type: "countries",
  dateRange: "countries",
  budget: "budget",
  total_budget: "budget",
  target_roas: "roas",
  low: "low",
  up: "up",
  markets: "markets",
  market_bounds: "markets",
  channels: "channels",
  channel_bounds: "channels",
};

export function budgetSplitPage(ctx: ViewerContext): Hono<ViewerEnv> {
  const app = new Hono<ViewerEnv>();
  app.get("/", async (c) => {
    assertFullAccess(c.get("access"));
    const picks = await ctx.services.runs.listBest();
    const values = splitFormValues((name) => c.req.queries(name));
    const asked = c.req.url.includes("?");
    let split: MarketSplit | undefined;
    let problem: { input: SplitInput; message: string } | undefined;
    if (asked && picks.length > 0) {
      try {
        split = await splitAcrossMarkets(ctx.services, splitFormRequest(values));
      } catch (error) {
        const input = isMmmError(error) ? INPUTS[(error.field ?? "").split(".")[0]!] : undefined;
        if (!input || !isMmmError(error) || error.code !== "invalid_input") throw error;
        problem = { input, message: error.message };
      }
    }
    return renderPage(
      c,
      { title: "Budget split across markets", scripts: true, ...(problem ? { status: 422 as const } : {}) },
      <BudgetSplitPage
        picks={picks}
        values={values}
        {...(split ? { split } : {})}
        {...(problem ? { problem } : {})}
      />,
    );
  });
  return app;
}
