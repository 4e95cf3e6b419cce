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
  it("shows the recommended model's own findings on the run page, problems first, with the calibration", async () => {
    const html = await (await h.request(`/runs/${h.run.id}`)).text();
    const shown = shownFindings(html);
    const own = summary.recommended!.health!;
    expect(shown).toHaveLength(own.length);
    expect(new Set(shown.map(([check, level]) => `${check}:${level}`))).toEqual(
      new Set(own.map((f) => `${f.check}:${f.level}`)),
    );
    expect(html).toContain(`data-model="${summary.recommended!.model_id}"`);
    expect(html).toContain("Health of the recommended model");
    const rank = { problem: 0, warning: 1, ok: 2 } as Record<string, number>;
    expect(shown.map(([, level]) => rank[level])).toEqual(shown.map(([, level]) => rank[level]).sort());
    expect(html).toContain("None of the 5 paid channels is calibrated by a lift study.");
    expect(html).toContain("No lift studies calibrate this model");
  });

  it("labels Robyn's pick's card apart when it is another model, and derives what a summary lacks", async () => {
    // A summary whose recommendation names another model and carries no findings for it (written before
    // the recommended model had its own checks): the page derives them from the run's files.
    const other = summary.pareto_models.find((m) => m.model_id !== summary.best_model.model_id)!.model_id;
    const run = await h.addRun();
    const { health: _own, ...recommended } = summary.recommended!;
    await h.services.artifacts.put(
      `${run.artifactPrefix}${OUTPUT_FILES.modelSummary}`,
      JSON.stringify({ ...summary, recommended: { ...recommended, model_id: other } }),
      "application/json",
    );
    const html = await (await h.request(`/runs/${run.id}`)).text();
    const cards = [
      ...html.matchAll(/<section class="card health[^"]*" id="([^"]+)" data-model="([^"]+)"><h2>([^<]+)</g),
    ];
    expect(cards.map((m) => [m[1], m[2], m[3]])).toEqual([
      ["health", other, "Health of the recommended model"],
      [
        "health-robyn-pick",
        summary.best_model.model_id,
        "Health of Robyn&#39;s pick (lowest Robyn distance)",
      ],
    ]);
    expect(shownFindings(html).map(([check]) => check)).toEqual(
      expect.arrayContaining(["calibration", "fit"]),
    );
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
