/**
 * The model one-pager rendered from models fitted natively on Robyn's demo data: size from the PNG header, and
 * every panel region drawn (inked pixels, several colours). The pictures are saved to bench-out/report/.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { bootstrapMeanInterval } from "../../engine/select/clusters.ts";
import { createRng } from "../../engine/search/rng.ts";
import { hasAnyFont } from "../../engine/report/canvas.ts";
import {
  captionText,
  onePagerLayout,
  renderOnePager,
  type OnePagerContext,
} from "../../engine/report/onepager.ts";
import { responseAt } from "../../engine/allocator/response-curve.ts";
import { responseCurvesNote } from "../../engine/report/panels/response-curves.ts";
import { demoModel, wideDemoModel, type DemoModel } from "./demo-models.ts";
import { decodePng, pngSize, regionStats, savePicture, type Pixels } from "./png-checks.ts";

/** Robyn's bootstrap over a "cluster": the ROAS of each paid channel in several golden models refitted. */
function demoBootstrap(): NonNullable<OnePagerContext["bootstrap"]> {
  const models = ["iii_01", "iii_02", "iii_04", "iii_05", "iii_07", "iii_08"].map(
    (id) => demoModel("b3_models_iii_prophet_geometric.json", id).record,
  );
  const channels = models[0]!.variables.filter((v) => v.spend_share !== null).map((v) => v.rn);
  return Object.fromEntries(
    channels.map((channel) => {
      const values = Float64Array.from(models, (m) => m.variables.find((v) => v.rn === channel)!.roi_total!);
      return [channel, bootstrapMeanInterval(values, createRng(1))];
    }),
  );
}

function expectPanelsDrawn(pixels: Pixels, model: DemoModel, skip: string[] = []): void {
  for (const { name, box } of onePagerLayout(model.record).panels) {
    if (skip.includes(name)) continue;
    const stats = regionStats(pixels, box);
    expect(stats.inked, `${name}: share of inked pixels`).toBeGreaterThan(0.04);
    expect(stats.colours, `${name}: distinct colours`).toBeGreaterThanOrEqual(8);
    expect(stats.chromatic, `${name}: share of coloured chart marks`).toBeGreaterThan(0.002);
  }
}

