/**
 * `/runs…` pages: the list (full access), its live-status endpoint, a run, its data, its files, and its
 * share links. Model pages are `model-pages.tsx`. Access and CSRF checks run before these handlers
 * (`app.ts`); each handler checks the scope of a share link through `loadRun`. The factory registers each
 * handler inline after its route (Hono's advice: handlers keep their path types), hence its length.
 */
import { Hono } from "hono";
import { MmmError, invalidInput } from "../../common/errors.ts";
import { contentTypeOf } from "../../core/artifacts/content-type.ts";
import { RUN_STATUSES, type RunStatus } from "../../core/run.ts";
import { assertFullAccess, canSeeFile, canSeeRun } from "../auth/access-scope.ts";
import { DEFAULT_SHARE_DAYS, MAX_SHARE_DAYS, newShareLink, sharedPath } from "../auth/share-link.ts";
import { dataPageData } from "../data/data-page-data.ts";
import { DataPage } from "../pages/data-page.tsx";
import { scriptJson } from "../pages/format.ts";
import { renderPage } from "../pages/render-page.tsx";
import { RunPage } from "../pages/run-page.tsx";
import { modelHealth } from "../results/model-health.ts";
import { RunsPage, type RunsFilter } from "../pages/runs-page.tsx";
import { convergenceChartData, paretoChartData } from "../results/run-charts.ts";
import type { ParetoModel } from "../../core/results/run-outputs.ts";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";
import { loadRun, shownLinks } from "./load-run.ts";
import { refreshChainPage, refreshFromForm, refreshView } from "./refresh-view.tsx";
import { onePagerFile, onePagerModel, OUTPUT_FILES } from "../../common/run-folder.ts";

