/**
 * `GET /api/data/explore` through the real server (`startLocalApp`: Hono on a port, the embedded DuckDB
 * warehouse with its demo tables, SQLite, the local artifact folder): a demo table's market and a daily
 * dataset uploaded through the datasets API, aggregated by ISO week, month and quarter, with the sums
 * checked against the rows computed here independently; and every bad parameter answered with a JSON
 * error that names it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExploreData } from "../../viewer/api/explore-schemas.ts";
import { dailyChannels } from "../fixtures/daily-channels.ts";
import { startLocalApp, type LocalApp } from "../support/local-app.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an envelope whose data differs per route
type ApiBody = { status: string; message: string; data: any };

const TOKEN = "explore-test-token-0123456789abcdef";
const auth = { authorization: `Bearer ${TOKEN}` };
let local: LocalApp;
const daily = dailyChannels({ days: 400, channels: 3, markets: ["DE", "FR"] });

beforeAll(async () => {
  local = await startLocalApp("mmm-explore-api-", { MMM_API_TOKENS: TOKEN });
  const form = new FormData();
  form.set("file", new Blob([daily.csv]), "daily-shop.csv");
  const response = await fetch(`${local.app.url}/api/datasets`, {
    method: "POST",
    body: form,
    headers: auth,
  });
  expect(response.status).toBe(201);
});
afterAll(async () => local?.stop());

const sql = (text: string) => encodeURIComponent(text);

async function explore(query: string): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(`${local.app.url}/api/data/explore?${query}`, { headers: auth });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

/** The Monday of a date's ISO week, by the weekday the Date object gives. */
function mondayOf(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

function sumsBy(key: (date: string) => string, column: string, market = "DE"): Map<string, number> {
  const at = daily.header.indexOf(column);
  const sums = new Map<string, number>();
  for (const row of daily.rows) {
    if (row[1] !== market) continue;
    const k = key(row[0] as string);
    sums.set(k, (sums.get(k) ?? 0) + (row[at] as number));
  }
  return sums;
}

describe("GET /api/data/explore", () => {
  it("aggregates a daily dataset's market by ISO week, month and quarter", async () => {
    const weeks = await explore("dataset=daily-shop&market=de&grain=week&start=2022-01-03");
    expect(weeks.status).toBe(200);
    const answer = weeks.body.data;
    // The answer is exactly what the OpenAPI document describes: nothing missing, nothing extra.
    expect(ExploreData.parse(answer)).toEqual(answer);
    expect(answer).toMatchObject({
      source: "dataset daily-shop@1",
      market: "DE",
      marketColumn: "MARKET",
      markets: ["DE", "FR"],
      rows: 400,
    });
    expect(answer.explore.data).toMatchObject({ first: "2022-01-03", last: "2023-02-06", cadence: "day" });
    expect(answer.explore.goal).toEqual({ column: "REVENUE", type: "revenue" });
    const expectedWeeks = sumsBy(mondayOf, "REVENUE");
    expect(answer.explore.periods).toEqual([...expectedWeeks.keys()]);
    expect(answer.explore.series.goal).toEqual([...expectedWeeks.values()]);

    const months = (
      await explore(
        "dataset=daily-shop&market=DE&start=2022-01-03&grain=month&metric=SOCIAL_CLICKS&metric=AVG_PRICE",
      )
    ).body.data.explore;
    const socialByMonth = sumsBy((d) => d.slice(0, 7), "SOCIAL_SPEND");
    expect(months.periods).toEqual([...socialByMonth.keys()]);
    expect(months.channels.find((c: { name: string }) => c.name === "social").values).toEqual([
      ...socialByMonth.values(),
    ]);
    expect(
      months.metrics.map((m: { column: string; combine: string }) => `${m.column}:${m.combine}`),
    ).toEqual(["SOCIAL_CLICKS:sum", "AVG_PRICE:mean"]);
    expect(months.metrics[0].values).toEqual([...sumsBy((d) => d.slice(0, 7), "SOCIAL_CLICKS").values()]);

    const quarter = (d: string) => `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
    const quarters = (await explore("dataset=daily-shop&market=FR&grain=quarter&start=2022-01-01")).body.data
      .explore;
    expect(quarters.periods).toEqual([...sumsBy(quarter, "REVENUE", "FR").keys()]);
    expect(quarters.series.goal).toEqual([...sumsBy(quarter, "REVENUE", "FR").values()]);
    expect(quarters.funnels.map((f: { channel: string }) => f.channel)).toEqual([
      "search",
      "social",
      "video",
    ]);
  });

  it("compares a timeframe with the previous window of the same length", async () => {
    const { body } = await explore("dataset=daily-shop&market=DE&start=2022-07-01&end=2022-12-31");
    const half = body.data.explore;
    expect(half.previous).toMatchObject({ start: "2021-12-29", end: "2022-06-30", covered: false });
    expect(half.previous.reason).toMatch(/^No previous window/);
    const covered = (await explore("dataset=daily-shop&market=DE&start=2022-10-01&end=2022-12-31")).body.data
      .explore;
    expect(covered.previous).toMatchObject({
      start: "2022-07-01",
      end: "2022-09-30",
      covered: true,
      rows: 92,
    });
    const inWindow = (from: string, to: string) => {
      const at = daily.header.indexOf("REVENUE");
      return daily.rows
        .filter((r) => r[1] === "DE" && (r[0] as string) >= from && (r[0] as string) <= to)
        .reduce((n, r) => n + (r[at] as number), 0);
    };
    const goal = covered.kpis.find((k: { key: string }) => k.key === "goal");
    expect(goal.value).toBe(inWindow("2022-10-01", "2022-12-31"));
    expect(goal.previous).toBe(inWindow("2022-07-01", "2022-09-30"));
    expect(goal.change).toBeCloseTo(goal.value / goal.previous - 1, 12);
  });

  it("reads a bundled demo table's market, with its funnels", async () => {
    const { status, body } = await explore("table=DEMO.MULTI_COUNTRY_WEEKLY&market=FR&grain=month");
    expect(status).toBe(200);
    const e = body.data.explore;
    expect(body.data).toMatchObject({
      source: "table DEMO.MULTI_COUNTRY_WEEKLY",
      market: "FR",
      markets: ["DE", "FR", "GB", "US"],
      rows: 208,
    });
    expect(e.data.cadence).toBe("week");
    expect(e.channels.map((c: { column: string }) => c.column)).toEqual([
      "TV_S",
      "FACEBOOK_S",
      "SEARCH_SPEND",
      "YOUTUBE_SPEND",
      "OOH_S",
    ]);
    expect(
      e.funnels.map((f: { channel: string; steps: { column: string }[] }) => [
        f.channel,
        f.steps.map((s) => s.column),
      ]),
    ).toEqual([
      ["facebook", ["FACEBOOK_I"]],
      ["search", ["SEARCH_CLICKS"]],
      ["youtube", ["YOUTUBE_IMPRESSIONS"]],
    ]);
    const single = await explore("table=DEMO.SIMULATED_WEEKLY&grain=quarter");
    expect(single.status).toBe(200);
    expect(single.body.data).toMatchObject({ market: null, marketColumn: null, markets: [] });
  });

  it("reads a read-only SQL query's market, as the same table's rows would be read", async () => {
    const query = "SELECT * FROM DEMO.MULTI_COUNTRY_WEEKLY WHERE DATE >= '2022-01-01'";
    const { status, body } = await explore(`sql=${sql(query)}&market=fr&grain=month&start=2022-01-01`);
    expect(status).toBe(200);
    expect(ExploreData.parse(body.data)).toEqual(body.data);
    expect(body.data).toMatchObject({
      source: "the SQL query",
      market: "FR",
      marketColumn: "COUNTRY",
      markets: ["DE", "FR", "GB", "US"],
    });
    const table = await explore("table=DEMO.MULTI_COUNTRY_WEEKLY&market=FR&grain=month&start=2022-01-01");
    const fromSql = body.data.explore;
    const fromTable = table.body.data.explore;
    expect(fromSql.data.first >= "2022-01-01").toBe(true);
    expect(body.data.rows).toBe(fromTable.window.rows);
    expect(fromSql.periods).toEqual(fromTable.periods);
    expect(fromSql.series).toEqual(fromTable.series);
    expect(fromSql.channels).toEqual(fromTable.channels);
  });

  it("reads a name's new content after it was deleted and uploaded again as version 1", async () => {
    const add = async (csv: string) => {
      const form = new FormData();
      form.set("file", new Blob([csv]), "again.csv");
      const response = await fetch(`${local.app.url}/api/datasets`, {
        method: "POST",
        body: form,
        headers: auth,
      });
      expect(response.status).toBe(201);
    };
    const revenue = async () =>
      (await explore("dataset=again&start=2024-01-01")).body.data.explore.kpis[0].value as number;
    const csv = (scale: number) =>
      `DATE,REVENUE,TV_S\n${Array.from({ length: 28 }, (_, d) => `2024-01-${String(d + 1).padStart(2, "0")},${(d + 1) * scale},${d % 5}`).join("\n")}\n`;
    await add(csv(1));
    expect(await revenue()).toBe(406);
    const removed = await fetch(`${local.app.url}/api/datasets/again`, {
      method: "DELETE",
      headers: { ...auth, "content-type": "application/json" },
      body: "{}",
    });
    expect(removed.status).toBe(200);
    await add(csv(2));
    expect((await explore("dataset=again")).body.data.source).toBe("dataset again@1");
    expect(await revenue()).toBe(812);
  });

  it("answers bad parameters with a JSON error that names them", async () => {
    const cases: [string, number, string, RegExp][] = [
      ["", 400, "table", /a warehouse table \(table=…\), an uploaded dataset .* or a read-only SQL query/],
      ["table=DEMO.SIMULATED_WEEKLY&dataset=daily-shop", 400, "dataset", /one of table, dataset and sql/],
      [`dataset=daily-shop&sql=${sql("SELECT 1")}`, 400, "sql", /one of table, dataset and sql/],
      [`sql=${sql("DROP TABLE DEMO.SIMULATED_WEEKLY")}`, 422, "sql", /starts with SELECT or WITH/],
      [`sql=${sql("SELECT 1; SELECT 2")}`, 422, "sql", /2 statements/],
      [
        `sql=${sql("SELECT * FROM DEMO.MULTI_COUNTRY_WEEKLY WHERE COUNTRY = {country}")}&market=DE`,
        422,
        "sql",
        /cannot use the \{country\} placeholder/,
      ],
      [`sql=${sql("SELECT * FROM DEMO.NOPE")}`, 422, "sql", /NOPE/],
      [
        `sql=${sql("SELECT * FROM DEMO.MULTI_COUNTRY_WEEKLY")}&market=XX`,
        422,
        "market",
        /no market "XX".*DE, FR, GB, US/,
      ],
      ["table=DEMO.NOPE", 422, "table", /NOPE/],
      ["dataset=nope", 404, "dataset", /no dataset nope/],
      ["dataset=daily-shop&market=XX", 422, "market", /no market "XX".*choose one of DE, FR/],
      ["dataset=daily-shop", 422, "market", /choose one of DE, FR/],
      ["table=DEMO.SIMULATED_WEEKLY&market=DE", 422, "market", /no market or country column/],
      ["dataset=daily-shop&market=DE&goal=PROFIT", 422, "goal", /no column "PROFIT"/],
      ["dataset=daily-shop&market=DE&start=2023-01-01&end=2022-01-01", 422, "start", /after it ends/],
      ["dataset=daily-shop&market=DE&start=2030-01-01", 422, "start", /the data runs from 2022-01-03/],
      ["dataset=daily-shop&market=DE&end=2022-13-01", 400, "end", /YYYY-MM-DD/],
      ["dataset=daily-shop&market=DE&grain=year", 400, "grain", /day, week, month, quarter/],
      ["dataset=daily-shop&market=DE&metric=NOPE", 422, "metric", /no numeric column "NOPE"/],
    ];
    for (const [query, status, field, message] of cases) {
      const answer = await explore(query);
      expect({ query, status: answer.status, field: answer.body.data.field }).toEqual({
        query,
        status,
        field,
      });
      expect(answer.body.status).toBe("error");
      expect(answer.body.message).toMatch(message);
    }
  });
});
