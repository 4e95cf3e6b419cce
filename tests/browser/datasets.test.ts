/**
 * The dataset pages in a real browser (Debian's chromium through playwright-core) against the real
 * server in local mode: a CSV chosen in the upload form opens its preview (rows, column types, the
 * auto-mapping with reasons, the data checks); a mistake in the "New run" form comes back beside its
 * input with the form as typed; the corrected form starts a run that trains and opens its page. A bad
 * file is refused beside the file input. Screenshots go to `tests/browser/screenshots/` (git-ignored).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { germanCsvText, weeklyRows } from "../fixtures/dataset-files.ts";
import { finalStatus, startLocalApp, type LocalApp } from "../support/local-app.ts";
import { launchChromium, SCREENSHOTS } from "../support/browser-app.ts";

let local: LocalApp;
let browser: Browser;
let files: string;

beforeAll(async () => {
  files = await mkdtemp(join(tmpdir(), "mmm-browser-files-"));
  local = await startLocalApp("mmm-browser-datasets-");
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await local?.stop();
  await rm(files, { recursive: true, force: true });
});

describe("datasets in the browser", () => {
  it("uploads a CSV, previews it, corrects the New run form and trains", async () => {
    const csv = join(files, "Weekly Sales.csv");
    await writeFile(csv, germanCsvText(weeklyRows(120)));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${local.app.url}/datasets`);
    await page.click('nav a[href="/datasets"]');
    await page.setInputFiles('input[name="file"]', csv);
    await Promise.all([
      page.waitForURL(/\/datasets\/weekly-sales@1$/),
      page.click('[data-action="upload-dataset"]'),
    ]);

    expect(await page.textContent('[data-fact="rows"]')).toBe("240");
    expect(await page.textContent('[data-column-type="tv_S"]')).toBe("number");
    expect(await page.textContent('#mapping tr[data-column="tv_S"]')).toContain("Paid media spend");
    expect(await page.getAttribute("#checks", "data-checks")).toBe("ok");
    expect(await page.inputValue('input[name="country"]')).toBe("DE");
    expect(await page.inputValue('select[name="role:search_S"]')).toBe("paid_media_spend");
    await page.screenshot({ path: join(SCREENSHOTS, "dataset-preview.png"), fullPage: true });

    // A mistake: the form comes back with the problem beside the input and what was typed.
    await page.fill('input[name="iterations"]', "many");
    await page.fill('input[name="tag"]', "browser upload");
    await page.click('[data-action="start-run"]');
    await page.waitForSelector('[data-field="iterations"]');
    expect(await page.textContent('[data-field="iterations"]')).toContain(
      "Iterations must be a whole number",
    );
    expect(await page.inputValue('input[name="tag"]')).toBe("browser upload");
    await page.locator("#new-run").screenshot({ path: join(SCREENSHOTS, "dataset-run-problem.png") });

    await page.fill('input[name="iterations"]', "150");
    await page.fill('input[name="trials"]', "1");
    await Promise.all([page.waitForURL(/\/runs\/[^/]+$/), page.click('[data-action="start-run"]')]);
    const runId = new URL(page.url()).pathname.split("/").pop()!;
    expect(await finalStatus(local.app, runId, 180_000)).toBe("succeeded");
    const run = (await local.app.services.runs.getRun(runId))!;
    expect(run.spec.data).toMatchObject({ dataset: "weekly-sales@1" });
    expect(run.tag).toBe("browser upload");
    await page.close();
  }, 300_000);

  it("refuses a file that is not a data file beside the file input", async () => {
    const pdf = join(files, "report.pdf");
    await writeFile(pdf, "%PDF-1.4\n");
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${local.app.url}/datasets`);
    await page.setInputFiles('input[name="file"]', pdf);
    await page.fill('input[name="name"]', "my-report");
    await page.click('[data-action="upload-dataset"]');
    await page.waitForSelector('[data-field="file"]');
    expect(await page.textContent('[data-field="file"]')).toContain("report.pdf is not a data file");
    expect(await page.inputValue('input[name="name"]')).toBe("my-report");
    await page.locator("#upload").screenshot({ path: join(SCREENSHOTS, "dataset-upload-problem.png") });
    expect((await local.app.services.datasets.list()).map((d) => d.name)).toEqual(["weekly-sales"]);
    await page.close();
  });
});