export function runPages(ctx: ViewerContext): Hono<ViewerEnv> {
  const { runs } = ctx.services;
  const app = new Hono<ViewerEnv>();

  app.get("/", async (c) => {
    assertFullAccess(c.get("access"));
    const filter = runsFilter(c.req.query());
    const page = await runs.listRuns({
      ...(filter.country ? { country: filter.country } : {}),
      ...(filter.status ? { status: [filter.status as RunStatus] } : {}),
      ...(filter.by ? { createdBy: filter.by } : {}),
      ...(filter.from ? { since: `${filter.from}T00:00:00Z` } : {}),
      ...(filter.to
        ? { until: new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000).toISOString() }
        : {}),
      ...(c.req.query("cursor") ? { cursor: c.req.query("cursor")! } : {}),
      limit: 50,
    });
    const recent = (await runs.listRuns({ limit: 200 })).runs;
    const countries = [...new Set(recent.map((r) => r.country.toUpperCase()))].sort();
    const people = [
      ...new Map(recent.map((r) => [r.createdBy.id, r.createdBy.name ?? r.createdBy.id])).entries(),
    ]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return renderPage(
      c,
      { title: "Runs", scripts: true },
      <RunsPage
        runs={page.runs}
        filter={filter}
        nextCursor={page.nextCursor}
        countries={countries}
        people={people}
      />,
    );
  });

  // Polled by the runs list and by a run page while runs train: status and progress of visible runs.
  app.get("/status.json", async (c) => {
    const access = c.get("access");
    const ids = (c.req.query("ids") ?? "").split(",").filter(Boolean).slice(0, 100);
    const found = await Promise.all(ids.filter((id) => canSeeRun(access, id)).map((id) => runs.getRun(id)));
    return c.json({
      runs: found.flatMap((run) =>
        run
          ? [{ id: run.id, status: run.status, progress: run.progress ?? null, updatedAt: run.updatedAt }]
          : [],
      ),
    });
  });

  app.get("/:id", async (c) => {
    const access = c.get("access");
    const run = await loadRun(ctx, access, c.req.param("id"));
    const results = ctx.results.of(run);
    const [summary, models, charts, files, pick, links] = await Promise.all([
      results.summary(),
      results.paretoModels(),
      results.derived("run-charts", async () => {
        const [cloud, models, summary] = await Promise.all([
          results.candidates(),
          results.paretoModels(),
          results.summary(),
        ]);
        const pareto =
          cloud && models.length > 0
            ? paretoChartData(cloud, models, summary?.pareto_fronts ?? maxFront(models))
            : undefined;
        const convergence = cloud ? convergenceChartData(cloud) : undefined;
        // Kept serialised: for 10,000 candidates the JSON is most of the page.
        return { pareto, convergence, json: scriptJson({ pareto, convergence }) };
      }),
      results.files(),
      runs.getBest(run.country),
      access.kind === "full" ? runs.listShareLinks(run.id) : Promise.resolve([]),
    ]);
    const refresh = await refreshView(ctx, run, access);
    const fileSet = new Set(files);
    const best = summary?.best_model?.model_id;
    const recommended = summary?.recommended?.model_id;
    const [health, recommendedHealth] = await Promise.all([
      best ? modelHealth(ctx.services.artifacts, results, best) : undefined,
      recommended ? modelHealth(ctx.services.artifacts, results, recommended) : undefined,
    ]);
    return renderPage(
      c,
      { title: `Run ${run.id}`, scripts: true },
      <RunPage
        run={run}
        full={access.kind === "full"}
        session={c.get("session")}
        summary={summary}
        health={health}
        recommendedHealth={recommendedHealth}
        models={models}
        pareto={charts.pareto}
        convergence={charts.convergence}
        chartJson={charts.json}
        picked={pick?.runId === run.id ? pick.solID : undefined}
        onepagers={models.map((m) => m.solID).filter((id) => fileSet.has(onePagerFile(id)))}
        paretoFront={fileSet.has(OUTPUT_FILES.paretoFront)}
        files={files.filter((file) => canSeeFile(access, file))}
        refresh={refresh}
        shareLinks={
          access.kind === "full"
            ? shownLinks(
                ctx,
                links.filter((l) => l.solID === undefined),
              )
            : undefined
        }
      />,
    );
  });

  app.get("/:id/data", async (c) => {
    const access = c.get("access");
    const run = await loadRun(ctx, access, c.req.param("id"));
    const results = ctx.results.of(run);
    const [input, summary] = await Promise.all([results.input(), results.summary()]);
    const meta = summary?.input_metadata;
    const data = input
      ? dataPageData(input, run.spec, {
          dateVar: meta?.date_var,
          start: meta?.window_start,
          end: meta?.window_end,
        })
      : undefined;
    return renderPage(
      c,
      { title: `Data of ${run.id}`, scripts: true },
      <DataPage run={run} full={access.kind === "full"} data={data} />,
    );
  });

  // A run's files through the viewer: a run link reaches all of them (the full log: admins only), a model
  // link its one-pager only.
  app.get("/:id/files/*", async (c) => {
    const access = c.get("access");
    const runId = c.req.param("id");
    const path = decodeURIComponent(c.req.path.slice(`/runs/${runId}/files/`.length));
    const onepager = onePagerModel(path);
    const run = await loadRun(
      ctx,
      access,
      runId,
      access.kind === "share" && access.solID !== undefined ? (onepager ?? "") : undefined,
    );
    if (!canSeeFile(access, path))
      throw new MmmError(
        "forbidden",
        "The full log is for admins; the run page shows its end, without stack traces.",
        { context: { field: "path" } },
      );
    const body = await ctx.services.artifacts.get(`${run.artifactPrefix}${path}`).catch((error: unknown) => {
      throw error instanceof MmmError
        ? new MmmError("not_found", `Run ${run.id} has no file ${path}.`, { context: { field: "path" } })
        : error;
    });
    if (!body)
      throw new MmmError("not_found", `Run ${run.id} has no file ${path}.`, { context: { field: "path" } });
    const name = path.slice(path.lastIndexOf("/") + 1);
    return c.body(new Uint8Array(body), 200, {
      "content-type": contentTypeOf(path),
      "cache-control": "private, max-age=300",
      "x-content-type-options": "nosniff",
      ...(c.req.query("download")
        ? { "content-disposition": `attachment; filename="${name.replace(/"/g, "")}"` }
        : {}),
    });
  });

  app.post("/:id/refresh", refreshFromForm(ctx));
  app.get("/:id/refresh-chain", refreshChainPage(ctx));

  app.post("/:id/share", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    const run = await loadRun(ctx, access, c.req.param("id"));
    const form = await c.req.parseBody();
    const solID = typeof form.solID === "string" && form.solID !== "" ? form.solID : undefined;
    const days = form.days === undefined || form.days === "" ? DEFAULT_SHARE_DAYS : Number(form.days);
    if (!Number.isInteger(days) || days < 1 || days > MAX_SHARE_DAYS) {
      throw invalidInput("days", `A share link lives 1 to ${MAX_SHARE_DAYS} days, not ${String(form.days)}.`);
    }
    if (solID !== undefined && !(await ctx.results.of(run).paretoModel(solID))) {
      throw new MmmError("not_found", `Run ${run.id} has no Pareto model ${solID} to share.`, {
        context: { field: "solID" },
      });
    }
    await runs.saveShareLink(
      newShareLink({ runId: run.id, ...(solID ? { solID } : {}) }, days, access.actor, ctx.now()),
    );
    return c.redirect(`${sharedPath({ runId: run.id, ...(solID ? { solID } : {}) })}#share`, 303);
  });

  app.post("/:id/share-links/:linkId/revoke", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    const run = await loadRun(ctx, access, c.req.param("id"));
    const link = await runs.getShareLink(c.req.param("linkId"));
    if (!link || link.runId !== run.id) {
      throw new MmmError("not_found", `Run ${run.id} has no share link ${c.req.param("linkId")}.`, {
        context: { field: "linkId" },
      });
    }
    await runs.revokeShareLink(link.id, access.actor);
    return c.redirect(`${sharedPath(link)}#share`, 303);
  });

  return app;
}

function runsFilter(query: Record<string, string>): RunsFilter {
  const date = (value: string | undefined, field: string) => {
    if (!value) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !Number.isFinite(Date.parse(value))) {
      throw invalidInput(field, `${field} must be a date written YYYY-MM-DD, not ${value}.`, {
        location: "query",
      });
    }
    return value;
  };
  if (query.status && !RUN_STATUSES.includes(query.status as RunStatus)) {
    throw invalidInput("status", `status must be one of ${RUN_STATUSES.join(", ")}, not ${query.status}.`, {
      location: "query",
    });
  }
  if (query.country && !/^[A-Za-z]{2}$/.test(query.country)) {
    throw invalidInput("country", `country must be a two-letter code such as DE, not ${query.country}.`, {
      location: "query",
    });
  }
  return {
    ...(query.country ? { country: query.country.toUpperCase() } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.by ? { by: query.by } : {}),
    ...(date(query.from, "from") ? { from: query.from } : {}),
    ...(date(query.to, "to") ? { to: query.to } : {}),
  };
}

function maxFront(models: readonly ParetoModel[]): number {
  const front = (m: ParetoModel) =>
    typeof m.robynPareto === "number" && Number.isFinite(m.robynPareto) ? m.robynPareto : 1;
  return Math.max(1, ...models.map(front));
}
