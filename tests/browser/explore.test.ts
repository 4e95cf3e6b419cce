/**
 * The Explore page in a real browser (Debian's chromium through playwright-core) against the real server
 * (`startLocalApp`: the embedded DuckDB warehouse with its demo tables; local mode, so the loopback address
 * reaches the access check): choosing a bundled demo table in the form draws its tiles and charts; a daily
 * dataset of three years, generated here and uploaded through the datasets API, is explored by week and
 * by day with a second metric; a timeframe that ends before it starts is shown above the form with the
 * input kept. Screenshots go to `tests/browser/screenshots/` (git-ignored) for a person to look at.
 *
 * Nothing is skipped: without chromium the suite fails and says how to install it.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailyChannels } from "../fixtures/daily-channels.ts";
import { startLocalApp, type LocalApp } from "../support/local-app.ts";
import { launchChromium, SCREENSHOTS } from "../support/browser-app.ts";

const TOKEN = "explore-browser-token-0123456789abcdef";

let local: LocalApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  local = await startLocalApp("mmm-explore-browser-", { MMM_API_TOKENS: TOKEN });
  base = local.app.url.replace("localhost", "127.0.0.1");
  const daily = dailyChannels({ days: 3 * 365, channels: 6, markets: ["DE", "AT"] });
  const form = new FormData();
  form.set("file", new Blob([daily.csv]), "daily-shop.csv");
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

/** A page that records console errors (CSP violations show up there). */
async function open(
  path: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${base}${path}`);
  return { page, errors };
}

async function drawn(page: Page, kind: string): Promise<void> {
  await page.waitForSelector(`canvas[data-chart="${kind}"][data-drawn="true"]`, { timeout: 15_000 });
}

/** What a drawn chart holds: its labels and each dataset's label and number of points with a value. */
async function chartOf(page: Page, kind: string) {
  return page.evaluate((k) => {
    const canvas = document.querySelector(`canvas[data-chart="${k}"]`) as HTMLCanvasElement;
    const chart = (
      window as unknown as {
        Chart: {
          getChart(c: HTMLCanvasElement): {
            data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] };
          };
        };
      }
    ).Chart.getChart(canvas)!;
    return {
      labels: chart.data.labels,
      datasets: chart.data.datasets.map((d) => ({
        label: d.label,
        points: d.data.filter((v) => v !== null).length,
      })),
    };
  }, kind);
}

async function show(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click("#explore-form button[type=submit]")]);
}

describe("the Explore page in a browser", () => {
  it("explores a bundled demo table chosen in the form, with tiles against the previous window", async () => {
    const { page, errors } = await open("/runs");
    await Promise.all([page.waitForNavigation(), page.click('nav a[href="/explore"]')]);
    expect(await page.textContent("main")).toContain(
      "Choose a warehouse table, an uploaded dataset or a SQL query",
    );
    await page.selectOption('select[name="source"]', "table:DEMO.MULTI_COUNTRY_WEEKLY");
    await show(page);
    // The source's first market, the last 52 weeks, beside the 52 weeks before.
    expect(await page.inputValue('select[name="market"]')).toBe("DE");
    expect(await page.textContent("#explore-summary")).toContain("COUNTRY = DE: 208 rows");
    await drawn(page, "goalSpend");
    await drawn(page, "spend");
    await drawn(page, "metrics");
    const goalSpend = await chartOf(page, "goalSpend");
    expect(goalSpend.labels).toHaveLength(52);
    expect(goalSpend.datasets).toEqual([
      { label: "REVENUE", points: 52 },
      { label: "Total spend", points: 52 },
    ]);
    const channels = await chartOf(page, "spend");
    expect(channels.datasets.map((d) => d.label)).toEqual(["tv", "facebook", "search", "youtube", "ooh"]);
    const kpis = await page.locator("#kpis").textContent();
    expect(kpis).toContain("Change against the previous window of the same length, 2023-01-02 to 2023-12-31");
    expect(kpis).not.toContain("no previous window");
    expect(await page.locator("#funnels .funnel h3").allTextContents()).toEqual([
      "facebook",
      "search",
      "youtube",
    ]);
    // A cost going up is worse, a rate or the goal going up is better; spend is neither.
    const ratios = await page.locator("#funnels tr.ratio").evaluateAll((rows) =>
      rows.map((r) => {
        const cells = (r as HTMLTableRowElement).cells;
        return [cells[0]!.textContent, cells[2]!.textContent, cells[2]!.querySelector("span")?.className];
      }),
    );
    expect(ratios.length).toBe(3);
    for (const [name, change, tone] of ratios) {
      expect([name, tone]).toEqual([name, change!.includes("▲") === (name === "CTR") ? "better" : "worse"]);
    }
    expect(await page.locator("#channels td .better, #channels td .worse").count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, "explore-demo-table.png"), fullPage: true });

    await page.selectOption('select[name="market"]', "FR");
    await page.selectOption('select[name="grain"]', "quarter");
    await show(page);
    expect(await page.textContent("#explore-summary")).toContain("COUNTRY = FR");
    await drawn(page, "goalSpend");
    expect((await chartOf(page, "goalSpend")).labels).toEqual(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
    expect(errors).toEqual([]);
  });

  it("explores a read-only SQL query typed in the form", async () => {
    const { page, errors } = await open("/explore");
    await page.selectOption('select[name="source"]', "sql");
    await page.fill(
      'textarea[name="sql"]',
      "SELECT * FROM DEMO.MULTI_COUNTRY_WEEKLY WHERE DATE >= '2023-01-01'",
    );
    await show(page);
    expect(await page.inputValue('select[name="market"]')).toBe("DE");
    expect(await page.textContent("#explore-summary")).toMatch(
      /^the SQL query, COUNTRY = DE: \d+ rows, 2023-01-0\d to/,
    );
    await drawn(page, "goalSpend");
    await drawn(page, "spend");
    expect((await chartOf(page, "spend")).datasets.map((d) => d.label)).toEqual([
      "tv",
      "facebook",
      "search",
      "youtube",
      "ooh",
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, "explore-sql.png"), fullPage: true });
    expect(errors).toEqual([]);
    // A query that writes is refused before it reaches the warehouse, named, with the text kept.
    await page.fill('textarea[name="sql"]', "DELETE FROM DEMO.MULTI_COUNTRY_WEEKLY");
    await show(page);
    expect(await page.textContent('[role="alert"]')).toMatch(/^sql: .*starts with SELECT or WITH/);
    expect(await page.inputValue('textarea[name="sql"]')).toBe("DELETE FROM DEMO.MULTI_COUNTRY_WEEKLY");
    await page.screenshot({ path: join(SCREENSHOTS, "explore-sql-refused.png"), fullPage: true });
  });

  it("explores three years of a daily dataset uploaded through the API, by week and by day", async () => {
    const { page, errors } = await open("/explore");
    await page.selectOption('select[name="source"]', "dataset:daily-shop");
    await show(page);
    expect(await page.inputValue('select[name="market"]')).toBe("AT");
    expect(await page.textContent("#explore-summary")).toContain(
      "1095 rows, 2022-01-03 to 2025-01-01 (daily)",
    );
    await drawn(page, "spend");
    expect((await chartOf(page, "spend")).datasets).toHaveLength(6);
    expect(await page.locator("#funnels .funnel").count()).toBe(6);
    await page.screenshot({ path: join(SCREENSHOTS, "explore-daily-dataset.png"), fullPage: true });

    await page.fill('input[name="start"]', "2024-10-01");
    await page.fill('input[name="end"]', "2024-12-31");
    await page.selectOption('select[name="grain"]', "day");
    await page.locator('select[name="metric"]').nth(1).selectOption("SEARCH_CLICKS");
    await show(page);
    await drawn(page, "metrics");
    const metrics = await chartOf(page, "metrics");
    expect(metrics.labels).toHaveLength(92);
    expect(metrics.datasets).toEqual([
      { label: "REVENUE (sum)", points: 92 },
      { label: "SEARCH_CLICKS (sum)", points: 92 },
    ]);
    await page.locator("#metrics").screenshot({ path: join(SCREENSHOTS, "explore-daily-metrics.png") });
    expect(errors).toEqual([]);
  });

  it("fits a phone's width", async () => {
    const { page, errors } = await open("/explore?source=dataset:daily-shop&market=DE", {
      width: 390,
      height: 844,
    });
    await drawn(page, "goalSpend");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, "explore-phone.png"), fullPage: false });
    expect(errors).toEqual([]);
  });

  it("shows a timeframe that ends before it starts above the form, with the input kept", async () => {
    const { page } = await open("/explore?source=dataset:daily-shop&market=DE");
    await page.fill('input[name="start"]', "2024-06-01");
    await page.fill('input[name="end"]', "2024-01-01");
    await show(page);
    const alert = page.locator('[role="alert"]');
    expect(await alert.getAttribute("data-field")).toBe("start");
    expect(await alert.textContent()).toContain(
      "start: The timeframe starts (2024-06-01) after it ends (2024-01-01)",
    );
    expect(await page.inputValue('input[name="start"]')).toBe("2024-06-01");
    expect(await page.inputValue('input[name="end"]')).toBe("2024-01-01");
    expect(await page.inputValue('select[name="market"]')).toBe("DE");
    expect(await page.locator('select[name="goal"] option').count()).toBeGreaterThan(20);
    await page.screenshot({ path: join(SCREENSHOTS, "explore-error.png"), fullPage: true });
  });
});
