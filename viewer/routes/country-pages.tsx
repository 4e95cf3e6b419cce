/**
 * `/countries…` (full access): every market's current pick per data source, a market's best model with
 * its history and the ranking of its runs, and model stability across its runs. A market is any value of
 * a market column (`/countries/Geo3/best`); its runs are compared per data source (`?source=`), never
 * across tables that happen to share a market name. Handlers sit inline after their
 * routes (Hono's advice), hence the factory's length.
 */
import { Hono } from "hono";
import { invalidInput } from "../../common/errors.ts";
import { marketKey } from "../../core/market.ts";
import { runSource, type RunSource } from "../../core/run-source.ts";
import type { BestModelPick } from "../../core/run-store/port.ts";
import type { Run } from "../../core/run.ts";
import { assertFullAccess } from "../auth/access-scope.ts";
import { BestPage } from "../pages/best-page.tsx";
import { CountriesPage, type CountryRow } from "../pages/countries-page.tsx";
import { bestModelOf } from "../pages/run-best-model.ts";
import { renderPage } from "../pages/render-page.tsx";
import { StabilityPage } from "../pages/stability-page.tsx";
import { DEFAULT_SCORE_WEIGHTS, rankByScore, type ScoreWeights } from "../results/run-score.ts";
import { stabilityOf, type QualityBar } from "../results/stability.ts";
import { chosenGroup, groupBySource, type SourceGroup } from "../results/source-groups.ts";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";

export function countryPages(ctx: ViewerContext): Hono<ViewerEnv> {
  const { runs } = ctx.services;
  const app = new Hono<ViewerEnv>();
  app.use("*", async function fullAccessOnly(c, next) {
    assertFullAccess(c.get("access"));
    await next();
  });

  app.get("/", async (c) => {
    const [recent, picks] = await Promise.all([runs.listRuns({ limit: 200 }), runs.listBest()]);
    const rows = new Map<string, CountryRow>();
    const rowKey = (market: string, source: RunSource) => `${market}\n${source.key}`;
    for (const run of recent.runs) {
      const country = marketKey(run.country);
      const source = runSource(run.spec);
      const row = rows.get(rowKey(country, source));
      rows.set(rowKey(country, source), {
        country,
        source,
        runs: (row?.runs ?? 0) + 1,
        latest: row?.latest ?? run,
      });
    }
    for (const pick of picks) {
      const run = recent.runs.find((r) => r.id === pick.runId) ?? (await runs.getRun(pick.runId));
      const source = run ? runSource(run.spec) : undefined;
      const key = source ? rowKey(pick.country, source) : pick.country;
      rows.set(key, {
        runs: 0,
        ...rows.get(key),
        country: pick.country,
        ...(source ? { source } : {}),
        pick,
      });
    }
    const sorted = [...rows.values()].sort(
      (a, b) =>
        a.country.localeCompare(b.country) || (a.source?.label ?? "").localeCompare(b.source?.label ?? ""),
    );
    return renderPage(c, { title: "Best models per market" }, <CountriesPage rows={sorted} />);
  });

  app.get("/:cc/best", async (c) => {
    const country = countryParam(c.req.param("cc"));
    const weights = scoreWeights(c.req.query());
    const [picks, succeeded] = await Promise.all([runs.listPicks(country), succeededRuns(country, 200)]);
    const groups = groupBySource(succeeded);
    const group = chosenGroup(groups, c.req.query("source"));
    const ranked = rankByScore(
      (group?.runs ?? []).slice(0, 100).filter((run) => bestModelOf(run)),
      (run) => bestModelOf(run)!,
      weights,
    );
    const history = group ? await picksOfSource(picks, group) : picks;
    return renderPage(
      c,
      { title: `Best model for ${country}` },
      <BestPage
        country={country}
        picks={history}
        ranked={ranked}
        weights={weights}
        sources={groups}
        {...(group ? { source: group.source } : {})}
      />,
    );
  });

  app.get("/:cc/stability", async (c) => {
    const country = countryParam(c.req.param("cc"));
    const quality = c.req.query("quality") || "all";
    if (quality !== "green" && quality !== "amber" && quality !== "all") {
      throw invalidInput("quality", "quality must be green, amber or all.", { location: "query" });
    }
    const limit = c.req.query("runs") ? Number(c.req.query("runs")) : 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
      throw invalidInput("runs", "runs must be a whole number from 1 to 50.", { location: "query" });
    }
    const [all, picks] = await Promise.all([succeededRuns(country, 200), runs.listPicks(country)]);
    const groups = groupBySource(all);
    const group = chosenGroup(groups, c.req.query("source"));
    const succeeded = (group?.runs ?? []).slice(0, limit);
    const pick = group ? (await picksOfSource(picks, group))[0] : undefined;
    const models = await Promise.all(
      succeeded.map(async (run) => {
        const results = ctx.results.of(run);
        const [pareto, variables] = await Promise.all([results.paretoModels(), results.aggregated()]);
        return { runId: run.id, models: pareto, variables };
      }),
    );
    const revenue = succeeded.every((run) => run.spec.dep_var_type === "revenue");
    const stability = stabilityOf(models, quality as QualityBar, revenue ? "roi_total" : "cpa_total", pick);
    return renderPage(
      c,
      { title: `Stability for ${country}` },
      <StabilityPage
        country={country}
        stability={stability}
        bar={quality as QualityBar}
        runsLimit={limit}
        metric={revenue ? "ROAS" : "CPA"}
        sources={groups}
        {...(group ? { source: group.source } : {})}
      />,
    );
  });

  /** The market's picks of runs that read the group's source (a pick names its run; old runs too). */
  async function picksOfSource(
    picks: readonly BestModelPick[],
    group: SourceGroup,
  ): Promise<BestModelPick[]> {
    const sources = await Promise.all(
      picks.map(async (pick) => {
        const run = group.runs.find((r) => r.id === pick.runId) ?? (await runs.getRun(pick.runId));
        return run ? runSource(run.spec).key : undefined;
      }),
    );
    return picks.filter((_, i) => sources[i] === group.source.key);
  }

  async function succeededRuns(country: string, limit: number): Promise<Run[]> {
    return (await runs.listRuns({ country, status: ["succeeded"], limit })).runs;
  }

  return app;
}

function countryParam(value: string): string {
  try {
    return marketKey(value, "country");
  } catch (error) {
    throw invalidInput("country", (error as Error).message, { location: "path" });
  }
}

function scoreWeights(query: Record<string, string>): ScoreWeights {
  const weights: { -readonly [K in keyof ScoreWeights]: number } = { ...DEFAULT_SCORE_WEIGHTS };
  for (const key of ["train", "val", "test", "alpha", "beta"] as const) {
    if (query[key] === undefined || query[key] === "") continue;
    const value = Number(query[key]);
    if (!Number.isFinite(value) || value < 0 || value > 3) {
      throw invalidInput(key, `${key} must be a number from 0 to 3, not ${query[key]}.`, {
        location: "query",
      });
    }
    weights[key] = value;
  }
  return weights;
}
