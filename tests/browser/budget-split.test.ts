/**
 * The budget-split page in a real browser (Debian's chromium through playwright-core) against the real server
 * (`startLocalApp`, local mode): the multi-country demo's DE, FR and US trained through the app with each best
 * model picked; the form splits today's budget and draws today's spend against the split (chart.js), and a
 * market bound its channels cannot meet is shown under the market-bounds input. Screenshots go to
 * `tests/browser/screenshots/` (git-ignored) for a person to look at.
 */
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitAcrossMarkets } from "../../core/budget-split/market-split.ts";
import { amount } from "../../viewer/pages/format.ts";
import { startLocalApp, type LocalApp } from "../support/local-app.ts";
import { trainAndPickMarkets } from "../support/multi-country-runs.ts";
import { launchChromium, SCREENSHOTS } from "../support/browser-app.ts";

let local: LocalApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  local = await startLocalApp("mmm-split-browser-", { TRAINER_WORKERS: "2" });
  base = local.app.url.replace("localhost", "127.0.0.1");
  await trainAndPickMarkets(local.app.services, ["DE", "FR", "US"], { iterations: 150, trials: 1 });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

describe("the budget-split page in a browser", () => {
  it("splits today's budget across the picked markets and draws today's spend against the split", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${base}/budget-split`);
    expect(
      await page
        .locator('input[name="country"]')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    ).toEqual(["DE", "FR", "US"]);
    await page.fill('input[name="markets"]', "US=0.9-1.1");
    await page.click('button[type="submit"]');
    await page.waitForSelector('canvas[data-chart="budgetSplit"][data-drawn="true"]');
    await page.screenshot({ path: join(SCREENSHOTS, "budget-split.png"), fullPage: true });
    const expected = await splitAcrossMarkets(local.app.services, {
      marketBounds: { US: { low: 0.9, up: 1.1 } },
    });
    const gain = await page.locator("[data-gain]").getAttribute("data-gain");
    expect(Number(gain)).toBeCloseTo(expected.totals.responseGain, 3);
    expect(expected.totals.responseGain).toBeGreaterThan(0);
    const usTotal = page.locator('tr[data-market="US"][data-channel="total"] td').nth(3);
    expect(await usTotal.textContent()).toBe(amount(expected.markets.find((m) => m.name === "US")!.spend));
    const bars = await page.evaluate(() => {
      const canvas = document.querySelector('canvas[data-chart="budgetSplit"]') as HTMLCanvasElement;
      const chart = (
        window as unknown as {
          Chart: {
            getChart(c: HTMLCanvasElement): { data: { labels: string[]; datasets: { data: number[] }[] } };
          };
        }
      ).Chart.getChart(canvas);
      return {
        labels: chart.data.labels,
        today: chart.data.datasets[0]!.data,
        split: chart.data.datasets[1]!.data,
      };
    });
    expect(bars.labels).toHaveLength(expected.markets.reduce((n, m) => n + m.channels.length, 0));
    expect(bars.labels[0]).toBe(`DE ${expected.markets[0]!.channels[0]!.name}`);
    expect(bars.split[0]).toBeCloseTo(expected.markets[0]!.channels[0]!.spend, 6);
    await page.close();
  });

  it("finds the largest budget that meets a ROAS target from the form", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const today = await splitAcrossMarkets(local.app.services, {});
    const target = Number((0.95 * (today.totals.response / today.totals.spend)).toFixed(3));
    await page.goto(`${base}/budget-split`);
    await page.fill('input[name="roas"]', String(target));
    await page.click('button[type="submit"]');
    await page.waitForSelector('canvas[data-chart="budgetSplit"][data-drawn="true"]');
    const expected = await splitAcrossMarkets(local.app.services, { targetRoas: target });
    expect(await page.locator(".split-target").textContent()).toBe(
      `ROAS target ${target}: the largest budget whose best split returns it is ${amount(expected.budget)} per week.`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, "budget-split-roas.png"), fullPage: true });
    await page.close();
  });

  it("shows a market bound its channels cannot meet under the market-bounds input", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const response = await page.goto(`${base}/budget-split?country=DE&country=FR&markets=FR%3D3-4`);
    expect(response?.status()).toBe(422);
    const problem = page.locator('[data-field="markets"]');
    expect(await problem.textContent()).toMatch(
      /^FR's channels allow .* per week, outside its market bounds/,
    );
    expect(await page.locator('input[name="markets"]').inputValue()).toBe("FR=3-4");
    expect(await page.locator('input[name="country"][value="US"]').isChecked()).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, "budget-split-refused.png"), fullPage: true });
    await page.close();
  });
});
