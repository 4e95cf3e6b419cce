/**
 * Issue 18's viewer fixes in a real browser (Debian's chromium through playwright-core) against the real
 * server, on a run trained with `mmm train` whose spec names a currency: the two scores under their own
 * names with Robyn's pick and the recommendation where the table puts them, convergence in plain words,
 * a one-pager drawn on demand, the allocator's chart with its PNG and CSV downloads and a refused form
 * that keeps what was typed, and the best page's ranking in words. Screenshots go to
 * `tests/browser/screenshots/` (git-ignored) for a person to look at.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Run } from "../../core/run.ts";
import { RunOutputs } from "../../core/results/run-outputs.ts";
import { onePagerFile } from "../../common/run-folder.ts";
import type { RunningApp } from "../../bin/commands/serve.ts";
import { trainedRunFolder } from "../support/trained-run.ts";
import {
  addTrainedRun,
  openPage,
  SCREENSHOTS,
  startBrowserApp,
  type BrowserApp,
} from "../support/browser-app.ts";

let t: BrowserApp;
let app: RunningApp;
let run: Run;

beforeAll(async () => {
  t = await startBrowserApp("words");
  app = t.app;
  ({ run } = await addTrainedRun(t, await trainedRunFolder(), { specChanges: { currency: "eur" } }));
});

afterAll(async () => {
  await t?.stop();
});

function open(path: string): Promise<{ page: Page; errors: string[] }> {
  return openPage(t.browser, `${t.base()}${path}`, { acceptDownloads: true });
}

describe("the viewer in plain words (issue 18)", () => {
  it("names the two scores apart, and the table agrees with Robyn's pick and the recommendation", async () => {
    const { page, errors } = await open(`/runs/${run.id}`);
    const table = page.locator("table.sortable").first();
    const headers = await table.locator("thead th").allTextContents();
    expect(headers.map((h) => h.trim())).toEqual(
      expect.arrayContaining(["Robyn distance", "Recommendation score"]),
    );
    expect(headers.join(" ")).not.toContain("Error score");
    const robynColumn = headers.findIndex((h) => h.trim() === "Robyn distance");
    const rows = await table.locator("tbody tr").evaluateAll(
      (trs, column) =>
        trs.map((tr) => ({
          model: tr.querySelector("a")!.textContent!,
          tags: Array.from(tr.querySelectorAll(".tag")).map((t) => t.textContent!.trim()),
          robyn: Number((tr.children[column] as HTMLElement).dataset.value),
        })),
      robynColumn,
    );
    const summary = run.summary as { best_model: { model_id: string }; recommended: { model_id: string } };
    // The server orders by the recommendation score: the recommended model comes first.
    expect(rows[0]!.model).toBe(summary.recommended.model_id);
    expect(rows[0]!.tags).toContain("recommended");
    // Robyn's pick is the cluster top with the lowest Robyn distance, as the summary card says.
    const tops = rows.filter((r) => r.tags.includes("top"));
    const lowestTop = tops.reduce((a, b) => (b.robyn < a.robyn ? b : a));
    expect(lowestTop.model).toBe(summary.best_model.model_id);
    expect(rows.find((r) => r.model === summary.best_model.model_id)!.tags).toContain("Robyn's pick");
    await expect
      .poll(() => page.locator("body").textContent())
      .toContain("Robyn distance: NRMSE, DECOMP.RSSD");

    // Convergence in words, Robyn's message only in the tooltip, and the currency among the facts.
    const convergence = (await page.locator("[data-convergence]").textContent()) ?? "";
    expect(convergence).toMatch(/Prediction error \(NRMSE\) (settled|has not settled)/);
    expect(convergence).not.toContain("sd@qt");
    expect(await page.locator("[data-convergence] p").first().getAttribute("title")).toContain("sd@qt.20");
    expect(await page.locator("dl.facts").first().textContent()).toContain("EUR");
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, "words-run-page.png"), fullPage: true });
    await page.locator("[data-convergence]").screenshot({ path: join(SCREENSHOTS, "words-convergence.png") });
    await page.evaluate(() => document.querySelector("table.sortable")!.scrollIntoView());
    const box = (await table.boundingBox())!;
    await page.screenshot({
      path: join(SCREENSHOTS, "words-pareto-table.png"),
      clip: { x: box.x, y: box.y, width: box.width, height: 260 },
    });
    await page.close();
  });

  it("draws the one-pager of a model the trainer did not draw, from its page", async () => {
    const outputs = new RunOutputs(app.services.artifacts, run);
    const files = await app.services.artifacts.list(run.artifactPrefix);
    const undrawn = (await outputs.paretoModels()).find(
      (m) => !files.some((f) => f.endsWith(onePagerFile(m.solID))),
    )!.solID;
    const { page, errors } = await open(`/runs/${run.id}/models/${undrawn}`);
    await page.click("a[data-draw-onepager]");
    const image = page.locator("#onepager img.onepager");
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: 60_000,
      })
      .toBeGreaterThan(1000);
    expect(await app.services.artifacts.get(`${run.artifactPrefix}${onePagerFile(undrawn)}`)).toBeDefined();
    expect(errors).toEqual([]);
    await page.locator("#onepager").screenshot({ path: join(SCREENSHOTS, "words-onepager-on-demand.png") });
    await page.close();
  });

  it("charts an allocation with PNG and CSV downloads, and keeps a refused form as typed", async () => {
    const solID = (run.summary as { best_model: { model_id: string } }).best_model.model_id;
    const { page, errors } = await open(`/runs/${run.id}/models/${solID}#allocator`);
    // A refused form: the problem in the form's words under its input, the other inputs as typed.
    await page.fill('#allocator input[name="budget"]', "250000");
    await page.fill('#allocator input[name="low"]', "2");
    await page.fill('#allocator input[name="up"]', "1");
    await Promise.all([page.waitForLoadState("load"), page.click('#allocator button[type="submit"]')]);
    await page.waitForSelector('#allocator [role="alert"]');
    const alert = (await page.locator('#allocator [role="alert"]').first().textContent()) ?? "";
    expect(alert).toMatch(/highest|lowest/i);
    expect(alert).not.toMatch(/channel_constr|total_budget/);
    expect(await page.inputValue('#allocator input[name="budget"]')).toBe("250000");
    expect(await page.inputValue('#allocator input[name="low"]')).toBe("2");
    await page.locator("#allocator").screenshot({ path: join(SCREENSHOTS, "words-allocator-refused.png") });
    // The refusal is a 422, which the browser logs as a failed resource: expected, not an error of the page.
    expect(errors).toEqual([
      "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)",
    ]);
    errors.length = 0;

    await page.fill('#allocator input[name="budget"]', "");
    await page.fill('#allocator input[name="low"]', "0.5");
    await page.fill('#allocator input[name="up"]', "2");
    // The refused form's URL ends in /allocate#allocator; the accepted one redirects to the model page.
    await Promise.all([
      page.waitForURL((url) => !url.pathname.endsWith("/allocate")),
      page.click('#allocator button[type="submit"]'),
    ]);
    await page.waitForSelector('canvas[data-chart="allocation"][data-drawn="true"]', { timeout: 15_000 });
    const headers = await page.locator("#allocator .allocation th").allTextContents();
    expect(headers).toContain("Spend per week now (EUR)");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#allocator a[data-png-of]"),
    ]);
    const png = await readFile((await download.path())!);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    const csv = await page.evaluate(async () => {
      const link = document.querySelector<HTMLAnchorElement>(
        '#allocator a[href$="allocation_max_response.csv"]',
      )!;
      return (await fetch(link.href)).text();
    });
    expect(csv.split("\n")[0]).toBe(
      "channel,spend per week now (EUR),spend per week optimised (EUR),response per week now," +
        "response per week optimised,response change,excluded",
    );
    expect(csv.trim().split("\n")).toHaveLength(1 + run.spec.paid_media_spends.length);
    expect(errors).toEqual([]);
    await page
      .locator("#allocator .allocation")
      .screenshot({ path: join(SCREENSHOTS, "words-allocator-chart.png") });
    await page.close();
  });

  it("ranks the country's runs by fit in words, on a fixed scale", async () => {
    const { page, errors } = await open(`/countries/DE/best`);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("Runs ranked by fit");
    expect(text).toContain("does not change when other runs are added");
    expect(text).not.toMatch(/R²w|NRMSEw|α \(NRMSE\)/);
    expect(await page.locator("form.filters label").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("Penalty weight: prediction error")]),
    );
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, "words-best-page.png"), fullPage: true });
    await page.close();
  });
});
