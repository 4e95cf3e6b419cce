/**
 * A Robyn run's summary carries no health checks (the R trainer does not compute them): on its completed
 * event the app derives them from the run's files (for Robyn's pick and for the recommended model), writes
 * them into `output/model_summary.json` and the run's summary. Checked through the real event route with a run folder shaped as the R trainer writes it
 * (the same files and columns as the native trainer's, the summary without `health` and `calibration`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_DERIVED_SUMMARY_FIELDS } from "../../core/lifecycle/completion-trust.ts";
import { deriveRunTrust } from "../../core/results/run-health.ts";
import type { Run } from "../../core/run.ts";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import { viewerHarness, type Harness } from "../support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

async function robynRun(): Promise<{ run: Run; native: Record<string, unknown> }> {
  const run = await h.addRun({
    status: "running",
    lastEventSeq: 1,
    spec: { ...h.run.spec, engine: "robyn" },
    summary: {},
  });
  const key = `${run.artifactPrefix}${OUTPUT_FILES.modelSummary}`;
  const native = JSON.parse((await h.services.artifacts.getText(key))!) as Record<string, unknown>;
  const robyn: Record<string, unknown> = { ...native, engine: "robyn" };
  for (const field of APP_DERIVED_SUMMARY_FIELDS) delete robyn[field];
  // Nor does it write the recommendation: the app derives it from the Pareto files.
  delete robyn.recommended;
  await h.services.artifacts.put(key, JSON.stringify(robyn), "application/json");
  return { run, native };
}

describe("health of a Robyn run", () => {
  it("is derived from the run's files when it completes, into model_summary.json and the run", async () => {
    const { run, native } = await robynRun();
    const { pareto_models: _all, health: _h, calibration: _c, recommended: _r, ...highlights } = native;
    const answer = await h.postEvent(run.id, {
      type: "completed",
      seq: 2,
      at: new Date().toISOString(),
      summary: highlights,
    });
    expect(answer.status).toBe(200);

    const written = JSON.parse(
      (await h.services.artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.modelSummary}`))!,
    ) as Record<string, unknown>;
    expect(written.engine).toBe("robyn");
    // The same rules on the same files give what the native trainer wrote from memory.
    expect(written.health).toEqual(native.health);
    expect(written.calibration).toEqual(native.calibration);
    // The recommended model gets its own checks, as the native trainer runs them on it.
    const recommended = native.recommended as { model_id: string; health: unknown[] };
    expect(recommended.health.length).toBeGreaterThan(0);
    expect(written.recommended).toMatchObject({ model_id: recommended.model_id, health: recommended.health });
    const health = written.health as { check: string; level: string; message: string }[];
    expect(health.find((f) => f.check === "calibration")).toMatchObject({ level: "warning" });

    const stored = (await h.services.runs.getRun(run.id))!;
    expect(stored.status).toBe("succeeded");
    expect(stored.summary?.health).toEqual(native.health);
    expect(stored.summary?.calibration).toEqual(native.calibration);
    expect((stored.summary?.recommended as { health: unknown }).health).toEqual(recommended.health);
  });

  it("can be derived for any Pareto model, and names a model the run does not have", async () => {
    const { run } = await robynRun();
    const trust = await deriveRunTrust(h.services.artifacts, run, h.solID);
    expect(trust.health.map((f) => f.check)).toContain("fit");
    await expect(deriveRunTrust(h.services.artifacts, run, "9_9_9")).rejects.toThrow(/no Pareto model 9_9_9/);
  });
});
