import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

describe("compare", () => {
  it("puts two or more models side by side, from one run or several", async () => {
    const other = await h.addRun();
    const response = await h.request(`/compare?m=${h.run.id}~${h.solID}&run=${other.id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Compare 2 models");
    expect(html).toContain(`href="/runs/${other.id}/models/${h.solID}"`);
    const data = JSON.parse(/id="chart-data">(.*?)<\/script>/s.exec(html)![1]!) as {
      effect: { models: string[]; channels: string[] };
    };
    expect(data.effect.models).toHaveLength(2);
    expect(data.effect.channels).toContain("tv_S");
  });

  it("explains what to do with fewer than two, and names a malformed model", async () => {
    expect(await (await h.request(`/compare?m=${h.run.id}~${h.solID}`)).text()).toContain(
      "Tick two or more models",
    );
    const bad = await h.request("/compare?m=no-tilde");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Name a model as");
    expect((await h.request(`/compare?m=${h.run.id}~9_9_9&m=${h.run.id}~${h.solID}`)).status).toBe(404);
  });
});

describe("best models per country", () => {
  it("lists countries with their pick, and a country's runs ranked by fit", async () => {
    await h.addRun({ country: "FR" });
    const countries = await (await h.request("/countries")).text();
    expect(countries).toContain(">DE</th>");
    expect(countries).toContain(">FR</th>");
    const best = await h.request("/countries/de/best?val=0.6&alpha=2");
    expect(best.status).toBe(200);
    const html = await best.text();
    expect(html).toContain("Runs ranked by fit");
    expect(html).toContain(`href="/runs/${h.run.id}"`);
    expect(html).toMatch(/name="alpha"[^>]*value="2"/);
    expect((await h.request("/countries/-x/best")).status).toBe(400);
    expect((await h.request("/countries/de/best?alpha=9")).status).toBe(400);
  });

  it("shows the history of picks with who and when", async () => {
    await h.postForm(`/runs/${h.run.id}/models/${h.solID}/pick`, { note: "first" });
    h.clock.advance(60_000);
    await h.postForm(`/runs/${h.run.id}/models/${h.solID}/pick`, { note: "second thoughts" });
    const html = await (await h.request("/countries/DE/best")).text();
    expect(html).toContain("History");
    expect(html.indexOf("second thoughts")).toBeLessThan(html.indexOf(">first<"));
  });

  it("shows model stability across the country's runs, with a quality bar", async () => {
    await h.addRun();
    const response = await h.request("/countries/DE/stability?quality=all&runs=5");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/\d+ of \d+ Pareto models from [2-5] succeeded runs/);
    expect(html).toContain('class="boxplot"');
    expect(html).toContain(">tv_S</th>");
    expect((await h.request("/countries/DE/stability?quality=great")).status).toBe(400);
    expect((await h.request("/countries/DE/stability?runs=0")).status).toBe(400);
  });
});

describe("markets and data sources", () => {
  it("groups a geo market's runs by data source, and never mixes two tables that share a market", async () => {
    const fromA = await h.addRun({
      country: "Geo2",
      spec: { ...h.run.spec, market: "Geo2", data: { table: "SALES_A" } },
    });
    const fromB = await h.addRun({
      country: "Geo2",
      spec: { ...h.run.spec, market: "Geo2", data: { table: "SALES_B" } },
    });
    const index = await (await h.request("/countries")).text();
    expect(index).toContain(">Geo2</th>");
    expect(index).toContain("SALES_A · revenue");
    expect(index).toContain("SALES_B · revenue");

    const keyA = encodeURIComponent(`table:sales_a|${h.run.spec.dep_var}`);
    const best = await (await h.request(`/countries/Geo2/best?source=${keyA}`)).text();
    expect(best).toContain(`href="/runs/${fromA.id}"`);
    expect(best).not.toContain(`href="/runs/${fromB.id}"`);
    const stability = await (await h.request(`/countries/Geo2/stability?runs=5&source=${keyA}`)).text();
    expect(stability).toMatch(/from 1 succeeded run\b/);

    const listed = await (await h.request("/api/runs?country=Geo2")).json();
    expect(listed.data.runs.map((r: { id: string }) => r.id).sort()).toEqual([fromA.id, fromB.id].sort());
  });
});
