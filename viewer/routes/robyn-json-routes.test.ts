/**
 * A model of a searched run as Robyn's `RobynModel-<solID>.json` through the real app: the model page links
 * it, the download and `GET /api/runs/:id/models/:model/robyn-json` serve the same document as
 * `mmm export-robyn`, and `mmm import-robyn` on it rebuilds the run's model to 1e-12.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../bin/cli.ts";
import { OUTPUT_FILES, robynModelFile } from "../../common/run-folder.ts";
import { outputRecords } from "../../core/results/run-outputs.ts";
import { trainedRunFolder } from "../../tests/support/trained-run.ts";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

const TOKEN = "env-token-for-the-robyn-json-tests-0123456789";
const dir = mkdtempSync(join(tmpdir(), "mmm-robyn-json-routes-"));

let h: Harness;
let folder: string;
beforeAll(async () => {
  h = await viewerHarness({ MMM_API_TOKENS: TOKEN });
  folder = await trainedRunFolder();
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

type Document = Record<string, Record<string, unknown>>;

function withoutExportTime(document: Document): Document {
  const { export_timestamp: _time, ...collect } = document.ModelsCollect!;
  return { ...document, ModelsCollect: collect };
}

async function run(args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  expect(code, err.join("\n")).toBe(0);
  return out.join("\n");
}

describe("RobynModel JSON of a searched run", () => {
  it("is linked from the model page and downloaded with Robyn's file name and keys", async () => {
    const file = robynModelFile(h.solID);
    const page = await (await h.request(`/runs/${h.run.id}/models/${h.solID}`)).text();
    expect(page).toContain(`/runs/${h.run.id}/models/${h.solID}/download/${file}`);
    const response = await h.request(`/runs/${h.run.id}/models/${h.solID}/download/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${file}"`);
    const document = (await response.json()) as Document;
    expect(Object.keys(document)).toEqual(["InputCollect", "ModelsCollect", "ExportedModel", "Extras"]);
    const model = document.ExportedModel!;
    expect(model.select_model).toEqual([h.solID]);
    // A searched run: ranges for the search, lambda's share range in hyper_updated, the absolute lambda in
    // hyper_values (the run's `lambda` column), and the cluster the model belongs to.
    const [row] = outputRecords(
      (await h.services.artifacts.getText(`${h.run.artifactPrefix}${OUTPUT_FILES.paretoHyperparameters}`))!,
    ).filter((r) => r.solID === h.solID);
    expect((model.hyper_values as Record<string, number[]>).lambda).toEqual([row!.lambda]);
    expect((model.hyper_updated as Record<string, number[]>).lambda).toEqual([0, 1]);
    expect(document.ModelsCollect!.hyper_fixed).toEqual([false]);
    expect((model.clusters as { data: { cluster: number }[] }).data[0]!.cluster).toBe(row!.cluster);
    const ranges = document.InputCollect!.hyperparameters as Record<string, number[]>;
    expect(ranges.tv_S_alphas!.length).toBe(2);
  });

  it("is the same document through the API and the CLI", async () => {
    const api = await h.request(`/api/runs/${h.run.id}/models/${h.solID}/robyn-json`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(api.status).toBe(200);
    const envelope = (await api.json()) as { status: string; data: Document };
    expect(envelope.status).toBe("success");
    const cli = JSON.parse(await run(["export-robyn", "--run", folder, "--model", h.solID])) as Document;
    const { plot_folder: _apiFolder, ...apiCollect } = withoutExportTime(envelope.data).ModelsCollect!;
    const { plot_folder: _cliFolder, ...cliCollect } = withoutExportTime(cli).ModelsCollect!;
    expect(apiCollect).toEqual(cliCollect);
    expect(envelope.data.ExportedModel).toEqual(cli.ExportedModel);
    expect(envelope.data.InputCollect).toEqual(cli.InputCollect);
    const missing = await h.request(`/api/runs/${h.run.id}/models/9_9_9/robyn-json`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(missing.status).toBe(404);
  });

  it("imports back as a one-model run with the run's numbers to 1e-12", async () => {
    const file = join(dir, robynModelFile(h.solID));
    await run(["export-robyn", "--run", folder, "--model", h.solID, "--out", file]);
    const out = join(dir, "imported");
    const report = JSON.parse(
      await run(["import-robyn", file, "--data", join(folder, "input.csv"), "--out", out]),
    ) as { robyn_solID: string; warnings: string[] };
    expect(report.robyn_solID).toBe(h.solID);
    const coefficients = (path: string, solID: string) =>
      Object.fromEntries(
        outputRecords(readFileSync(join(path, OUTPUT_FILES.paretoAggregated), "utf8"))
          .filter((r) => r.solID === solID)
          .map((r) => [String(r.rn), r.coef as number]),
      );
    const original = coefficients(folder, h.solID);
    const [imported] = outputRecords(readFileSync(join(out, OUTPUT_FILES.paretoHyperparameters), "utf8"));
    const rebuilt = coefficients(out, String(imported!.solID));
    expect(Object.keys(rebuilt)).toEqual(Object.keys(original));
    for (const [name, value] of Object.entries(original))
      expect(Math.abs(rebuilt[name]! - value), name).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(value)),
      );
    // And the rebuilt run exports the Robyn file it came from, apart from the run's bookkeeping.
    writeFileSync(
      join(dir, "again.json"),
      await run(["export-robyn", "--run", out, "--model", String(imported!.solID)]),
    );
    const again = JSON.parse(readFileSync(join(dir, "again.json"), "utf8")) as Document;
    const first = JSON.parse(readFileSync(file, "utf8")) as Document;
    expect(again.InputCollect!.hyperparameters).toEqual(first.InputCollect!.hyperparameters);
    expect(again.ExportedModel!.hyper_values).toEqual(first.ExportedModel!.hyper_values);
    // Bootstrapped intervals belong to the searched run's cluster; a one-model run has none.
    const withoutIntervals = (rows: unknown) =>
      (rows as Record<string, unknown>[]).map(({ boot_mean: _m, ci_low: _l, ci_up: _u, ...row }) => row);
    expect(withoutIntervals(again.ExportedModel!.summary)).toEqual(
      withoutIntervals(first.ExportedModel!.summary),
    );
    const fields = (report as unknown as { fields: { field: string; treatment: string }[] }).fields;
    expect(fields).toContainEqual(
      expect.objectContaining({ field: "ExportedModel.summary.ci_low", treatment: "ignored" }),
    );
  });
});
