import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import type { ModelSummary } from "../../engine/outputs/model-summary.ts";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
let summary: ModelSummary;
beforeAll(async () => {
  h = await viewerHarness();
  summary = JSON.parse(
    (await h.services.artifacts.getText(`${h.run.artifactPrefix}${OUTPUT_FILES.modelSummary}`))!,
  ) as ModelSummary;
});
afterAll(async () => h.close());

/** The health card's findings as the page shows them: [check, level] in order. */
function shownFindings(html: string): [string, string][] {
  const card = /<section class="card health[^"]*" id="health"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
  return [...card.matchAll(/data-check="([^"]+)" data-level="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]);
}

describe("the health card in the viewer", () => {
  it("shows the best model's findings on the run page, problems first, with the calibration", async () => {
    const html = await (await h.request(`/runs/${h.run.id}`)).text();
    const shown = shownFindings(html);
    expect(shown).toHaveLength(summary.health.length);
    expect(new Set(shown.map(([check, level]) => `${check}:${level}`))).toEqual(
      new Set(summary.health.map((f) => `${f.check}:${f.level}`)),
    );
    const rank = { problem: 0, warning: 1, ok: 2 } as Record<string, number>;
    expect(shown.map(([, level]) => rank[level])).toEqual(shown.map(([, level]) => rank[level]).sort());
    expect(html).toContain("None of the 5 paid channels is calibrated by a lift study.");
    expect(html).toContain("No lift studies calibrate this model");
  });

  it("derives the findings for any other Pareto model on its page", async () => {
    const other = summary.pareto_models.find((m) => m.model_id !== h.solID)!.model_id;
    const html = await (await h.request(`/runs/${h.run.id}/models/${other}`)).text();
    expect(html).toContain(`data-model="${other}"`);
    const shown = shownFindings(html);
    expect(shown.map(([check]) => check)).toEqual(
      expect.arrayContaining(["calibration", "fit", "baseline_share"]),
    );
    const best = await (await h.request(`/runs/${h.run.id}/models/${h.solID}`)).text();
    expect(shownFindings(best)).toHaveLength(summary.health.length);
  });
});
