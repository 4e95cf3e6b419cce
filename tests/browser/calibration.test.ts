/**
 * The calibration page in a real browser (Debian's chromium through playwright-core) against the real
 * server, on a demo run trained with three lift studies (Robyn's demo `calibration_input`): the model page
 * links it, the chart draws each study's interval, measured lift and the model's prediction, and the
 * table's numbers are the model's rows of `pareto_calibration.csv`. Screenshots go to
 * `tests/browser/screenshots/` (git-ignored) for a person to look at.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../bin/commands/serve.ts";
import { OUTPUT_FILES, runPrefix } from "../../common/run-folder.ts";
import { experimentInterval } from "../../core/results/model-calibration.ts";
import { outputRecords } from "../../core/results/run-outputs.ts";
import { newRunId } from "../../core/run-id.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import type { Run } from "../../core/run.ts";
import { trainedRunFolder } from "../support/trained-run.ts";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(import.meta.dirname, "screenshots");

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

let app: RunningApp;
let browser: Browser;
let dataDir: string;
let run: Run;
let best: string;
let csvRows: Record<string, number | string>[];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's chromium at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\`.`,
    );
  }
  await mkdir(SHOTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), "mmm-browser-calibration-"));
  app = await startApp(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MMM_DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "silent",
      MMM_DEMO_ON_START: "false",
    },
    { demo: false },
  );
  const folder = await trainedRunFolder(150, 2, { calibration_input: STUDIES });
  const summary = JSON.parse(await readFile(join(folder, "output", "model_summary.json"), "utf8"));
  const { pareto_models: _all, ...highlights } = summary;
  best = summary.best_model.model_id;
  csvRows = outputRecords(await readFile(join(folder, OUTPUT_FILES.paretoCalibration), "utf8")).filter(
    (r) => String(r.solID) === best,
  );
  const createdAt = new Date().toISOString();
  const id = newRunId("DE", new Date(createdAt));
  run = {
    id,
    country: "DE",
    status: "succeeded",
    spec: parseRunSpec(JSON.parse(await readFile(join(folder, "spec.json"), "utf8"))),
    tag: "calibrated",
    createdBy: { kind: "slack", id: "U0ALICE", name: "Alice" },
    createdAt,
    updatedAt: createdAt,
    finishedAt: createdAt,
    artifactPrefix: runPrefix(id),
    summary: highlights,
    lastEventSeq: 3,
  };
  await cp(folder, join(dataDir, "artifacts", run.artifactPrefix), { recursive: true });
  await app.services.runs.createRun(run);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const base = () => app.url.replace("localhost", "127.0.0.1");

describe("the calibration page in a browser", () => {
  it("is linked from the model page and charts model vs experiment for each study", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${base()}/runs/${run.id}/models/${best}`);
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
    await page.screenshot({ path: join(SHOTS, "calibration-page.png"), fullPage: true });
    await page.locator("#calibration").screenshot({ path: join(SHOTS, "calibration-chart.png") });
    expect(errors).toEqual([]);

    const json = await (
      await page.request.get(`${base()}/runs/${run.id}/models/${best}/calibration.json`)
    ).json();
    expect(json).toMatchObject({ runId: run.id, solID: best, intervalLevel: 0.8 });
    expect(json.studies.map((s: { channel: string }) => s.channel)).toEqual(STUDIES.map((s) => s.channel));
    await page.close();
  });
});
