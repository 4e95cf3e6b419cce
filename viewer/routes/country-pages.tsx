/**
 * `/countries…` (full access): every country's current pick, a country's best model with its history
 * and the ranking of its runs, and model stability across its runs. Handlers sit inline after their
 * routes (Hono's advice), hence the factory's length.
 */
import { Hono } from "hono";
import { invalidInput } from "../../common/errors.ts";
import { countryCode } from "../../core/run-store/country-code.ts";
import type { Run } from "../../core/run.ts";
import { assertFullAccess } from "../auth/access-scope.ts";
import { BestPage } from "../pages/best-page.tsx";
import { CountriesPage, type CountryRow } from "../pages/countries-page.tsx";
import { bestModelOf } from "../pages/run-best-model.ts";
import { renderPage } from "../pages/render-page.tsx";
import { StabilityPage } from "../pages/stability-page.tsx";
import { DEFAULT_SCORE_WEIGHTS, rankByScore, type ScoreWeights } from "../results/run-score.ts";
import { stabilityOf, type QualityBar } from "../results/stability.ts";
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
    for (const run of recent.runs) {
      const country = run.country.toUpperCase();
      const row = rows.get(country);
      rows.set(country, { country, runs: (row?.runs ?? 0) + 1, latest: row?.latest ?? run });
    }
    for (const pick of picks)
      rows.set(pick.country, { runs: 0, ...rows.get(pick.country), country: pick.country, pick });
    const sorted = [...rows.values()].sort((a, b) => a.country.localeCompare(b.country));
    return renderPage(c, { title: "Best models per country" }, <CountriesPage rows={sorted} />);
  });

  app.get("/:cc/best", async (c) => {
    const country = countryParam(c.req.param("cc"));
    const weights = scoreWeights(c.req.query());
    const [picks, succeeded] = await Promise.all([runs.listPicks(country), succeededRuns(country, 100)]);
    const ranked = rankByScore(
      succeeded.filter((run) => bestModelOf(run)),
      (run) => bestModelOf(run)!,
      weights,
    );
    return renderPage(
      c,
      { title: `Best model for ${country}` },
      <BestPage country={country} picks={picks} ranked={ranked} weights={weights} />,
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
    const [succeeded, pick] = await Promise.all([succeededRuns(country, limit), runs.getBest(country)]);
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
      />,
    );
  });

  async function succeededRuns(country: string, limit: number): Promise<Run[]> {
    return (await runs.listRuns({ country, status: ["succeeded"], limit })).runs;
  }

  return app;
}

function countryParam(value: string): string {
  try {
    return countryCode(value);
  } catch {
    throw invalidInput("country", `${value} is not a two-letter country code such as DE.`, {
      location: "path",
    });
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
