/**
 * The Pareto-front picture from a synthetic search of a few thousand candidates (fronts from
 * `paretoFrontRanks`): size, points and front lines drawn, colouring by iteration and by cluster, and
 * degenerate inputs that must not throw.
 */
import { describe, expect, it } from "vitest";
import { renderParetoFront } from "../../engine/report/pareto-front.ts";
import { decodePng, pngSize, regionStats, savePicture } from "./png-checks.ts";
import { syntheticParetoPoints } from "./synthetic-pareto.ts";

const PLOT = { x: 120, y: 170, width: 1440, height: 720 };

describe("renderParetoFront", () => {
  it("draws every candidate coloured by iteration, with the selected fronts", async () => {
    const points = syntheticParetoPoints(4000);
    const png = await renderParetoFront(points, { title: "Pareto front: 4,000 models" });
    savePicture("pareto-front-iteration", png);
    expect(pngSize(png)).toEqual({ width: 1600, height: 1000 });
    const pixels = await decodePng(png);
    const stats = regionStats(pixels, PLOT);
    expect(stats.inked).toBeGreaterThan(0.05);
    // The viridis ramp gives many distinct colours; the front line adds red.
    expect(stats.colours).toBeGreaterThan(20);
    expect(stats.chromatic).toBeGreaterThan(0.03);
    expect(regionStats(pixels, { x: 0, y: 0, width: 1600, height: 140 }).inked).toBeGreaterThan(0.02);
  });

  it("colours by cluster and draws a chosen number of fronts", async () => {
    const points = syntheticParetoPoints(3000, 5);
    const png = await renderParetoFront(points, {
      colourBy: "cluster",
      selectedFronts: 2,
      width: 1200,
      height: 800,
    });
    savePicture("pareto-front-cluster", png);
    expect(pngSize(png)).toEqual({ width: 1200, height: 800 });
    const stats = regionStats(await decodePng(png), { x: 100, y: 170, width: 1050, height: 540 });
    expect(stats.inked).toBeGreaterThan(0.03);
    expect(stats.colours).toBeGreaterThanOrEqual(6);
  });

  it("does not throw on empty, single-point or non-finite inputs", async () => {
    const empty = await renderParetoFront({
      nrmse: new Float64Array(0),
      decompRssd: new Float64Array(0),
      front: [],
    });
    expect(pngSize(empty)).toEqual({ width: 1600, height: 1000 });
    const one = await renderParetoFront({
      nrmse: Float64Array.of(0.1),
      decompRssd: Float64Array.of(0.2),
      front: [1],
      iteration: Float64Array.of(1),
    });
    expect(pngSize(one).width).toBe(1600);
    const odd = await renderParetoFront({
      nrmse: Float64Array.of(0.1, Number.NaN, 0.3, Infinity),
      decompRssd: Float64Array.of(0.2, 0.1, Number.NaN, 0.4),
      front: [1, null, null, 2],
      cluster: Int32Array.of(0, -1, 1, 1),
    });
    expect(pngSize(odd).height).toBe(1000);
  });
});
