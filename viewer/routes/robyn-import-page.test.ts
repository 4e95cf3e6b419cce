/**
 * The viewer's upload of a Robyn model file: the form lists the warehouse's tables, and posting Robyn's own
 * B7 file with the demo table starts a one-model run with the file's model (absolute lambda), then opens the
 * run's page; a file the engine cannot honour is refused by field.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TABLE } from "../../core/lifecycle/demo-run.ts";
import { b7Path } from "../../tests/golden/b7-models.ts";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

const text = readFileSync(b7Path("RobynModel-1_1_1.json"), "utf8");

async function upload(fileText: string, fields: Record<string, string>): Promise<Response> {
  const { cookie, csrf } = await h.session();
  const form = new FormData();
  form.set("_csrf", csrf);
  form.set("model", new File([fileText], "RobynModel-1_1_1.json", { type: "application/json" }));
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return h.request("/runs/import-robyn", {
    method: "POST",
    body: form,
    cookie,
    headers: { origin: "http://localhost" },
  });
}

describe("Import a Robyn model (viewer)", () => {
  it("offers the form, linked from the runs page, with the warehouse's tables", async () => {
    expect(await (await h.request("/runs")).text()).toContain('href="/runs/import-robyn"');
    const page = await (await h.request("/runs/import-robyn")).text();
    expect(page).toContain('enctype="multipart/form-data"');
    expect(page).toContain(`<option value="${DEMO_TABLE}">`);
  });

  it("starts a one-model run with the file's model and opens its page", async () => {
    const response = await upload(text, { table: DEMO_TABLE, country: "DE" });
    expect(response.status, await response.clone().text()).toBe(303);
    const runId = /^\/runs\/([^/]+)$/.exec(response.headers.get("location")!)![1]!;
    const run = (await h.services.runs.getRun(runId))!;
    expect(run.country).toBe("DE");
    const model = JSON.parse(text) as { ExportedModel: { hyper_values: Record<string, number[]> } };
    expect(run.spec.hyperparameters.lambda).toBe(model.ExportedModel.hyper_values.lambda![0]);
    expect(run.spec.hyperparameters.tv_S_thetas).toBe(model.ExportedModel.hyper_values.tv_S_thetas![0]);
    expect(run.spec).toMatchObject({ iterations: 1, trials: 1, data: { table: DEMO_TABLE } });
  });

  it("refuses a file the engine cannot honour, naming the field", async () => {
    const unknownAdstock = JSON.parse(text) as { InputCollect: Record<string, unknown> };
    unknownAdstock.InputCollect.adstock = ["weibull_gamma"];
    const response = await upload(JSON.stringify(unknownAdstock), { table: DEMO_TABLE, country: "DE" });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("InputCollect.adstock");
    expect((await upload("not json", { table: DEMO_TABLE })).status).toBe(422);
  });
});
