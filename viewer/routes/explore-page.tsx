/**
 * `/explore` (full access, like the runs list): a warehouse table, an uploaded dataset or a read-only SQL
 * query, one market, before any run. A plain GET form: `source` (`table:NAME`, `dataset:NAME` or `sql` with
 * the query in `sql`; or the API's `table` / `dataset` / `sql`),
 * then the API's parameters (`market`, `goal`, `start`, `end`, `grain`, repeated `metric`). The form also
 * sends `shown`, the source it was drawn for: when the source changes, the old source's market, goal,
 * timeframe and metrics are dropped rather than reported as unknown. A bad parameter is shown above the
 * form with the input kept, with the status the API would answer.
 */
import { Hono } from "hono";
import { MmmError } from "../../common/errors.ts";
import {
  exploreDependencies,
  exploreSources,
  loadExplore,
  sourceMarkets,
  type ExploreAnswer,
  type ExploreSource,
  type SourceMarkets,
} from "../../core/data-explore/load-explore.ts";
import { exploreQueryOf } from "../api/explore-schemas.ts";
import { assertFullAccess } from "../auth/access-scope.ts";
import { httpStatusOf } from "../http-status.ts";
import { ExplorePage, type ExploreForm } from "../pages/explore-page.tsx";
import { renderPage } from "../pages/render-page.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";

/** Parameters that belong to one source and are dropped when another is chosen. */
const PER_SOURCE = ["market", "goal", "start", "end"] as const;

export function explorePage(ctx: ViewerContext): Hono<ViewerEnv> {
  const app = new Hono<ViewerEnv>();
  app.get("/", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    const deps = exploreDependencies(ctx.services);
    const sources = await exploreSources(deps);
    const { form, reset } = formOf(c.req.query(), c.req.queries("metric") ?? []);
    const source = sourceOf(form);
    let markets: SourceMarkets | undefined;
    let answer: ExploreAnswer | undefined;
    let lists: ExploreAnswer | undefined;
    let error: MmmError | undefined;
    if (source) {
      try {
        markets = await sourceMarkets(deps, source);
        if (form.market === "" && markets.markets.length > 0) form.market = markets.markets[0]!;
        const query = exploreQueryOf(
          {
            ...Object.fromEntries(PER_SOURCE.map((k) => [k, form[k]])),
            grain: form.grain,
            ...sourceParam(source),
          },
          form.metrics,
        );
        answer = await loadExplore(deps, query, access.actor, markets);
      } catch (caught) {
        if (!(caught instanceof MmmError) || !["invalid_input", "not_found"].includes(caught.code))
          throw caught;
        error = caught;
        // The form still offers the source's columns and dates when only a later parameter was wrong.
        if (markets && !["table", "dataset", "market"].includes(caught.field ?? "")) {
          lists = await loadExplore(deps, { source, market: form.market }, access.actor, markets).catch(
            () => undefined,
          );
        }
      }
    }
    return renderPage(
      c,
      { title: "Explore data", scripts: answer !== undefined, status: error ? httpStatusOf(error) : 200 },
      <ExplorePage
        form={form}
        reset={reset}
        sources={sources}
        markets={markets}
        answer={answer}
        lists={answer ?? lists}
        error={error}
      />,
    );
  });
  return app;
}

function formOf(
  query: Record<string, string>,
  metrics: readonly string[],
): { form: ExploreForm; reset: boolean } {
  const value = (name: string) => (query[name] ?? "").trim();
  const source =
    value("source") ||
    (value("table")
      ? `table:${value("table")}`
      : value("dataset")
        ? `dataset:${value("dataset")}`
        : value("sql")
          ? "sql"
          : "");
  const shown = value("shown");
  const reset = shown !== "" && shown !== source;
  const form: ExploreForm = {
    source,
    market: reset ? "" : value("market"),
    goal: reset ? "" : value("goal"),
    start: reset ? "" : value("start"),
    end: reset ? "" : value("end"),
    grain: value("grain"),
    sql: value("sql"),
    metrics: reset ? [] : metrics.map((m) => m.trim()),
  };
  return { form, reset };
}

function sourceOf(form: ExploreForm): ExploreSource | undefined {
  const value = form.source;
  if (value === "sql") return { sql: form.sql };
  if (value.startsWith("dataset:")) return { dataset: value.slice("dataset:".length).trim() };
  if (value.startsWith("table:")) return { table: value.slice("table:".length).trim() };
  return value === "" ? undefined : { table: value };
}

function sourceParam(source: ExploreSource): Record<string, string> {
  return "table" in source
    ? { table: source.table }
    : "dataset" in source
      ? { dataset: source.dataset }
      : { sql: source.sql };
}
