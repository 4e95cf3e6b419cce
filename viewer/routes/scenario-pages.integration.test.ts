/**
 * The forward-scenario page through the real app (`pages/scenario-page.tsx`): a saved plan's answer is the API's,
 * a refused form comes back as 422 with the problem under its input, forms without the session's CSRF token are
 * refused, a share link to the model may read saved plans but not change them, and the CSV export names a plan
 * that is not saved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenarioForRun } from "../../core/results/model-scenario.ts";
import { createShareLink, openShareLink } from "../../tests/support/share-visitor.ts";
import { REMOTE, viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

const page = () => `/runs/${h.run.id}/models/${h.solID}/scenarios`;

describe("the forward-scenario page", () => {
  it("saves a plan from the form and shows the API's answer for it", async () => {
    const saved = await h.postForm(page(), {
      source: "recent",
      periods: "4",
      multiplier: "0.5",
      name: "Half",
      action: "save",
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${page()}?saved=Half&compare=Half#result`);
    const html = await (await h.request(`${page()}?compare=Half`)).text();
    const expected = await scenarioForRun(h.services.artifacts, h.run, {
      solIDs: [h.solID],
      plan: { periods: 4, multiplier: 0.5 },
    });
    expect(html).toContain(`data-total="${expected.predicted.total}"`);
    expect(html).toContain("Baseline");
    expect((await h.services.runs.getScenario(h.run.id, h.solID, "Half"))?.plan).toEqual({
      periods: 4,
      multiplier: 0.5,
    });
  });

  it("shows a refused plan as typed, with the problem under its input, and saves nothing", async () => {
    const response = await h.postForm(page(), {
      source: "recent",
      periods: "4",
      "multiplier:tv_S": "-2",
      name: "Bad",
      action: "save",
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(
      /data-field="multiplier:tv_S"[^>]*>The multiplier of tv_S must be a number of at least 0/,
    );
    expect(html).toContain('value="-2"');
    expect(html).toContain('value="Bad"');
    expect(await h.services.runs.getScenario(h.run.id, h.solID, "Bad")).toBeUndefined();
  });

  it("refuses forms without the session's CSRF token", async () => {
    const fields = { source: "recent", periods: "4", name: "No token", action: "save" };
    expect((await h.postForm(page(), fields, { csrf: null })).status).toBe(403);
    expect((await h.postForm(`${page()}/Half/delete`, {}, { csrf: null })).status).toBe(403);
    expect(await h.services.runs.getScenario(h.run.id, h.solID, "No token")).toBeUndefined();
    expect(await h.services.runs.getScenario(h.run.id, h.solID, "Half")).toBeDefined();
  });

  it("lets a share link to the model read saved plans, not change them", async () => {
    const { token } = await createShareLink(h, { solID: h.solID });
    const cookie = (await openShareLink(h, token)).cookie!;
    const visitor = { remote: REMOTE, cookie };
    const read = await h.request(`${page()}?compare=Half`, visitor);
    expect(read.status).toBe(200);
    const html = await read.text();
    expect(html).toContain("data-total=");
    expect(html).not.toContain("Forecast and save");
    const csv = await h.request(`${page()}/export.csv?compare=Half`, visitor);
    expect(csv.status).toBe(200);
    expect((await csv.text()).split("\n")[0]).toBe("scenario,row,spend,response,low,high,range_method");
    const session = await h.session(REMOTE, cookie);
    const write = await h.postForm(
      `${page()}/Half/delete`,
      {},
      { remote: REMOTE, cookie, csrf: session.csrf },
    );
    expect(write.status).toBe(403);
    expect(await h.services.runs.getScenario(h.run.id, h.solID, "Half")).toBeDefined();
  });

  it("answers 404 naming a saved plan that does not exist, and deletes one", async () => {
    const missing = await h.request(`${page()}/export.csv?compare=Nope`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("no saved scenario &quot;Nope&quot;");
    const deleted = await h.postForm(`${page()}/Half/delete`, {});
    expect(deleted.status).toBe(303);
    expect(await h.services.runs.listScenarios(h.run.id, h.solID)).toEqual([]);
  });
});
