/**
 * The known-truth twin in a real browser (Debian's chromium through playwright-core) against the real
 * server, on the demo run (150 × 2): the model page's button starts the twin, its page follows the
 * training and reloads itself into the recovery table when the twin ends, and the table's numbers are the
 * report the API gives. Screenshots go to `tests/browser/screenshots/` (git-ignored) for a person to look at.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TwinJobState } from "../../core/results/twin-jobs.ts";
import type { Run } from "../../core/run.ts";
import { trainedRunFolder } from "../support/trained-run.ts";
import {
  addTrainedRun,
  openPage,
  SCREENSHOTS,
  startBrowserApp,
  type BrowserApp,
} from "../support/browser-app.ts";

let t: BrowserApp;
let run: Run;
let solID: string;

beforeAll(async () => {
  t = await startBrowserApp("twin", { TRAINER_WORKERS: "1" });
  const added = await addTrainedRun(t, await trainedRunFolder(), { tag: "twin" });
  run = added.run;
  solID = added.summary.recommended!.model_id;
}, 600_000);

afterAll(async () => {
  await t?.stop();
});

const base = () => t.base();

describe("the known-truth twin in a browser", () => {
  it("starts from the model page's button and turns into the recovery table when it ends", async () => {
    const { page, errors } = await openPage(t.browser, `${base()}/runs/${run.id}/models/${solID}`);
    expect(await page.locator("#twin h2").textContent()).toBe("Can this setup identify my channels?");
    await Promise.all([page.waitForURL(/\/twin$/), page.click('#twin button[data-action="twin"]')]);
    const first = await page.locator("#twin-progress, #twin-result").first().getAttribute("id");
    if (first === "twin-progress") await page.screenshot({ path: join(SCREENSHOTS, "twin-progress.png") });
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
    await page.screenshot({ path: join(SCREENSHOTS, "twin-result.png"), fullPage: true });
    expect(errors).toEqual([]);

    await page.goto(`${base()}/runs/${run.id}/models/${solID}`);
    expect(await page.locator("#twin [data-twin-state]").textContent()).toMatch(
      /^Last twin: median error \d+%/,
    );
    await page.locator("#twin").screenshot({ path: join(SCREENSHOTS, "twin-card.png") });
    await page.close();
  }, 600_000);
});
