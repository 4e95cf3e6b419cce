import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewerHarness, REMOTE, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

/** The page's chart data, as the browser script reads it. */
function chartData(html: string): Record<string, unknown> {
  const json = /<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(html)?.[1];
  return json ? JSON.parse(json) : {};
}

describe("runs list", () => {
  it("lists runs with their best model's traffic lights and states the thresholds", async () => {
    const response = await h.request("/runs");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`href="/runs/${h.run.id}"`);
    expect(html).toMatch(/class="light light-(green|amber|red)"/);
    expect(html).toContain(
      "Adjusted R²: green ≥ 0.8, amber ≥ 0.6; NRMSE: green ≤ 0.1, amber ≤ 0.2; DECOMP.RSSD: green ≤ 0.2, amber ≤ 0.4",
    );
  });

  it("shows how long a run trained and its estimated cost", async () => {
    const costed = await h.addRun({
      resources: { cpuSeconds: 3.2, peakMemoryMb: 400, wallSeconds: 2.5, estimatedCostUsd: 0.0000612 },
    });
    const html = await (await h.request(`/runs/${costed.id}/data`)).text();
    expect(html).toContain("of training · about $0.000061 on Cloud Run");
  });

  it("filters by country, status, who and date, and names a bad filter", async () => {
    const fr = await h.addRun({ country: "FR", createdBy: { kind: "slack", id: "U0BOB", name: "Bob" } });
    const byCountry = await (await h.request("/runs?country=fr")).text();
    expect(byCountry).toContain(fr.id);
    expect(byCountry).not.toContain(`href="/runs/${h.run.id}"`);
    expect(await (await h.request("/runs?by=U0BOB")).text()).not.toContain(`href="/runs/${h.run.id}"`);
    expect(await (await h.request("/runs?status=failed")).text()).toContain("No runs match");
    expect(await (await h.request("/runs?from=2030-01-01")).text()).toContain("No runs match");
    const bad = await h.request("/runs?status=done");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("status must be one of");
    expect((await h.request("/runs?from=yesterday")).status).toBe(400);
  });

  it("answers live status for the runs the visitor may see", async () => {
    const queued = await h.addRun({
      status: "running",
      progress: { phase: "searching", done: 40, total: 300 },
    });
    const response = await h.request(`/runs/status.json?ids=${queued.id},${h.run.id},nope`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { runs: { id: string; status: string; progress: unknown }[] };
    expect(body.runs.map((r) => [r.id, r.status])).toEqual([
      [queued.id, "running"],
      [h.run.id, "succeeded"],
    ]);
    expect(body.runs[0]!.progress).toEqual({ phase: "searching", done: 40, total: 300 });
  });
});

