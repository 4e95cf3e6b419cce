import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShareLink, openShareLink } from "../../tests/support/share-visitor.ts";
import { REMOTE, viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

/** The chart data a page embeds. */
function chartData(html: string): Record<string, { dates: string[] }> {
  return JSON.parse(/id="chart-data">(.*?)<\/script>/s.exec(html)![1]!);
}

describe("/explore", () => {
  it("offers the warehouse's tables, and is linked from the top bar", async () => {
    const response = await h.request("/explore");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<a href="/explore">Explore data</a>');
    expect(html).toContain('<a href="/prepare">Prepare data</a>');
    expect(html).toContain('value="table:DEMO.MULTI_COUNTRY_WEEKLY"');
    expect(html).toContain("Choose a warehouse table, an uploaded dataset or a SQL query");
    expect(html).not.toContain('id="chart-data"');
  });

  it("shows a table's first market by week, embedding per-period sums only", async () => {
    const html = await (await h.request("/explore?table=DEMO.MULTI_COUNTRY_WEEKLY")).text();
    expect(html).toMatch(/<option value="DE" selected="">DE<\/option>/);
    expect(html).toContain("COUNTRY = DE: 208 rows");
    const data = chartData(html);
    expect(Object.keys(data).sort()).toEqual(["channels", "goalSpend", "metrics"]);
    expect(data.goalSpend!.dates).toHaveLength(52);
    expect(data.channels!.dates).toHaveLength(52);
  });

  it("shows a read-only SQL query's market, and names a refused query", async () => {
    const query = "SELECT * FROM DEMO.MULTI_COUNTRY_WEEKLY WHERE DATE >= '2022-01-01'";
    const response = await h.request(`/explore?source=sql&sql=${encodeURIComponent(query)}&market=GB`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<option value="sql" selected="">SQL query \(below\)<\/option>/);
    expect(html).toContain("the SQL query, COUNTRY = GB:");
    expect(html).toContain("WHERE DATE &gt;= &#39;2022-01-01&#39;</textarea>");
    expect(chartData(html).goalSpend!.dates.length).toBeGreaterThan(0);
    const refused = await h.request(`/explore?sql=${encodeURIComponent("UPDATE X SET a = 1")}`);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(
      /role="alert" data-field="sql"><strong>sql: <\/strong>.*starts with SELECT or WITH/,
    );
  });

  it("starts afresh when the form names another source than the one it was drawn for", async () => {
    const response = await h.request(
      "/explore?source=table:DEMO.SIMULATED_WEEKLY&shown=table:DEMO.MULTI_COUNTRY_WEEKLY&market=FR&goal=REVENUE&start=2024-01-01",
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("A new source: its market, goal, timeframe and metrics start afresh.");
    expect(html).toContain("table DEMO.SIMULATED_WEEKLY: 208 rows");
  });

  it("shows a bad parameter above the form, named, with the status the API gives", async () => {
    const unknown = await h.request("/explore?source=table:DEMO.NOPE");
    expect(unknown.status).toBe(422);
    const html = await unknown.text();
    expect(html).toMatch(/role="alert" data-field="table"><strong>table: <\/strong>/);
    expect(html).toMatch(/<option value="table:DEMO.NOPE" selected="">/);
    const market = await h.request(
      "/explore?table=DEMO.MULTI_COUNTRY_WEEKLY&market=XX&shown=table:DEMO.MULTI_COUNTRY_WEEKLY",
    );
    expect(market.status).toBe(422);
    const marketHtml = await market.text();
    expect(marketHtml).toContain("market: </strong>There is no market &quot;XX&quot; in column COUNTRY");
    expect(marketHtml).toMatch(/<option value="XX" selected="">XX \(not found\)<\/option>/);
    const grain = await h.request("/explore?table=DEMO.SIMULATED_WEEKLY&grain=year");
    expect(grain.status).toBe(400);
    expect(await grain.text()).toMatch(/data-field="grain"/);
  });

  it("is for full access only: not from another machine in local mode, nor through a share link", async () => {
    expect((await h.request("/explore", { remote: REMOTE })).status).toBe(403);
    const { cookie } = await openShareLink(h, (await createShareLink(h)).token);
    const shared = await h.request("/explore?table=DEMO.SIMULATED_WEEKLY", {
      remote: REMOTE,
      cookie: cookie!,
    });
    expect(shared.status).toBe(403);
    expect(await shared.text()).toContain(`The share link you opened shows run ${h.run.id} only`);
  });
});
