/**
 * The calibration page in a real browser (Debian's chromium through playwright-core) against the real
 * server, on a demo run trained with three lift studies (Robyn's demo `calibration_input`): the model page
 * links it, the chart draws each study's interval, measured lift and the model's prediction, and the
 * table's numbers are the model's rows of `pareto_calibration.csv`. Screenshots go to
 * `tests/browser/screenshots/` (git-ignored) for a person to look at.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import { experimentInterval } from "../../core/results/model-calibration.ts";
import { outputRecords } from "../../core/results/run-outputs.ts";
import type { Run } from "../../core/run.ts";
import { trainedRunFolder } from "../support/trained-run.ts";
import {
  addTrainedRun,
  openPage,
  SCREENSHOTS,
  startBrowserApp,
  type BrowserApp,
} from "../support/browser-app.ts";

/** Robyn's demo lift studies on its simulated weekly data. */
const STUDIES = [
  {
    channel: "facebook_S",
    liftStartDate: "2018-05-01",
    liftEndDate: "2018-06-10",
    liftAbs: 400_000,
    spend: 421_000,
    confidence: 0.85,
  },
  {
    channel: "tv_S",
    liftStartDate: "2018-04-03",
    liftEndDate: "2018-06-03",
    liftAbs: 300_000,
    spend: 7_100,
    confidence: 0.8,
  },
  {
    channel: "facebook_S+search_S",
    liftStartDate: "2018-07-01",
    liftEndDate: "2018-07-20",
    liftAbs: 200_000,
    spend: 350_000,
    confidence: 0.99,
  },
];

let t: BrowserApp;
let run: Run;
let best: string;
let csvRows: Record<string, number | string>[];

beforeAll(async () => {
  t = await startBrowserApp("calibration");
  const folder = await trainedRunFolder(150, 2, { calibration_input: STUDIES });
  const added = await addTrainedRun(t, folder, { tag: "calibrated" });
  run = added.run;
  best = added.summary.best_model.model_id;
  csvRows = outputRecords(await readFile(join(folder, OUTPUT_FILES.paretoCalibration), "utf8")).filter(
    (r) => String(r.solID) === best,
  );
}, 600_000);

afterAll(async () => {
  await t?.stop();
});

const base = () => t.base();

describe("the calibration page in a browser", () => {
  it("is linked from the model page and charts model vs experiment for each study", async () => {
    const { page, errors } = await openPage(t.browser, `${base()}/runs/${run.id}/models/${best}`);
    expect(await page.locator("#calibration-link").textContent()).toMatch(/each of the run's 3 lift studies/);
    await Promise.all([page.waitForURL(/\/calibration$/), page.click("#calibration-link a")]);
    await page.waitForSelector('canvas[data-chart="calibration"][data-drawn="true"]', { timeout: 15_000 });

    const chart = await page.evaluate(() => {
      const canvas = document.querySelector('canvas[data-chart="calibration"]') as HTMLCanvasElement;
      const instance = (
        window as unknown as {
          Chart: {
            getChart(c: HTMLCanvasElement): { data: { datasets: { label: string; data: unknown[] }[] } };
          };
        }
      ).Chart.getChart(canvas)!;
      return instance.data.datasets.map((d) => ({ label: d.label, data: d.data }));
    });
    expect(chart.map((d) => d.label)).toEqual([
      "Experiment (measured lift)",
      "Model prediction",
      "Experiment 80% interval (from its confidence)",
    ]);
    expect(chart[0]!.data).toEqual(STUDIES.map((s) => s.liftAbs));
    expect(chart[1]!.data).toEqual(csvRows.map((r) => r.decompAbsScaled));
    expect(chart[2]!.data).toEqual(STUDIES.map((s) => experimentInterval(s.liftAbs, s.confidence)));

    const rows = page.locator("#calibration-table tbody tr");
    expect(await rows.count()).toBe(3);
    const errorsShown = await page
      .locator("#calibration-table td[data-error]")
      .evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.error)));
    errorsShown.forEach((error, i) => {
      const predicted = csvRows[i]!.decompAbsScaled as number;
      expect(error).toBeCloseTo((predicted - STUDIES[i]!.liftAbs) / STUDIES[i]!.liftAbs, 12);
      // Robyn's mape_lift is the same error without its sign.
      expect(Math.abs(error)).toBeCloseTo(csvRows[i]!.mape_lift as number, 9);
    });
    expect(await page.locator("#calibration-assumption").textContent()).toMatch(
      /just significant at that confidence/,
    );
    await page.screenshot({ path: join(SCREENSHOTS, "calibration-page.png"), fullPage: true });
    await page.locator("#calibration").screenshot({ path: join(SCREENSHOTS, "calibration-chart.png") });
    expect(errors).toEqual([]);

    const json = await (
      await page.request.get(`${base()}/runs/${run.id}/models/${best}/calibration.json`)
    ).json();
    expect(json).toMatchObject({ runId: run.id, solID: best, intervalLevel: 0.8 });
    expect(json.studies.map((s: { channel: string }) => s.channel)).toEqual(STUDIES.map((s) => s.channel));
    await page.close();
  });
});