describe("run page", () => {
  it("embeds the Pareto scatter of every candidate, the convergence and the Pareto models", async () => {
    const response = await h.request(`/runs/${h.run.id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const data = chartData(html) as {
      pareto: { x: number[]; y: number[]; f: number[]; ids: Record<string, string>; fronts: number };
      convergence: { labels: string[] };
    };
    expect(data.pareto.x).toHaveLength(300);
    expect(data.pareto.y).toHaveLength(300);
    expect(data.pareto.f.filter((f) => f === 1).length).toBeGreaterThan(0);
    expect(Object.values(data.pareto.ids)).toContain(h.solID);
    expect(data.convergence.labels.length).toBeGreaterThan(1);
    expect(html).toContain('data-chart="pareto"');
    expect(html).toContain(`href="/runs/${h.run.id}/models/${h.solID}"`);
    expect(html).toContain("Traffic lights:");
  });

  it("shows the recommended model with its reason and each channel's ROI interval, then Robyn's pick", async () => {
    const html = await (await h.request(`/runs/${h.run.id}`)).text();
    const summary = JSON.parse(
      (await h.services.artifacts.getText(`${h.run.artifactPrefix}output/model_summary.json`))!,
    ) as {
      recommended: { model_id: string; channels: { channel: string; roi: number }[] };
      best_model: { model_id: string };
    };
    const recommended = summary.recommended;
    expect(html).toContain(
      `Recommended model <a href="/runs/${h.run.id}/models/${recommended.model_id}">${recommended.model_id}</a>`,
    );
    expect(html).toContain("No channel is measured by a lift study");
    for (const channel of recommended.channels) expect(html).toContain(`data-channel="${channel.channel}"`);
    expect(html).toContain("no: add a lift study");
    expect(html).toContain(
      `Robyn&#39;s pick</dt><dd><a href="/runs/${h.run.id}/models/${summary.best_model.model_id}"`,
    );
  });

  it("loads no inline script: only the two static scripts and the JSON data", async () => {
    const html = await (await h.request(`/runs/${h.run.id}`)).text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(
      scripts
        .filter((attrs) => !attrs.includes('type="application/json"'))
        .every((attrs) => /src="\/static\//.test(attrs)),
    ).toBe(true);
    expect(scripts).toHaveLength(3);
  });

  it("shows a failed run's reason and the end of its log", async () => {
    const failed = await h.addRun({
      status: "failed",
      failure: { reason: "column tv_S has negative values", logTail: "line 1\nline 2" },
    });
    const html = await (await h.request(`/runs/${failed.id}`)).text();
    expect(html).toContain("The run failed");
    expect(html).toContain("column tv_S has negative values");
    expect(html).toContain("line 1\nline 2");
  });

  it("answers 404 for an unknown run, on every run page", async () => {
    for (const path of [
      "/runs/20261126T000000Z-de-000000",
      "/runs/nope/data",
      "/runs/nope/files/spec.json",
      "/runs/nope/models/1_1_1",
    ]) {
      const response = await h.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain("There is no run");
    }
  });
});

describe("data page", () => {
  it("shows per-column statistics, spend over time and the regressors' VIF and condition number", async () => {
    const response = await h.request(`/runs/${h.run.id}/data`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const column of ["DATE", "revenue", "tv_S", "facebook_I", "events"])
      expect(html).toContain(`>${column}</td>`);
    expect(html).toContain('class="spark"');
    expect(html).toContain("Condition number of their correlation matrix");
    expect(html).toMatch(/VIF/);
    const data = chartData(html) as { spend: { dates: string[]; series: { name: string }[] } };
    expect(data.spend.series.map((s) => s.name)).toEqual([
      "tv_S",
      "ooh_S",
      "print_S",
      "facebook_S",
      "search_S",
    ]);
    expect(data.spend.dates[0]! < data.spend.dates[1]!).toBe(true);
  });
});

describe("run files", () => {
  it("serves a run's files, as a download when asked", async () => {
    const response = await h.request(`/runs/${h.run.id}/files/output/model_summary.json?download=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="model_summary.json"');
    expect(((await response.json()) as { best_model: { model_id: string } }).best_model.model_id).toBe(
      h.solID,
    );
  });

  it("refuses paths outside the run and answers 404 for missing files", async () => {
    expect((await h.request(`/runs/${h.run.id}/files/output/nope.csv`)).status).toBe(404);
    expect((await h.request(`/runs/${h.run.id}/files/..%2F..%2Fsecret`)).status).toBe(404);
  });
});

describe("share links on the run page", () => {
  it("creates a link (CSRF-protected), lists it with its URL, and revokes it", async () => {
    const refused = await h.postForm(`/runs/${h.run.id}/share`, { days: "3" }, { csrf: null });
    expect(refused.status).toBe(403);
    const created = await h.postForm(`/runs/${h.run.id}/share`, { days: "3" });
    expect(created.status).toBe(303);
    const links = await h.services.runs.listShareLinks(h.run.id);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ runId: h.run.id, by: { id: "local" } });
    expect(Date.parse(links[0]!.expiresAt) - Date.parse(links[0]!.createdAt)).toBe(3 * 86_400_000);
    const html = await (await h.request(`/runs/${h.run.id}`)).text();
    expect(html).toMatch(/value="http:\/\/localhost\/share\/[\w-]+\.[\w-]+"/);
    const revoked = await h.postForm(`/runs/${h.run.id}/share-links/${links[0]!.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect((await h.services.runs.getShareLink(links[0]!.id))?.revokedAt).toBeDefined();
  });

  it("names a bad number of days and refuses a model the run does not have", async () => {
    const bad = await h.postForm(`/runs/${h.run.id}/share`, { days: "365" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("A share link lives 1 to 90 days");
    expect((await h.postForm(`/runs/${h.run.id}/share`, { solID: "9_9_9" })).status).toBe(404);
  });
});

describe("local mode", () => {
  it("answers on loopback and refuses any other address with a message saying how to open it", async () => {
    expect((await h.request("/runs", { remote: "::1" })).status).toBe(200);
    expect((await h.request("/runs", { remote: "::ffff:127.0.0.1" })).status).toBe(200);
    for (const remote of [REMOTE, "10.0.0.2", null]) {
      const response = await h.request(`/runs/${h.run.id}`, { remote });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("local mode (no sign-in configured)");
    }
  });

  it("does not trust X-Forwarded-For", async () => {
    const response = await h.request("/runs", {
      remote: REMOTE,
      headers: { "x-forwarded-for": "127.0.0.1" },
    });
    expect(response.status).toBe(403);
  });
});
