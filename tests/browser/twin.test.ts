/**
 * The known-truth twin in a real browser (Debian's chromium through playwright-core) against the real
 * server, on the demo run (150 × 2): the model page's button starts the twin, its page follows the
 * training and reloads itself into the recovery table when the twin ends, and the table's numbers are the
 * report the API gives. Screenshots go to `tests/browser/screenshots/` (git-ignored) for a person to look at.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../bin/commands/serve.ts";
import { runPrefix } from "../../common/run-folder.ts";
import type { TwinJobState } from "../../core/results/twin-jobs.ts";
import { newRunId } from "../../core/run-id.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import type { Run } from "../../core/run.ts";
import { trainedRunFolder } from "../support/trained-run.ts";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(import.meta.dirname, "screenshots");

let app: RunningApp;
let browser: Browser;
let dataDir: string;
let run: Run;
let solID: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's chromium at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\`.`,
    );
  }
  await mkdir(SHOTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), "mmm-browser-twin-"));
  app = await startApp(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MMM_DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "silent",
      MMM_DEMO_ON_START: "false",
      TRAINER_WORKERS: "1",
    },
    { demo: false },
  );
  const folder = await trainedRunFolder();
  const summary = JSON.parse(await readFile(join(folder, "output", "model_summary.json"), "utf8"));
  const { pareto_models: _all, ...highlights } = summary;
  solID = summary.recommended.model_id;
  const createdAt = new Date().toISOString();
  const id = newRunId("DE", new Date(createdAt));
  run = {
    id,
    country: "DE",
    status: "succeeded",
    spec: parseRunSpec(JSON.parse(await readFile(join(folder, "spec.json"), "utf8"))),
    tag: "twin",
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

describe("the known-truth twin in a browser", () => {
  it("starts from the model page's button and turns into the recovery table when it ends", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${base()}/runs/${run.id}/models/${solID}`);
    expect(await page.locator("#twin h2").textContent()).toBe("Can this setup identify my channels?");
    await Promise.all([page.waitForURL(/\/twin$/), page.click('#twin button[data-action="twin"]')]);
    const first = await page.locator("#twin-progress, #twin-result").first().getAttribute("id");
    if (first === "twin-progress") await page.screenshot({ path: join(SHOTS, "twin-progress.png") });
    // The page polls and reloads itself once the twin has ended.
    await page.waitForSelector("#twin-result", { timeout: 240_000 });

    const state = (await (await page.request.get(`${base()}/api/runs/${run.id}/models/${solID}/twin`)).json())
      .data as TwinJobState;
    expect(state.status).toBe("succeeded");
    const report = state.report!;
    const rows = await page
      .locator("#twin-result tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent!.trim())),
      );
    expect(rows.map((cells) => cells[0])).toEqual(report.channels.map((c) => c.channel));
    rows.forEach((cells, i) => {
      const c = report.channels[i]!;
      expect(Number(cells[1]!.replace(/,/g, ""))).toBeCloseTo(c.truth!, 2);
      expect(Number(cells[2]!.replace(/,/g, ""))).toBeCloseTo(c.recovered!, 2);
      expect(cells[3]).toBe(`${(c.error! * 100).toFixed(0)}%`);
      expect(cells[5]).toBe(c.covered ? "yes" : "no");
    });
    expect(await page.locator("#twin-result").textContent()).toContain(report.summary[0]);
    await page.screenshot({ path: join(SHOTS, "twin-result.png"), fullPage: true });
    expect(errors).toEqual([]);

    await page.goto(`${base()}/runs/${run.id}/models/${solID}`);
    expect(await page.locator("#twin [data-twin-state]").textContent()).toMatch(
      /^Last twin: median error \d+%/,
    );
    await page.locator("#twin").screenshot({ path: join(SHOTS, "twin-card.png") });
    await page.close();
  }, 600_000);
});
