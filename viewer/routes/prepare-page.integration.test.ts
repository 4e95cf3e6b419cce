/**
 * `/prepare` through the viewer app (`viewerHarness`: the real Hono app, DuckDB demo tables, SQLite): the
 * profile with the cleaning suggestions as ticked checkboxes and each spend's media-response choice, the
 * form's POST with the session's CSRF token saving a preparation, and bad drafts shown above the form, named.
 */
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
  });

  it("saves the preparation the form describes, with the session's token", async () => {
    const response = await h.postForm("/prepare", {
      ...BASE,
      name: "us-from-viewer",
      "drop:events": "on",
      "response:facebook_S": "facebook_S",
      derived_name: "offline_S",
      derived_sum: "tv_S, ooh_S",
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toContain('data-saved="us-from-viewer"');
    const saved = (await h.services.runs.getPreparation("us-from-viewer"))!;
    expect(saved.columns).not.toContain("events");
    expect(saved.derived).toEqual([{ name: "offline_S", sum: ["tv_S", "ooh_S"] }]);
    expect(saved.paid_media).toContainEqual({ spend: "facebook_S", response: "facebook_S" });
    expect(saved.paid_media).toContainEqual({ spend: "offline_S", response: "offline_S" });
  });

  it("refuses a form without its token, and shows a bad draft named above the form", async () => {
    const forged = await h.postForm("/prepare", { ...BASE, name: "forged" }, { csrf: null });
    expect(forged.status).toBe(403);
    const clash = await h.postForm("/prepare", {
      ...BASE,
      name: "clash",
      derived_name: "tv_S",
      derived_sum: "ooh_S",
    });
    expect(clash.status).toBe(422);
    expect(await clash.text()).toMatch(/role="alert" data-field="derived\[0\].name"/);
    expect(await h.services.runs.getPreparation("forged")).toBeUndefined();
    expect(await h.services.runs.getPreparation("clash")).toBeUndefined();
  });
});
