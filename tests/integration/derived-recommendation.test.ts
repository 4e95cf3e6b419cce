/**
 * The Robyn (R) trainer writes no `recommended` in model_summary.json: the app derives it from the Pareto
 * files with the native rule. Checked on a real native run whose summary has the field removed: the
 * derived recommendation equals the one the native trainer wrote.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openLocalFolderArtifactStore } from "../../core/artifacts/local/local-folder.ts";
import { RunOutputs } from "../../core/results/run-outputs.ts";
import type { Run } from "../../core/run.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import type { ModelSummary } from "../../engine/outputs/model-summary.ts";
import { trainedRunFolder } from "../support/trained-run.ts";

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("derived recommendation", () => {
  it("gives a run without `recommended` the same recommendation the native trainer writes", async () => {
    const trained = await trainedRunFolder();
    const root = await mkdtemp(join(tmpdir(), "mmm-derived-recommendation-"));
    folders.push(root);
    const prefix = "runs/20260101T000000Z-de-test/";
    await cp(trained, join(root, prefix), { recursive: true });
    const summaryFile = join(root, prefix, "output", "model_summary.json");
    const { recommended: native, ...withoutRecommendation } = JSON.parse(
      await readFile(summaryFile, "utf8"),
    ) as ModelSummary;
    await writeFile(summaryFile, JSON.stringify({ ...withoutRecommendation, engine: "robyn" }));
    expect(native).not.toBeNull();

    const spec = parseRunSpec(JSON.parse(await readFile(join(trained, "spec.json"), "utf8")));
    const run = { id: "20260101T000000Z-de-test", status: "succeeded", spec, artifactPrefix: prefix } as Run;
    const store = await openLocalFolderArtifactStore({ root });
    const derived = (await new RunOutputs(store, run).summary())!.recommended!;

    expect(derived.model_id).toBe(native!.model_id);
    expect(derived.reason).toBe(native!.reason);
    expect(derived.channels.map((c) => c.channel)).toEqual(native!.channels.map((c) => c.channel));
    derived.channels.forEach((channel, i) => {
      const expected = native!.channels[i]!;
      expect(channel.identified).toBe(expected.identified);
      for (const field of ["roi", "roi_low", "roi_high", "effect_share", "marginal_roi"] as const) {
        expect(channel[field], `${channel.channel} ${field}`).toBeCloseTo(expected[field]!, 6);
      }
    });
  });
});
