/**
 * The one-pager's health strip: under the subtitle, in the colour of the worst finding, one line per
 * problem or warning; the panels move down to make room. Saved to bench-out/report/ to look at.
 */
import { describe, expect, it } from "vitest";
import type { HealthFinding } from "../../engine/health/health-finding.ts";
import { healthStripHeight } from "../../engine/report/health-strip.ts";
import { onePagerLayout, renderOnePager } from "../../engine/report/onepager.ts";
import { demoModel } from "./demo-models.ts";
import { decodePng, pngSize, regionStats, savePicture, type Pixels } from "./png-checks.ts";

const HEALTH: HealthFinding[] = [
  { check: "fit", level: "ok", message: "The model fits the history well (adjusted R² 0.93, NRMSE 5.8%)." },
  {
    check: "calibration",
    level: "warning",
    message: "No lift studies calibrate this model, so its channel ROIs come from the data alone.",
  },
  {
    check: "baseline_share",
    level: "problem",
    message:
      "The term trend explains 106% of the response: more than all of it, so other terms must cancel it.",
  },
];

/** Pixels close to `rgb` within the region. */
function pixelsOf(pixels: Pixels, rgb: [number, number, number], box: { y: number; height: number }): number {
  let count = 0;
  for (let y = box.y; y < box.y + box.height; y++)
    for (let x = 0; x < pixels.width; x++) {
      const i = 4 * (y * pixels.width + x);
      if (rgb.every((c, k) => Math.abs(pixels.data[i + k]! - c) < 24)) count++;
    }
  return count;
}

describe("the one-pager's health strip", () => {
  const model = demoModel("b3_models_iii_prophet_geometric.json", "iii_06");
  const context = {
    depVarType: "revenue" as const,
    adstock: "geometric" as const,
    dataRows: model.dataRows,
    depVarName: "revenue",
    intervalType: "week",
    engine: "native",
    version: "0.1.0",
  };

  it("sits under the subtitle in the worst finding's colour and pushes the panels down", async () => {
    const plain = onePagerLayout(model.record);
    const layout = onePagerLayout(model.record, {}, undefined, HEALTH);
    const strip = healthStripHeight(HEALTH);
    expect(strip).toBeGreaterThan(60);
    expect(layout.height).toBe(plain.height + strip);
    expect(layout.panels[0]!.box.y).toBe(plain.panels[0]!.box.y + strip);

    const png = await renderOnePager(model.record, { ...context, health: HEALTH });
    savePicture("onepager-health", png);
    expect(pngSize(png)).toEqual({ width: 1600, height: layout.height });
    const pixels = await decodePng(png);
    const box = { y: layout.healthTop, height: strip };
    // The problem's red (edge bar, headline, its label) and the warning's amber are both drawn.
    expect(pixelsOf(pixels, [0xb9, 0x1c, 0x1c], box)).toBeGreaterThan(300);
    expect(pixelsOf(pixels, [0xa1, 0x62, 0x07], box)).toBeGreaterThan(30);
    expect(regionStats(pixels, { x: 0, ...box, width: 1600 }).inked).toBeGreaterThan(0.02);
  });

  it("is absent without findings", async () => {
    const png = await renderOnePager(model.record, context);
    expect(pngSize(png).height).toBe(onePagerLayout(model.record).height);
  });
});
