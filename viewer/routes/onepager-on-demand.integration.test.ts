/**
 * One-pagers on demand through the real app on a run trained with `mmm train`: a Pareto model the trainer
 * did not draw gets a "Draw" link on its page, its one-pager is drawn on the first request from the model
 * fitted again (with the run's own numbers), stored in the run folder, and read from there afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onePagerFile } from "../../common/run-folder.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import { prepareForTraining } from "../../engine/data/prepare-for-training.ts";
import { fitOneModel } from "../../engine/pipeline/fit-one-model.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import { RunOutputs } from "../../core/results/run-outputs.ts";
import { RUN_FILES } from "../../common/run-folder.ts";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
let undrawn: string;
beforeAll(async () => {
  h = await viewerHarness();
  const files = await h.services.artifacts.list(h.run.artifactPrefix);
  const models = await new RunOutputs(h.services.artifacts, h.run).paretoModels();
  undrawn = models.find((m) => !files.some((f) => f.endsWith(onePagerFile(m.solID))))!.solID;
});
afterAll(async () => h.close());

describe("one-pagers on demand", () => {
  it("fits a model the trainer did not draw back to its own numbers", async () => {
    const outputs = new RunOutputs(h.services.artifacts, h.run);
    const row = await outputs.model(undrawn);
    const raw = parseCsv(
      (await h.services.artifacts.getText(`${h.run.artifactPrefix}${RUN_FILES.input}`))!,
      "input",
    );
    const table = prepareForTraining(raw, h.run.spec)?.table ?? raw;
    const hyperparameters = Object.fromEntries(
      Object.entries(row).filter(
        ([k, v]) => /_(alphas|gammas|thetas)$|^lambda$/.test(k) && typeof v === "number",
      ),
    ) as Record<string, number>;
    const { record } = fitOneModel(table, { ...h.run.spec, hyperparameters }, nativeProphet, undrawn);
    expect(record.rsq_train).toBeCloseTo(row.rsq_train as number, 9);
    expect(record.nrmse).toBeCloseTo(row.nrmse as number, 9);
    expect(record["decomp.rssd"]).toBeCloseTo(row["decomp.rssd"] as number, 9);
  });

  it("offers the drawing on the model page, draws on request, and keeps the picture", async () => {
    const page = await (await h.request(`/runs/${h.run.id}/models/${undrawn}`)).text();
    expect(page).toContain("Draw this model&#39;s one-pager");
    expect(page).not.toContain(`/models/${undrawn}/onepager.png`);

    const stored = `${h.run.artifactPrefix}${onePagerFile(undrawn)}`;
    expect(await h.services.artifacts.get(stored)).toBeUndefined();
    const response = await h.request(`/runs/${h.run.id}/models/${undrawn}/onepager.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.length).toBeGreaterThan(50_000);
    expect((await h.services.artifacts.get(stored))?.equals(png)).toBe(true);

    const after = await (await h.request(`/runs/${h.run.id}/models/${undrawn}`)).text();
    expect(after).toContain(`<img class="onepager" src="/runs/${h.run.id}/models/${undrawn}/onepager.png"`);
    expect(after).not.toContain("Draw this model");
  });

  it("answers 404 naming the model for one the run does not have", async () => {
    const response = await h.request(`/runs/${h.run.id}/models/9_9_9/onepager.png`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("9_9_9");
  });
});
