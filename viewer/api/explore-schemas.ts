/**
 * `GET /api/data/explore` and the `/explore` page: the query (validated with zod, which the OpenAPI
 * document is generated from) and the answer's shape. Both surfaces read the query the same way.
 */
import { z } from "zod";
import { invalidInput } from "../../common/errors.ts";
import { GRAINS } from "../../core/data-explore/time-grain.ts";
import { sourceParameter, type ExploreQuery } from "../../core/data-explore/load-explore.ts";
import { validate } from "./validate.ts";

const day = z.iso.date({ error: "must be a date YYYY-MM-DD" });
const text = z.string().trim().max(300);

export const ExploreQueryParams = z.object({
  table: text
    .optional()
    .describe("A warehouse table, e.g. DEMO.MULTI_COUNTRY_WEEKLY (or give dataset or sql)"),
  dataset: text.optional().describe("An uploaded dataset, NAME or NAME@VERSION (or give table or sql)"),
  sql: z
    .string()
    .trim()
    .max(20_000)
    .optional()
    .describe(
      "Or one read-only SELECT (or WITH) statement over the warehouse, the same rules as a SQL training source (without the `{country}` placeholder)",
    ),
  market: text
    .optional()
    .describe("A value of the source's market or country column; required when it has one"),
  goal: text.optional().describe("The goal column (default: the one the auto-mapping finds)"),
  start: day.optional().describe("First day of the timeframe (default: the data's first date)"),
  end: day.optional().describe("Last day of the timeframe, included (default: the data's last date)"),
  grain: z
    .enum(GRAINS, { error: `must be one of ${GRAINS.join(", ")}` })
    .optional()
    .describe("day, week (ISO, Monday to Sunday), month or quarter; default week (month for monthly data)"),
  metric: z
    .array(text)
    .max(4)
    .optional()
    .describe("Columns for the metrics explorer (repeat the parameter; default: the goal)"),
});

/** The query of a request: `metric` may be repeated; empty fields count as not given. */
export function exploreQueryOf(
  single: Record<string, string>,
  metrics: readonly string[] | undefined,
): ExploreQuery {
  const given = Object.fromEntries(Object.entries(single).filter(([, v]) => v.trim() !== ""));
  const chosen = (metrics ?? []).filter((m) => m.trim() !== "");
  const q = validate(
    ExploreQueryParams,
    { ...given, ...(chosen.length > 0 ? { metric: chosen } : {}) },
    "query",
  );
  const sources = [
    ...(q.table !== undefined ? [{ table: q.table }] : []),
    ...(q.dataset !== undefined ? [{ dataset: q.dataset }] : []),
    ...(q.sql !== undefined ? [{ sql: q.sql }] : []),
  ];
  if (sources.length > 1) {
    throw invalidInput(sourceParameter(sources[1]!), "Give one of table, dataset and sql, not several.", {
      location: "query",
    });
  }
  if (sources.length === 0) {
    throw invalidInput(
      "table",
      "Choose what to explore: a warehouse table (table=…), an uploaded dataset (dataset=…) or a read-only SQL query (sql=…).",
      { location: "query" },
    );
  }
  return {
    source: sources[0]!,
    ...(q.market !== undefined ? { market: q.market } : {}),
    ...(q.goal !== undefined ? { goal: q.goal } : {}),
    ...(q.start !== undefined ? { start: q.start } : {}),
    ...(q.end !== undefined ? { end: q.end } : {}),
    ...(q.grain !== undefined ? { grain: q.grain } : {}),
    ...(q.metric !== undefined ? { metrics: q.metric } : {}),
  };
}

const num = z.number().nullable();
const compared = { value: num, previous: num, change: num };
const series = z.array(num);

export const ExploreData = z.object({
  source: z.string().describe("table NAME, dataset NAME@VERSION or the SQL query"),
  market: z.string().nullable(),
  marketColumn: z.string().nullable(),
  markets: z.array(z.string()),
  rows: z.number().int().describe("Rows of the market read"),
  explore: z.object({
    dateColumn: z.string(),
    goal: z.object({ column: z.string(), type: z.enum(["revenue", "conversion"]) }),
    data: z.object({
      first: z.string(),
      last: z.string(),
      rows: z.number().int(),
      cadence: z.enum(["day", "week", "month", "irregular"]),
    }),
    grain: z.enum(GRAINS),
    grainRule: z.string().describe("How rows fall into periods, in words"),
    window: z.object({ start: z.string(), end: z.string(), days: z.number().int(), rows: z.number().int() }),
    previous: z.object({
      start: z.string(),
      end: z.string(),
      covered: z.boolean(),
      rows: z.number().int(),
      reason: z.string().optional().describe('"No previous window: …" when the data does not cover it'),
    }),
    periods: z
      .array(z.string())
      .describe("Period labels: 2024-03-04 (day, or a week's Monday), 2024-03, 2024-Q1"),
    kpis: z.array(
      z.object({ key: z.enum(["goal", "spend", "roas", "cpa"]), label: z.string(), ...compared }),
    ),
    series: z.object({ goal: series, spend: series }).describe("Per period; null for a period without rows"),
    channels: z.array(
      z.object({ name: z.string(), column: z.string(), share: num, values: series, ...compared }),
    ),
    funnels: z.array(
      z.object({
        channel: z.string(),
        spend: z.object(compared),
        steps: z.array(
          z.object({ step: z.enum(["impressions", "clicks", "sessions"]), column: z.string(), ...compared }),
        ),
        ratios: z.array(
          z.object({
            key: z.enum(["cpm", "cpc", "cost_per_session", "ctr", "sessions_per_click"]),
            label: z.string(),
            ...compared,
          }),
        ),
      }),
    ),
    availableMetrics: z.array(z.object({ column: z.string(), combine: z.enum(["sum", "mean"]) })),
    metrics: z.array(z.object({ column: z.string(), combine: z.enum(["sum", "mean"]), values: series })),
    notes: z.array(z.string()),
  }),
});
