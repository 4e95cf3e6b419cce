/**
 * `/prepare` through the viewer app (`viewerHarness`: the real Hono app, DuckDB demo tables, SQLite): the
 * profile with the cleaning suggestions as ticked checkboxes and each spend's media-response choice, the
 * form's POST with the session's CSRF token saving a preparation, and bad drafts shown above the form, named.
 */
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

const QUERY = "table=DEMO.SIMULATED_WEEKLY&market=US&goal=revenue";
const BASE = {
  table: "DEMO.SIMULATED_WEEKLY",
  dataset: "",
  market: "US",
  goal: "revenue",
  goal_type: "revenue",
};

describe("/prepare", () => {
  it("shows the profile, the cleaning suggestions as checkboxes and the media-response choices", async () => {
    const response = await h.request(`/prepare?${QUERY}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("table DEMO.SIMULATED_WEEKLY, US: 208 rows");
    expect(html).toMatch(/<tr data-column="tv_S"><td>tv_S<\/td><td>paid_spend<\/td>/);
    expect(html).toMatch(/<select name="response:facebook_S">.*?<option value="facebook_I" selected="">/);
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('data-action="save-preparation"');
    // A line of each number column over time, drawn from the profile's own sparkline.
    expect(html).toMatch(
      /<tr data-column="revenue">.*?<svg class="spark spark-line"[^>]*><title>revenue over time/,
    );
    // VIF per group, each in its band's colour.
    expect(html).toMatch(
      /data-vif-group="paid_media">.*?<tr data-vif="tv_S"><td>tv_S<\/td><td><span class="light light-/,
    );
    expect(html).toContain('data-vif-group="organic"');
    expect(html).toContain('data-vif-group="context"');
    expect(html).toContain('name="derived[2].name"');
  });

  it("warns about identical columns above the VIF tables", async () => {
    const csv = ["DATE,SALES,TV_S,TV_COPY_S,SEARCH_S"];
    for (let w = 0; w < 60; w++) {
      const date = new Date(Date.UTC(2024, 0, 1 + 7 * w)).toISOString().slice(0, 10);
      const tv = 100 + ((w * 37) % 50);
      csv.push(`${date},${1000 + 3 * tv + ((w * 13) % 40)},${tv},${tv * 2},${50 + ((w * 11) % 30)}`);
    }
    const dir = await mkdtemp(join(tmpdir(), "mmm-twins-"));
    const path = join(dir, "twins.csv");
    await writeFile(path, `${csv.join("\n")}\n`);
    await h.services.datasets.add(
      { path, fileName: "twins.csv", bytes: (await stat(path)).size },
      { actor: { kind: "local", id: "local" } },
    );
    await rm(dir, { recursive: true, force: true });
    const html = await (await h.request("/prepare?dataset=twins&market=NL&goal=SALES")).text();
    expect(html).toMatch(
      /data-identical="TV_S TV_COPY_S">TV_S and TV_COPY_S are practically the same column/,
    );
  });

  it("saves the preparation the form describes, with the session's token", async () => {
    const response = await h.postForm("/prepare", {
      ...BASE,
      name: "us-from-viewer",
      "drop:events": "on",
      "response:facebook_S": "facebook_S",
      "derived[0].name": "offline_S",
      "derived[0].sum": "tv_S, ooh_S",
      "derived[1].name": "",
      "derived[1].sum": "",
      "derived[2].name": "digital_S",
      "derived[2].sum": "facebook_S,search_S",
      "derived[2].tag": "digital",
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toContain('data-saved="us-from-viewer"');
    const saved = (await h.services.runs.getPreparation("us-from-viewer"))!;
    expect(saved.columns).not.toContain("events");
    expect(saved.derived).toEqual([
      { name: "offline_S", sum: ["tv_S", "ooh_S"] },
      { name: "digital_S", sum: ["facebook_S", "search_S"], tag: "digital" },
    ]);
    expect(saved.paid_media).toContainEqual({ spend: "facebook_S", response: "facebook_S" });
    expect(saved.paid_media).toContainEqual({ spend: "offline_S", response: "offline_S" });
    expect(saved.paid_media).toContainEqual({ spend: "digital_S", response: "digital_S" });
  });

  it("profiles a read-only SQL query and saves a preparation that reads it again", async () => {
    const sql = "SELECT * FROM DEMO.MULTI_COUNTRY_WEEKLY WHERE DATE >= '2022-01-01'";
    const shown = await h.request(`/prepare?sql=${encodeURIComponent(sql)}&market=DE&goal=REVENUE`);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toMatch(/the SQL query, DE: \d+ rows, 2022-01-\d\d to/);
    expect(html).toContain(
      `<input type="hidden" name="sql" value="SELECT * FROM DEMO.MULTI_COUNTRY_WEEKLY WHERE DATE &gt;= &#39;2022-01-01&#39;"/>`,
    );
    const saved = await h.postForm("/prepare", {
      table: "",
      dataset: "",
      sql,
      market: "DE",
      goal: "REVENUE",
      goal_type: "revenue",
      name: "de-from-sql",
    });
    expect(saved.status).toBe(201);
    const preparation = (await h.services.runs.getPreparation("de-from-sql"))!;
    expect(preparation.source).toEqual({ sql });
    const data = await h.services.preparations.runData(
      "de-from-sql",
      "DE",
      { kind: "local", id: "local" },
      {
        maxRows: 100_000,
        maxBytes: 64 * 1024 * 1024,
      },
    );
    expect(data.table.data.DATE!.every((d) => String(d) >= "2022-01-01")).toBe(true);
    const refused = await h.request(
      `/prepare?sql=${encodeURIComponent("SELECT 1; DELETE FROM X")}&market=DE`,
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/role="alert" data-field="sql"/);
  });

  it("profiles secondary goals, saves them with their types, and starts a run on one", async () => {
    const html = await (await h.request(`/prepare?${QUERY}&secondary=competitor_sales_B`)).text();
    expect(html).toMatch(
      /<tr data-column="competitor_sales_B"><td>competitor_sales_B<\/td><td>secondary_goal<\/td>/,
    );
    expect(html).toMatch(
      /data-secondary-goal="competitor_sales_B">.*?<tr data-fit="tv_S"><td>tv_S<\/td><td>paid_spend<\/td><td>-?\d/s,
    );
    expect(html).toContain('<select name="secondary_type:competitor_sales_B">');
    const saved = await h.postForm("/prepare", {
      ...BASE,
      secondary: "competitor_sales_B",
      "secondary_type:competitor_sales_B": "conversion",
      name: "us-two-goals",
    });
    expect(saved.status).toBe(201);
    const page = await saved.text();
    expect(page).toMatch(
      /<select name="dep_var"><option value="revenue" selected="">revenue \(revenue, main goal\)<\/option><option value="competitor_sales_B">competitor_sales_B \(conversion, secondary goal\)/,
    );
    const preparation = (await h.services.runs.getPreparation("us-two-goals"))!;
    expect(preparation.secondary_goals).toEqual([{ column: "competitor_sales_B", type: "conversion" }]);
    expect(preparation.context_vars).not.toContain("competitor_sales_B");

    const wrong = await h.postForm("/prepare/runs", {
      preparation: "us-two-goals",
      dep_var: "tv_S",
      iterations: "20",
      trials: "1",
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toMatch(
      /data-field="dep_var".*can explain revenue, competitor_sales_B, not tv_S/s,
    );
    const budget = await h.postForm("/prepare/runs", {
      preparation: "us-two-goals",
      dep_var: "competitor_sales_B",
      iterations: "20",
      trials: "1",
    });
    expect(budget.status).toBe(422);
    // The run form is shown again as it was posted, beside the problem.
    expect(await budget.text()).toMatch(
      /<option value="competitor_sales_B" selected="">.*name="iterations" value="20"/s,
    );
    const started = await h.postForm("/prepare/runs", {
      preparation: "us-two-goals",
      dep_var: "competitor_sales_B",
      iterations: "150",
      trials: "1",
    });
    expect(started.status, (await started.clone().text()).match(/role="alert"[^\n]*/)?.[0]).toBe(303);
    const runId = started.headers.get("location")!.replace("/runs/", "");
    const run = (await h.services.runs.getRun(runId))!;
    expect(run.spec).toMatchObject({
      data: { preparation: "us-two-goals" },
      dep_var: "competitor_sales_B",
      dep_var_type: "conversion",
    });
  });

  it("refuses a form without its token, and shows a bad draft named above the form", async () => {
    const forged = await h.postForm("/prepare", { ...BASE, name: "forged" }, { csrf: null });
    expect(forged.status).toBe(403);
    const clash = await h.postForm("/prepare", {
      ...BASE,
      name: "clash",
      "derived[0].name": "offline_S",
      "derived[0].sum": "tv_S, ooh_S",
      "derived[1].name": "offline_S",
      "derived[1].sum": "print_S",
    });
    expect(clash.status).toBe(422);
    const clashHtml = await clash.text();
    expect(clashHtml).toMatch(/role="alert" data-field="derived\[1\].name"/);
    // The rows typed are shown again, the problem beside the row it is about.
    expect(clashHtml).toMatch(/name="derived\[1\].sum" value="print_S".*?class="warn field-problem"/s);
    const empty = await h.postForm("/prepare", {
      ...BASE,
      name: "empty-set",
      "derived[0].name": "nothing_S",
      "derived[0].sum": " , ",
    });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(/data-field="derived\[0\].sum"/);
    const unnamed = await h.postForm("/prepare", { ...BASE, name: "unnamed", "derived[0].sum": "tv_S" });
    expect(unnamed.status).toBe(422);
    expect(await unnamed.text()).toMatch(/data-field="derived\[0\].name"/);
    expect(await h.services.runs.getPreparation("empty-set")).toBeUndefined();
    expect(await h.services.runs.getPreparation("unnamed")).toBeUndefined();
    expect(await h.services.runs.getPreparation("forged")).toBeUndefined();
    expect(await h.services.runs.getPreparation("clash")).toBeUndefined();
  });
});