describe("renderOnePager", () => {
  it("finds a font on this machine (else no text is drawn; Debian: install fonts-dejavu-core)", () => {
    expect(hasAnyFont()).toBe(true);
  });

  let geometric: DemoModel;
  beforeAll(() => {
    geometric = demoModel("b3_models_iii_prophet_geometric.json", "iii_06");
  });

  it("names in the caption the channel where 10 % more of its mean spend adds most response", () => {
    const { record } = geometric;
    // Worked out here from the record's own fields: R(1.1·mean spend) − R(mean spend) per paid channel.
    const gains = record.variables
      .filter((v) => v.spend_share !== null)
      .map((v) => {
        const curve = {
          coef: v.coef,
          alpha: record.hyperparameters[`${v.rn}_alphas`]!,
          inflexion: record.inflexion[v.rn]!,
          carryover: v.mean_carryover!,
        };
        const gain = responseAt(curve, 1.1 * v.mean_spend!) - responseAt(curve, v.mean_spend!);
        return { channel: v.rn, gain };
      });
    const leader = gains.reduce((a, b) => (b.gain > a.gain ? b : a));
    expect(captionText(record, { depVarType: "revenue" })).toMatch(
      new RegExp(`^Total ROAS = .* \\| {3}next 10 % of spend earns most on ${leader.channel}$`),
    );
  });

  it("puts the spec's currency on the caption's CPA, not on a ROAS", () => {
    const { record } = geometric;
    expect(captionText(record, { depVarType: "conversion", currency: "EUR" })).toMatch(
      /^Total CPA = sum of spend \/ sum of response = [\d.,]+ EUR in modelling window /,
    );
    expect(captionText(record, { depVarType: "revenue", currency: "EUR" })).not.toContain("EUR");
  });

  it("says on the response-curve panel that organic media have no mROI, having no spend", () => {
    const { record } = geometric;
    const organic = record.variables
      .filter((v) => v.rn in record.media && v.spend_share === null)
      .map((v) => v.rn);
    expect(organic).toEqual(["newsletter"]);
    expect(responseCurvesNote(record)).toBe(
      "by channel; grey: carryover response; organic newsletter: no spend, so no mROI",
    );
  });

  it("draws all eight panels for a geometric model with time-series validation and bootstrap results", async () => {
    const png = await renderOnePager(geometric.record, {
      depVarType: "revenue",
      adstock: "geometric",
      dataRows: geometric.dataRows,
      bootstrap: demoBootstrap(),
      clusterLabel: "cluster 2 of 4 (6 models)",
      depVarName: "revenue",
      intervalType: "week",
      engine: "native",
      version: "0.1.0",
    });
    savePicture("onepager-geometric", png);
    const layout = onePagerLayout(geometric.record);
    expect(pngSize(png)).toEqual({ width: 1600, height: layout.height });
    expect(layout.height).toBeGreaterThanOrEqual(1800);
    expect(layout.height).toBeLessThan(2000);
    const pixels = await decodePng(png);
    expectPanelsDrawn(pixels, geometric);
    // Title and subtitle.
    expect(regionStats(pixels, { x: 0, y: 0, width: 1600, height: 110 }).inked).toBeGreaterThan(0.02);
  });

  it("states the reason under the metrics when the model is the run's recommended one", () => {
    const reason =
      "Best balance of fit (NRMSE) and decomposition distance (DECOMP.RSSD, weighted half) among 48 Pareto models. " +
      "No channel is measured by a lift study, so no ROI is identified: the intervals span a factor of three either way.";
    const plain = onePagerLayout(geometric.record);
    const recommended = onePagerLayout(geometric.record, {}, reason);
    const added = recommended.subtitle.slice(plain.subtitle.length);
    expect(recommended.subtitle.slice(0, plain.subtitle.length)).toEqual(plain.subtitle);
    expect(added.length).toBeGreaterThanOrEqual(2);
    expect(added.join(" ")).toBe(`Recommended model: ${reason}`);
    expect(recommended.height).toBe(plain.height + 30 * added.length);
  });

  it("says so when there are no bootstrap results, and draws Weibull decay curves", async () => {
    const weibull = demoModel("b3_models_ii_weibull_cdf.json", "ii_09");
    const png = await renderOnePager(weibull.record, {
      depVarType: "revenue",
      adstock: "weibull_cdf",
      dataRows: weibull.dataRows,
      engine: "native",
      version: "0.1.0",
    });
    savePicture("onepager-weibull-cdf", png);
    const pixels = await decodePng(png);
    expectPanelsDrawn(pixels, weibull, ["bootstrap"]);
    const bootstrap = onePagerLayout(weibull.record).panels.find((p) => p.name === "bootstrap")!.box;
    const body = { ...bootstrap, y: bootstrap.y + 40, height: bootstrap.height - 40 };
    const stats = regionStats(pixels, body, 1);
    expect(stats.chromatic, "no chart").toBe(0);
    expect(stats.inked, "only the message is drawn").toBeLessThan(0.02);
    expect(stats.inked, "the message is drawn").toBeGreaterThan(0.001);
  });

  it("grows with the number of variables and keeps every panel drawn (15 variables, conversion)", async () => {
    const wide = wideDemoModel();
    expect(wide.record.variables.length).toBe(15);
    const png = await renderOnePager(wide.record, {
      depVarType: "conversion",
      adstock: "geometric",
      dataRows: wide.dataRows,
      engine: "native",
      version: "0.1.0",
    });
    savePicture("onepager-wide-conversion", png);
    const { width, height } = pngSize(png);
    expect(width).toBe(1600);
    expect(height).toBe(onePagerLayout(wide.record).height);
    expect(height).toBeGreaterThan(onePagerLayout(geometric.record).height);
    expectPanelsDrawn(await decodePng(png), wide, ["bootstrap"]);
  });

  it("renders at a device pixel ratio", async () => {
    const png = await renderOnePager(
      geometric.record,
      {
        depVarType: "revenue",
        adstock: "geometric",
        dataRows: geometric.dataRows,
        engine: "native",
        version: "0.1.0",
      },
      { width: 1200, pixelRatio: 2 },
    );
    const layout = onePagerLayout(geometric.record, { width: 1200 });
    expect(pngSize(png)).toEqual({ width: 2400, height: 2 * layout.height });
  });
});
