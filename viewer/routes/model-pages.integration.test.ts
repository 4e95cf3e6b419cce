import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelSummary } from "../../engine/outputs/model-summary.ts";
import { responseForRunModel } from "../../core/results/model-response.ts";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

function chartData(html: string): Record<string, Record<string, unknown>> {
  return JSON.parse(/<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(html)![1]!);
}

describe("model page", () => {
  it("shows the fit with traffic lights and embeds every panel's data", async () => {
    const response = await h.request(`/runs/${h.run.id}/models/${h.solID}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`Model ${h.solID}`);
    expect(html).toMatch(/class="light light-(green|amber|red)"/);
    const data = chartData(html);
    expect(data.waterfall!.names).toContain("tv_S");
    expect((data.fit!.dates as string[]).length).toBe(157);
    expect((data.response as unknown as { channel: string }[]).map((c) => c.channel)).toEqual([
      "tv_S",
      "ooh_S",
      "print_S",
      "facebook_I",
      "search_clicks_P",
    ]);
    expect(data.shares!.metric).toBe("ROAS");
    expect(data.adstock!.kind).toBe("geometric");
    for (const kind of ["waterfall", "fit", "response", "shares", "adstock"])
      expect(html).toContain(`data-chart="${kind}"`);
    expect(html).toContain("Pick as best for DE");
  });

  it("ranks the paid channels by the response from 10 % more spend, with the summary's mROI", async () => {
    const html = await (await h.request(`/runs/${h.run.id}/models/${h.solID}`)).text();
    const card = /<section class="card" id="marginal">(.*?)<\/section>/s.exec(html)![1]!;
    expect(card).toContain("Next euro per channel");
    const rows = [...card.matchAll(/<tr data-channel="([^"]+)">(.*?)<\/tr>/gs)].map(([, channel, cells]) => ({
      channel: channel!,
      values: [...cells!.matchAll(/data-value="([^"]*)"/g)].map(([, value]) => value!),
    }));
    // Rank, channel, mean spend, response, mROI, +10 % spend, response gained, return on the extra.
    const summary = JSON.parse(
      (await h.services.artifacts.getText(`${h.run.artifactPrefix}output/model_summary.json`))!,
    ) as ModelSummary;
    const best = summary.best_model;
    expect(best.model_id).toBe(h.solID);
    expect(rows.map((r) => r.channel)).toEqual(best.next_budget_ranking.map((r) => r.channel));
    const gains = rows.map((r) => Number(r.values[6]));
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
    const curves = chartData(html).response as unknown as { channel: string; meanMroi: number }[];
    for (const row of rows) {
      const channel = best.channels.find((c) => c.channel === row.channel)!;
      // The response chart's mean-spend marker carries the same mROI (to its 5 significant digits).
      const marker = curves.find((c) => c.channel === row.channel)!.meanMroi;
      expect(marker / channel.mroi! - 1).toBeCloseTo(0, 4);
      expect(Number(row.values[4]) / channel.mroi! - 1).toBeCloseTo(0, 9);
      expect(Number(row.values[6]) / channel.next_10pct_response! - 1).toBeCloseTo(0, 9);
    }
  });

  it("answers a response query from its URL with the API's numbers, and names a bad field in the form", async () => {
    const page = `/runs/${h.run.id}/models/${h.solID}`;
    const plain = await (await h.request(page)).text();
    expect(plain).toContain('id="response"');
    expect(chartData(plain).responseQuery).toBeUndefined();

    const html = await (await h.request(`${page}?channel=facebook_S&spend=30000&dates=last`)).text();
    const expected = await responseForRunModel(h.services.artifacts, h.run, h.solID, {
      metric_name: "facebook_S",
      metric_value: 30_000,
      date_range: "last",
    });
    const chart = chartData(html).responseQuery as unknown as {
      channel: string;
      query: { x: number; y: number };
      history: { x: number; y: number };
      curve: { x: number; y: number }[];
    };
    expect(chart.channel).toBe("facebook_I");
    expect(chart.query).toEqual({ x: expected.sim_mean_spend, y: expected.sim_mean_response });
    expect(chart.history).toEqual({ x: expected.mean_input_immediate, y: expected.mean_response_total });
    expect(chart.curve).toHaveLength(61);
    expect(html).toContain(`in the period of ${expected.date[0]}`);
    expect(html).toMatch(/<option value="facebook_S" selected="">/);

    for (const [query, field] of [
      ["channel=radio_S&spend=5", "channel"],
      ["channel=tv_S&spend=-5&dates=last", "spend"],
      ["channel=tv_S&spend=5&dates=last_9999", "dates"],
      ["channel=tv_S", "spend"],
    ] as const) {
      const response = await h.request(`${page}?${query}`);
      expect(response.status, query).toBe(200);
      const text = await response.text();
      expect(text, query).toMatch(new RegExp(`role="alert" data-field="${field}"`));
      expect(chartData(text).responseQuery, query).toBeUndefined();
    }
  });

  it("answers 404 for a model the run does not have", async () => {
    const response = await h.request(`/runs/${h.run.id}/models/9_9_9`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("has no Pareto model 9_9_9");
  });

  it("offers the model's rows of the output files as downloads", async () => {
    const json = await h.request(`/runs/${h.run.id}/models/${h.solID}/download/model.json`);
    expect(json.headers.get("content-disposition")).toBe(
      `attachment; filename="${h.run.id}_${h.solID}_model.json"`,
    );
    const model = (await json.json()) as { solID: string; variables: { rn: string }[] };
    expect(model.solID).toBe(h.solID);
    expect(model.variables.map((v) => v.rn)).toContain("tv_S");
    for (const file of ["aggregated.csv", "decomposition.csv", "media_transform.csv"]) {
      const csv = await (await h.request(`/runs/${h.run.id}/models/${h.solID}/download/${file}`)).text();
      const lines = csv.trim().split("\n");
      expect(lines.length, file).toBeGreaterThan(1);
      expect(
        lines.slice(1).every((line) => line.includes(h.solID)),
        file,
      ).toBe(true);
    }
    expect((await h.request(`/runs/${h.run.id}/models/${h.solID}/download/all.zip`)).status).toBe(404);
  });
});

describe("pick as best", () => {
  const path = () => `/runs/${h.run.id}/models/${h.solID}/pick`;

  it("is refused without the session's CSRF token, with another session's token, or from another origin", async () => {
    expect((await h.postForm(path(), { note: "x" }, { csrf: null })).status).toBe(403);
    const other = await h.session();
    expect((await h.postForm(path(), { note: "x" }, { csrf: other.csrf })).status).toBe(403);
    const crossSite = await h.postForm(path(), { note: "x" }, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain("its origin does not match");
    expect(await h.services.runs.getBest("DE")).toBeUndefined();
  });

  it("stores the pick with the note, who and when, and the pages show it", async () => {
    h.clock.advance(60_000);
    const response = await h.postForm(path(), { note: "best holdout fit" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/runs/${h.run.id}/models/${h.solID}?picked=1#pick`);
    expect(await h.services.runs.getBest("DE")).toEqual({
      country: "DE",
      runId: h.run.id,
      solID: h.solID,
      note: "best holdout fit",
      by: { kind: "local", id: "local", name: "Local user" },
      at: "2026-11-26T06:01:00.000Z",
    });
    const page = await (await h.request(`/runs/${h.run.id}/models/${h.solID}?picked=1`)).text();
    expect(page).toContain("This model is the current pick");
    expect(page).toContain("best holdout fit");
    const best = await (await h.request("/countries/DE/best")).text();
    expect(best).toContain("best holdout fit");
    expect(best).toContain("Local user");
  });

  it("names a note that is too long", async () => {
    const response = await h.postForm(path(), { note: "x".repeat(501) });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Keep the note under 500 characters");
  });
});

describe("budget allocator", () => {
  it("runs the allocator for the model, keeps the result beside the run's outputs and shows it", async () => {
    const response = await h.postForm(`/runs/${h.run.id}/models/${h.solID}/allocate`, {
      scenario: "max_response",
      low: "0.7",
      up: "1.5",
    });
    expect(response.status).toBe(303);
    const files = await h.services.artifacts.list(`${h.run.artifactPrefix}output/allocator/`);
    expect(files).toEqual([`${h.run.artifactPrefix}output/allocator/${h.solID}_max_response.json`]);
    const html = await (await h.request(`/runs/${h.run.id}/models/${h.solID}`)).text();
    expect(html).toContain("Most response for the budget");
    expect(html).toContain("tv_S");
  });

  it("names a bad field", async () => {
    const response = await h.postForm(`/runs/${h.run.id}/models/${h.solID}/allocate`, { budget: "-5" });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("budget must be a number of at least 0");
  });
});
