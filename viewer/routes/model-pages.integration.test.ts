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

  it("shows MAPE as – without calibration studies, and its value with them", async () => {
    const mape = (html: string) =>
      /<dt>MAPE \(calibration\)<\/dt><dd>(.*?)<\/dd>/s.exec(html)![1]!.replace(/<[^>]+>/g, "");
    const plain = await (await h.request(`/runs/${h.run.id}/models/${h.solID}`)).text();
    expect(mape(plain)).toBe("– (no calibration)");
    const study = {
      channel: "tv_S",
      liftStartDate: "2018-05-01",
      liftEndDate: "2018-06-10",
      liftAbs: 400000,
      spend: 300000,
      confidence: 0.85,
      calibration_scope: "immediate" as const,
    };
    const calibrated = await h.addRun({ spec: { ...h.run.spec, calibration_input: [study] } });
    const html = await (await h.request(`/runs/${calibrated.id}/models/${h.solID}`)).text();
    expect(mape(html)).toMatch(/^\d+(\.\d+)?$/);
  });

  it("ranks the paid channels by the response from 10 % more spend, with the summary's mROI", async () => {
    const html = await (await h.request(`/runs/${h.run.id}/models/${h.solID}`)).text();
    const card = /<section class="card" id="marginal">(.*?)<\/section>/s.exec(html)![1]!;
    expect(card).toContain("Next unit of spend per channel");
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
    // The organic variable is named, with why it has no mROI, rather than left out without a word.
    expect(rows.map((r) => r.channel)).not.toContain("newsletter");
    expect(card).toMatch(
      /<p class="note" data-organic="true">newsletter is an organic variable: without spend there is no next euro to place, so marginal ROI \(mROI\) is not defined and it is not ranked\.<\/p>/,
    );
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
    // mROI at the queried spend and at the mean, the API's numbers; an organic variable says why it has none.
    const mroi = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 4 });
    expect(html).toContain(
      `At this spend one more unit of spend adds ${mroi(expected.marginal!.at_queried_spend!.mroi)} a period (mROI); ` +
        `at the historical mean it adds ${mroi(expected.marginal!.at_mean_spend.mroi)}.`,
    );
    const organic = await (await h.request(`${page}?channel=newsletter&spend=5000&dates=last`)).text();
    expect(organic).not.toContain("data-mroi");
    expect(organic).toContain(
      "newsletter is an organic variable: it has no spend, so marginal ROI (mROI, response per extra unit of spend) is not defined for it.",
    );

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
    // Spend figures beside spend names: facebook's row is facebook_S (its spend), not facebook_I (exposure).
    const table = /<div class="allocation"[^>]*>.*?<\/table>/s.exec(html)![0];
    const channels = [...table.matchAll(/<tr><td>(\w+)/g)].map((m) => m[1]);
    expect(channels.sort()).toEqual(["facebook_S", "ooh_S", "print_S", "search_S", "tv_S"]);
    expect(table).not.toContain("facebook_I");
  });

  it("names a bad field under its input, with the form as typed", async () => {
    const response = await h.postForm(`/runs/${h.run.id}/models/${h.solID}/allocate`, { budget: "-5" });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(
      /<input type="number" name="budget"[^>]*value="-5"[^>]*\/?>\s*<span class="warn" role="alert" data-field="budget">The total budget must be a number of at least 0, not -5\.<\/span>/,
    );
  });

  it("takes bounds per channel and says which bind and what relaxing each adds", async () => {
    const response = await h.postForm(`/runs/${h.run.id}/models/${h.solID}/allocate`, {
      scenario: "max_response",
      low: "0.7",
      up: "1.5",
      "up:tv_S": "1.1",
      dateRange: "last_26",
    });
    expect(response.status).toBe(303);
    const saved = JSON.parse(
      (await h.services.artifacts.getText(
        `${h.run.artifactPrefix}output/allocator/${h.solID}_max_response.json`,
      ))!,
    ) as { rows: { channels: string; constr_up: number; constr_low: number }[]; bindingBounds: unknown[] };
    const bounds = Object.fromEntries(saved.rows.map((r) => [r.channels, [r.constr_low, r.constr_up]]));
    expect(bounds.tv_S).toEqual([0.7, 1.1]);
    expect(bounds.ooh_S).toEqual([0.7, 1.5]);
    expect(saved.bindingBounds.length).toBeGreaterThan(0);
    const html = await (await h.request(`/runs/${h.run.id}/models/${h.solID}`)).text();
    expect(html).toMatch(
      /<li data-channel="[^"]+" data-binds="true"><strong>[^<]+<\/strong> is held at its (highest|lowest) spend \([\d.]+× today&#39;s\): moving it to [\d.]+× would add [\d,.]+ response per week\.<\/li>/,
    );
  });

  it("shows the allocator's refusal under the input it is about, in the form's words", async () => {
    const tooMuch = await h.postForm(`/runs/${h.run.id}/models/${h.solID}/allocate`, {
      budget: "900000000",
      up: "1.5",
      dateRange: "last_4",
    });
    expect(tooMuch.status).toBe(422);
    const html = await tooMuch.text();
    expect(html).toMatch(
      /data-field="up">The upper bounds allow at most [\d,]+ per week but the budget is [\d,]+: raise the highest spend \(for example to [\d.]+× today&#39;s\) or lower the total budget\.</,
    );
    expect(html).not.toContain("channel_constr_up");
    expect(html).toContain('value="900000000"');

    const crossed = await h.postForm(`/runs/${h.run.id}/models/${h.solID}/allocate`, {
      "low:ooh_S": "2",
      "up:ooh_S": "1.5",
    });
    expect(crossed.status).toBe(422);
    expect(await crossed.text()).toMatch(
      /data-field="up:ooh_S">The highest spend for ooh_S \(1\.5\) is below the lowest spend \(2\)/,
    );

    const unknownDates = await h.postForm(`/runs/${h.run.id}/models/${h.solID}/allocate`, {
      dateRange: "last_9999",
    });
    expect(unknownDates.status).toBe(422);
    expect(await unknownDates.text()).toMatch(
      /data-field="dateRange">The date range &quot;last_9999&quot; asks for 9999 periods/,
    );
  });
});
