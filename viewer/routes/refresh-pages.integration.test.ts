/**
 * Refreshes in the viewer: the "Refresh with new data" form on a run page starts a refresh of the best model
 * and opens the new run, whose page shows its lineage; a refresh run shows what changed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import { REMOTE, viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

describe("refresh in the viewer", () => {
  it("offers the refresh on a run page, starts it and shows the new run's lineage", async () => {
    const page = await (await h.request(`/runs/${h.run.id}`)).text();
    expect(page).toContain(`action="/runs/${h.run.id}/refresh"`);
    expect(page).toContain("Refresh with new data");

    const posted = await h.postForm(`/runs/${h.run.id}/refresh`, { model: h.solID });
    expect(posted.status).toBe(303);
    const childId = posted.headers.get("location")!.replace("/runs/", "");
    const child = (await h.services.runs.getRun(childId))!;
    expect(child.spec.refresh?.of).toEqual({ run: h.run.id, model: h.solID });
    expect(child.createdBy.kind).toBe("local");
    await h.services.lifecycle.cancel(childId, { kind: "system", id: "test" });

    const childPage = await (await h.request(`/runs/${childId}`)).text();
    expect(childPage).toMatch(
      new RegExp(`<ol class="lineage"[^>]*><li><a href="/runs/${h.run.id}/models/${h.solID}">`),
    );
    // A cancelled refresh offers no refresh of its own.
    expect(childPage).not.toContain(`action="/runs/${childId}/refresh"`);
  });

  it("shows what changed on a refresh run, and no form for a run trained from a file", async () => {
    const refresh = {
      of: { run: h.run.id, model: h.solID },
      steps: 4,
      freedom: 4 / 156,
      added_start: "2019-01-07",
      parent: {
        window_start: "2016-01-04",
        window_end: "2018-12-31",
        window_rows: 156,
        hyperparameters: {},
        decomposition: {},
        channels: [],
      },
      restated: [],
    };
    const run = await h.addRun({ spec: { ...h.run.spec, refresh } });
    await h.services.artifacts.put(
      `${run.artifactPrefix}${OUTPUT_FILES.refreshReport}`,
      JSON.stringify({ summary: ["tv_S ROI fell from 2.10 to 1.60, outside the previous range 1.80–2.40."] }),
      "application/json",
    );
    const page = await (await h.request(`/runs/${run.id}`)).text();
    expect(page).toContain("<li>tv_S ROI fell from 2.10 to 1.60, outside the previous range 1.80–2.40.</li>");

    const fromFile = await h.addRun({ spec: { ...h.run.spec, data: { file: "data.csv" } } });
    const filePage = await (await h.request(`/runs/${fromFile.id}`)).text();
    expect(filePage).not.toContain("Refresh with new data");
    const refused = await h.postForm(`/runs/${fromFile.id}/refresh`, {});
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("trained from a file");
  });
});

describe("the chained refresh report", () => {
  it("shows every link of the chain, its fitted values on one time axis, and shares and ROAS per link", async () => {
    const refreshOf = (run: string) => ({
      ...h.run.spec,
      refresh: {
        of: { run, model: h.solID },
        steps: 4,
        freedom: 4 / 156,
        added_start: "2019-01-07",
        parent: {
          window_start: "2016-01-04",
          window_end: "2018-12-31",
          window_rows: 156,
          hyperparameters: {},
          decomposition: {},
          channels: [],
        },
        restated: [],
      },
    });
    const first = await h.addRun({ spec: refreshOf(h.run.id) });
    const second = await h.addRun({ spec: refreshOf(first.id) });
    const runPage = await (await h.request(`/runs/${second.id}`)).text();
    expect(runPage).toContain(`href="/runs/${second.id}/refresh-chain"`);

    const response = await h.request(`/runs/${second.id}/refresh-chain`);
    expect(response.status).toBe(200);
    const page = await response.text();
    for (const run of [h.run.id, first.id, second.id]) expect(page).toContain(`<a href="/runs/${run}">`);
    const data = JSON.parse(
      page.match(/<script type="application\/json" id="chart-data">(.*?)<\/script>/s)![1]!,
    );
    expect(data.fit.fitted.map((link: { label: string }) => link.label)).toEqual([
      `initial ${h.solID}`,
      `refresh 1 ${h.solID}`,
      `refresh 2 ${h.solID}`,
    ]);
    // The copies share one window: every link has a fitted value on every date of the axis.
    expect(data.fit.dates.length).toBeGreaterThan(100);
    expect(data.fit.actual).toHaveLength(data.fit.dates.length);
    for (const link of data.fit.fitted)
      expect(link.values.every((v: number | null) => v !== null)).toBe(true);
    expect(data.shares.channels).toEqual(h.run.spec.paid_media_vars ?? h.run.spec.paid_media_spends);
    expect(data.efficiency.values).toHaveLength(3);
    expect(data.efficiency.metric).toBe("ROAS");
  });

  it("is not offered to a visitor without full access", async () => {
    const response = await h.request(`/runs/${h.run.id}/refresh-chain`, { remote: REMOTE });
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});
