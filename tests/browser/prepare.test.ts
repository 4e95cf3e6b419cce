/**
 * The Prepare page in a real browser (Debian's chromium through playwright-core) against the real server
 * (`startLocalApp`: the embedded DuckDB warehouse with its demo tables; local mode): a demo table's profile
 * (sparklines, VIF per group, a secondary goal's fits) is saved as a preparation through the form (a media
 * response changed, two derived channels, a secondary goal) and a run is started on that goal, and a
 * daily dataset whose only radio variable is all zeros shows the cleaning guard's checkbox left unticked
 * with its reason. Screenshots go to `tests/browser/screenshots/` (git-ignored) for a person to look at.
 *
 * Nothing is skipped: without chromium the suite fails and says how to install it.
 */
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finalStatus, startLocalApp, type LocalApp } from "../support/local-app.ts";
import { launchChromium, SCREENSHOTS } from "../support/browser-app.ts";

const TOKEN = "prepare-browser-token-0123456789abcdef";

let local: LocalApp;
let browser: Browser;
let base: string;

/** Two years of daily rows for one market: facebook and search move sales; radio is never used. */
function dailyCsv(): string {
  const lines = ["DATE,COUNTRY,SALES,FACEBOOK_S,FACEBOOK_I,SEARCH_S,RADIO_S"];
  for (let d = 0; d < 730; d++) {
    const date = new Date(Date.UTC(2023, 0, 1 + d)).toISOString().slice(0, 10);
    const facebook = 200 + ((d * 37) % 150);
    const search = 100 + ((d * 53) % 90);
    lines.push(
      `${date},NL,${5000 + 4 * facebook + 6 * search + ((d * 97) % 300)},${facebook},${facebook * 120 + (d % 7)},${search},0`,
    );
  }
  return `${lines.join("\n")}\n`;
}

beforeAll(async () => {
  local = await startLocalApp("mmm-prepare-browser-", { MMM_API_TOKENS: TOKEN });
  base = local.app.url.replace("localhost", "127.0.0.1");
  const form = new FormData();
  form.set("file", new Blob([dailyCsv()]), "daily.csv");
  const upload = await fetch(`${local.app.url}/api/datasets`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(upload.status).toBe(201);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

describe("the Prepare page in a browser", () => {
  it("profiles a demo table, saves its preparation through the form and starts a run on its secondary goal", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/prepare`);
    await page.fill('input[name="table"]', "DEMO.SIMULATED_WEEKLY");
    await page.fill('input[name="market"]', "US");
    await page.fill('input[name="goal"]', "revenue");
    await page.fill('input[name="secondary"]', "competitor_sales_B");
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Profile")')]);
    // Each number column's line over time, the VIF per group and the secondary goal's fits.
    expect(await page.locator('tr[data-column="tv_S"] svg.spark-line polyline').count()).toBe(1);
    expect(await page.locator("[data-vif-group] h3").allTextContents()).toEqual([
      "Paid media (each channel's media response)",
      "Organic",
      "Context",
    ]);
    expect(await page.locator('[data-vif-group="paid_media"] tr[data-vif]').count()).toBeGreaterThan(1);
    expect(
      await page.locator('[data-secondary-goal="competitor_sales_B"] tr[data-fit]').count(),
    ).toBeGreaterThan(3);
    await page.fill('input[name="name"]', "us-browser");
    await page.selectOption('select[name="response:facebook_S"]', "facebook_S");
    await page.selectOption('select[name="secondary_type:competitor_sales_B"]', "conversion");
    await page.fill('input[name="derived[0].name"]', "offline_S");
    await page.fill('input[name="derived[0].sum"]', "tv_S, ooh_S");
    await page.fill('input[name="derived[0].tag"]', "offline");
    await page.fill('input[name="derived[1].name"]', "all_paid_S");
    await page.fill('input[name="derived[1].sum"]', "tv_S, ooh_S, print_S, facebook_S, search_S");
    await page.screenshot({ path: join(SCREENSHOTS, "prepare-demo-table.png"), fullPage: true });
    await page.click('button[data-action="save-preparation"]');
    await page.waitForSelector('[data-saved="us-browser"]');
    await page.screenshot({ path: join(SCREENSHOTS, "prepare-saved.png"), fullPage: true });
    const saved = (await local.app.services.runs.getPreparation("us-browser"))!;
    expect(saved.paid_media).toContainEqual({ spend: "facebook_S", response: "facebook_S" });
    expect(saved.derived).toEqual([
      { name: "offline_S", sum: ["tv_S", "ooh_S"], tag: "offline" },
      { name: "all_paid_S", sum: ["tv_S", "ooh_S", "print_S", "facebook_S", "search_S"] },
    ]);
    expect(saved.secondary_goals).toEqual([{ column: "competitor_sales_B", type: "conversion" }]);
    // The run form offers the secondary goal; a run on it explains that goal with its type.
    await page.selectOption('select[name="dep_var"]', "competitor_sales_B");
    await page.fill('input[name="iterations"]', "150");
    await page.fill('input[name="trials"]', "1");
    await Promise.all([page.waitForNavigation(), page.click('button[data-action="start-run"]')]);
    const runId = new URL(page.url()).pathname.replace("/runs/", "");
    const run = (await local.app.services.runs.getRun(runId))!;
    expect(run.spec).toMatchObject({ dep_var: "competitor_sales_B", dep_var_type: "conversion" });
    expect(await finalStatus(local.app, runId, 180_000)).toBe("succeeded");
    await page.close();
  });

  it("leaves the guard's column unticked, with its reason, on a daily dataset", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/prepare?dataset=daily&market=NL&goal=SALES`);
    const radio = page.locator('input[name="drop:RADIO_S"]');
    expect(await radio.isChecked()).toBe(false);
    expect(await page.locator("fieldset", { hasText: "Cleaning" }).innerText()).toMatch(
      /RADIO_S — kept although .*only paid variable of channel radio/,
    );
    await page.screenshot({ path: join(SCREENSHOTS, "prepare-daily-guard.png"), fullPage: true });
    await page.close();
  });
});
