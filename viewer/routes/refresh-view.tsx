/**
 * The run page's refresh card data, and the card's form: `POST /runs/:id/refresh` refreshes the run's best
 * model (or the form's `model`) on its data source read again, then opens the refresh run's page.
 */
import type { Context } from "hono";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import { refreshable, refreshLineage } from "../../core/refresh/refresh-lineage.ts";
import { startRefresh } from "../../core/refresh/start-refresh.ts";
import type { Run } from "../../core/run.ts";
import { assertFullAccess } from "../auth/access-scope.ts";
import type { RefreshView } from "../pages/components/refresh-card.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { Access, ViewerEnv } from "../viewer-env.ts";
import { loadRun } from "./load-run.ts";
import { MmmError } from "../../common/errors.ts";
import { RefreshChainPage } from "../pages/refresh-chain-page.tsx";
import { renderPage } from "../pages/render-page.tsx";
import { refreshChain } from "../results/refresh-chain.ts";

export async function refreshView(ctx: ViewerContext, run: Run, access: Access): Promise<RefreshView> {
  const { runs, artifacts } = ctx.services;
  const [lineage, reportText] = await Promise.all([
    refreshLineage(runs, run),
    run.spec.refresh && run.status === "succeeded"
      ? artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.refreshReport}`)
      : Promise.resolve(undefined),
  ]);
  const best = (run.summary as { best_model?: { model_id?: string } } | undefined)?.best_model?.model_id;
  return {
    lineage,
    ...(reportText ? { changes: (JSON.parse(reportText) as { summary: string[] }).summary } : {}),
    canRefresh: access.kind === "full" && run.status === "succeeded" && refreshable(run),
    chainReport: access.kind === "full" && run.status === "succeeded",
    ...(best ? { bestModel: best } : {}),
  };
}

export function refreshFromForm(ctx: ViewerContext) {
  return async (c: Context<ViewerEnv>) => {
    const access = c.get("access");
    assertFullAccess(access);
    const run = await loadRun(ctx, access, c.req.param("id")!);
    const form = await c.req.parseBody();
    const model = typeof form.model === "string" && form.model !== "" ? form.model : undefined;
    const started = await startRefresh(ctx.services, run, { model }, access.actor);
    return c.redirect(`/runs/${started.runs[0]!.id}`, 303);
  };
}

/** `GET /runs/:id/refresh-chain`: Robyn's chained report (full access: it reads the ancestors' outputs). */
export function refreshChainPage(ctx: ViewerContext) {
  return async (c: Context<ViewerEnv>) => {
    const access = c.get("access");
    assertFullAccess(access);
    const run = await loadRun(ctx, access, c.req.param("id")!);
    const best = (run.summary as { best_model?: { model_id?: string } } | undefined)?.best_model?.model_id;
    if (run.status !== "succeeded" || !best)
      throw new MmmError(
        "conflict",
        `Run ${run.id} is ${run.status}: its chained report needs a finished run.`,
      );
    const chain = await refreshChain(ctx.services.runs, ctx.results, run, best);
    return renderPage(
      c,
      { title: `Refresh chain of ${run.id}`, scripts: true },
      <RefreshChainPage run={run} chain={chain} />,
    );
  };
}
