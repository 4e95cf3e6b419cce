import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

describe("calibration page of a run without lift studies", () => {
  it("is linked from the model page and says how to add studies for the country", async () => {
    const model = await (await h.request(`/runs/${h.run.id}/models/${h.solID}`)).text();
    expect(model).toContain(`href="/runs/${h.run.id}/models/${h.solID}/calibration"`);
    expect(model).toMatch(/this run has no lift studies; how to add them/);

    const response = await h.request(`/runs/${h.run.id}/models/${h.solID}/calibration`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<code>/mmm lift DE</code>");
    expect(html).not.toContain('data-chart="calibration"');

    const json = await (await h.request(`/runs/${h.run.id}/models/${h.solID}/calibration.json`)).json();
    expect(json).toEqual({ runId: h.run.id, solID: h.solID, studies: [] });
  });

  it("answers 404 for a model the run does not have", async () => {
    expect((await h.request(`/runs/${h.run.id}/models/9_9_9/calibration`)).status).toBe(404);
    expect((await h.request(`/runs/${h.run.id}/models/9_9_9/calibration.json`)).status).toBe(404);
  });
});
