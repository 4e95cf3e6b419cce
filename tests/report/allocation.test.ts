/**
 * The budget-allocation picture from `allocateBudget` on fitted demo models (Robyn's demo allocator settings):
 * size, the totals, channel bars and curve cells drawn, a channel left out (zero coefficient) and the
 * target-efficiency scenario.
 */
import { describe, expect, it } from "vitest";
import { renderAllocation } from "../../engine/report/allocation.ts";
import { demoAllocation } from "./demo-allocation.ts";
import { demoModel } from "./demo-models.ts";
import { decodePng, pngSize, regionStats, savePicture } from "./png-checks.ts";

describe("renderAllocation", () => {
  it("shows totals, per-channel bars and response curves for max_response", async () => {
    const { record } = demoModel("b3_models_i_geometric.json", "i_01");
    const { result, curves } = demoAllocation(record, "max_response");
    const png = await renderAllocation(result, curves, {
      solID: "i_01",
      intervalType: "week",
      dateRange: "all",
    });
    savePicture("allocation-max-response", png);
    const { width, height } = pngSize(png);
    expect(width).toBe(1600);
    expect(height).toBeGreaterThan(1400);
    const pixels = await decodePng(png);
    const regions = {
      title: { x: 0, y: 0, width: 1600, height: 110 },
      totals: { x: 28, y: 180, width: 1544, height: 230 },
      channels: { x: 28, y: 520, width: 1544, height: 340 },
      curves: { x: 28, y: 1000, width: 1544, height: height - 1100 },
    };
    for (const [name, region] of Object.entries(regions)) {
      const stats = regionStats(pixels, region);
      expect(stats.inked, `${name}: share of inked pixels`).toBeGreaterThan(0.02);
      expect(stats.colours, `${name}: distinct colours`).toBeGreaterThanOrEqual(8);
      // Bars are large coloured areas; in the curve cells only the markers are saturated (bands are pale).
      const coloured = { title: 0, totals: 0.05, channels: 0.03, curves: 0.0005 }[name]!;
      expect(stats.chromatic, `${name}: coloured marks`).toBeGreaterThanOrEqual(coloured);
    }
  });

  it("marks a channel left out of the optimisation and renders target_efficiency", async () => {
    const { record } = demoModel("b3_models_i_geometric.json", "i_03");
    const { result, curves } = demoAllocation(record, "target_efficiency");
    expect(result.excluded.length).toBeGreaterThan(0);
    const png = await renderAllocation(result, curves, { solID: "i_03", intervalType: "week", columns: 2 });
    savePicture("allocation-target-efficiency", png);
    expect(pngSize(png).width).toBe(1600);
    const pixels = await decodePng(png);
    expect(regionStats(pixels, { x: 28, y: 1000, width: 1544, height: 600 }).inked).toBeGreaterThan(0.02);
  });
});
