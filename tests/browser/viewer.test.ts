/**
 * The viewer in a real browser (Debian's chromium through playwright-core) against the real server
 * (`startApp`, so the socket's loopback address reaches the access check): a run page renders the Pareto
 * scatter with every candidate, clicking a Pareto model opens it, its charts draw, and "Pick as best"
 * stores the pick. Screenshots go to `tests/browser/screenshots/` (git-ignored) for a person to look at.
 *
 * Nothing is skipped: without chromium the suite fails and says how to install it.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRefresh } from "../../core/refresh/start-refresh.ts";
import { responseForRunModel } from "../../core/results/model-response.ts";
import { scenarioForRun } from "../../core/results/model-scenario.ts";
import type { Run } from "../../core/run.ts";
import { finalStatus } from "../support/local-app.ts";
import { newRunId } from "../../core/run-id.ts";
import type { RunningApp } from "../../bin/commands/serve.ts";
import { trainedRunFolder } from "../support/trained-run.ts";
import { addTrainedRun, SCREENSHOTS, startBrowserApp, type BrowserApp } from "../support/browser-app.ts";
import { runPrefix } from "../../common/run-folder.ts";

let t: BrowserApp;
let app: RunningApp;
let browser: Browser;
let run: Run;
let best: string;
let candidates: number;

beforeAll(async () => {
  t = await startBrowserApp("viewer");
  ({ app, browser } = t);
  const added = await addTrainedRun(t, await trainedRunFolder(), { tag: "browser test" });
  run = added.run;
  best = added.summary.best_model.model_id;
  candidates = added.summary.candidate_model_count;
});

afterAll(async () => {
  await t?.stop();
});

/** A page that records console errors (CSP violations show up there) and the script bytes it loads. */
async function open(
  path: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; errors: string[]; scriptBytes: () => Promise<number> }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  let bytes = 0;
  // Bodies are read asynchronously; the total is only known once every read has finished.
  const reads: Promise<void>[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    reads.push(response.body().then((body) => void (bytes += body.length)));
  });
  await page.goto(`${app.url.replace("localhost", "127.0.0.1")}${path}`);
  return {
    page,
    errors,
    scriptBytes: async () => {
      await Promise.all(reads);
      return bytes;
    },
  };
}

async function drawn(page: Page, kind: string): Promise<void> {
  await page.waitForSelector(`canvas[data-chart="${kind}"][data-drawn="true"]`, { timeout: 15_000 });
}

describe("the viewer in a browser", () => {
  it("renders the run page's Pareto chart with every candidate, and a click on a Pareto point opens its model", async () => {
    const { page, errors, scriptBytes } = await open(`/runs/${run.id}`);
    await drawn(page, "pareto");
    await drawn(page, "convergence");
    const chart = await page.evaluate(() => {
      const canvas = document.querySelector('canvas[data-chart="pareto"]') as HTMLCanvasElement;
      const instance = (
        window as unknown as {
          Chart: {
            getChart(c: HTMLCanvasElement): {
              data: { datasets: { label: string; data: { id?: string }[] }[] };
              getDatasetMeta(i: number): { data: { x: number; y: number }[] };
            };
          };
        }
      ).Chart.getChart(canvas)!;
      const datasets = instance.data.datasets;
      const front = datasets.findIndex((d) => d.label === "Front 1");
      const element = instance.getDatasetMeta(front).data[0]!;
      return {
        points: datasets.reduce((n, d) => n + d.data.length, 0),
        labels: datasets.map((d) => d.label),
        target: { x: element.x, y: element.y, id: datasets[front]!.data[0]!.id },
      };
    });
    expect(chart.points).toBe(candidates);
    expect(chart.labels).toContain("Front 1");
    expect(chart.labels.at(-1)).toBe("Other candidates");
    await page.screenshot({ path: join(SCREENSHOTS, "run-page.png"), fullPage: true });
    await page
      .locator("section:has(canvas[data-chart=pareto])")
      .screenshot({ path: join(SCREENSHOTS, "run-pareto.png") });
    expect(await scriptBytes()).toBeGreaterThan(100_000);
    expect(await scriptBytes()).toBeLessThan(300 * 1024);

    const box = (await page.locator('canvas[data-chart="pareto"]').boundingBox())!;
    await Promise.all([
      page.waitForURL(/\/models\//),
      page.mouse.click(box.x + chart.target.x, box.y + chart.target.y),
    ]);
    expect(page.url()).toMatch(new RegExp(`/runs/${run.id}/models/\\d+_\\d+_\\d+$`));
    for (const kind of ["waterfall", "fit", "response", "shares", "adstock"]) await drawn(page, kind);
    expect(await page.locator("h2.model-title").textContent()).toMatch(/^Model \d+_\d+_\d+$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("picks a model as the country's best, with a note, from the model page", async () => {
    const { page, errors } = await open(`/runs/${run.id}/models/${best}`);
    await drawn(page, "response");
    await page.screenshot({ path: join(SCREENSHOTS, "model-page.png"), fullPage: true });
    await page.fill('textarea[name="note"]', "Best fit and a plausible TV share");
    await Promise.all([page.waitForURL(/picked=1/), page.click('button[data-action="pick"]')]);
    await expect.poll(() => page.locator("#pick").textContent()).toContain("This model is the current pick");
    await page.locator("#pick").screenshot({ path: join(SCREENSHOTS, "model-picked.png") });
    const pick = await app.services.runs.getBest("DE");
    expect(pick).toMatchObject({
      runId: run.id,
      solID: best,
      note: "Best fit and a plausible TV share",
      by: { kind: "local", id: "local" },
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the mROI at each mean-spend marker and sorts the next-euro table", async () => {
    const { page, errors } = await open(`/runs/${run.id}/models/${best}`);
    await drawn(page, "response");
    await page.locator('canvas[data-chart="response"]').scrollIntoViewIfNeeded();
    type Instance = {
      data: { datasets: { label: string }[] };
      getDatasetMeta(i: number): { data: { x: number; y: number }[] };
      tooltip: { body?: { lines: string[] }[] };
    };
    const marker = await page.evaluate(() => {
      const canvas = document.querySelector('canvas[data-chart="response"]') as HTMLCanvasElement;
      const chart = (
        window as unknown as { Chart: { getChart(c: HTMLCanvasElement): Instance } }
      ).Chart.getChart(canvas);
      const index = chart.data.datasets.findIndex((d) => d.label.endsWith(" mean spend"));
      const point = chart.getDatasetMeta(index).data[0]!;
      return { x: point.x, y: point.y };
    });
    const box = (await page.locator('canvas[data-chart="response"]').boundingBox())!;
    await page.mouse.move(box.x + marker.x, box.y + marker.y);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const canvas = document.querySelector('canvas[data-chart="response"]') as HTMLCanvasElement;
          const chart = (
            window as unknown as { Chart: { getChart(c: HTMLCanvasElement): Instance } }
          ).Chart.getChart(canvas);
          return (chart.tooltip.body ?? []).flatMap((b) => b.lines).join("\n");
        }),
      )
      .toMatch(/mean spend: spend [\d,.]+ → response [\d,.]+ · mROI [\d.]+/);
    await page.locator("#marginal th", { hasText: "mROI" }).click();
    const mroi = await page.$$eval("#marginal tbody tr", (rows) =>
      rows.map((r) => Number(((r as HTMLTableRowElement).cells[4] as HTMLElement).dataset.value)),
    );
    expect(mroi).toHaveLength(5);
    expect(mroi).toEqual([...mroi].sort((a, b) => a - b));
    await page.locator("#marginal").screenshot({ path: join(SCREENSHOTS, "model-next-euro.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("answers a response query from the model page's form, with the queried point on the curve", async () => {
    const { page, errors } = await open(`/runs/${run.id}/models/${best}`);
    await page.selectOption('#response select[name="channel"]', "tv_S");
    await page.fill('#response input[name="spend"]', "50000");
    await page.fill('#response input[name="dates"]', "last_4");
    await Promise.all([page.waitForURL(/channel=tv_S/), page.click("#response button")]);
    await drawn(page, "responseQuery");
    const expected = await responseForRunModel(app.services.artifacts, run, best, {
      metric_name: "tv_S",
      metric_value: 50_000,
      date_range: "last_4",
    });
    const answer = (await page.locator("#response .response-answer").textContent()) ?? "";
    const whole = (n: number | null) => Math.round(n!).toLocaleString("en");
    expect(answer).toContain(
      `Spending 50,000 on tv_S over 4 periods, ${expected.date[0]} to ${expected.date[3]}`,
    );
    expect(answer).toContain(`gives a response of ${whole(expected.sim_mean_response)} a period`);
    expect(answer).toContain(
      `averaged ${whole(expected.mean_input_immediate)} a period, which brought ${whole(expected.mean_response_total)} a period`,
    );
    // The chart marks the queried spend and the historical mean at Robyn's numbers.
    const points = await page.evaluate(() => {
      const canvas = document.querySelector('canvas[data-chart="responseQuery"]');
      const chart = (
        window as unknown as {
          Chart: {
            getChart(c: unknown): {
              data: { datasets: { label: string; data: { x: number; y: number }[] }[] };
            };
          };
        }
      ).Chart.getChart(canvas);
      return chart.data.datasets.map((d) => ({ label: d.label, first: d.data[0], length: d.data.length }));
    });
    expect(points.map((p) => p.label)).toEqual([
      "tv_S response curve",
      "Historical mean spend",
      "Queried spend",
    ]);
    expect(points[1]!.first!.x).toBeCloseTo(expected.mean_input_immediate, 6);
    expect(points[2]!.first!.x).toBeCloseTo(expected.sim_mean_spend!, 6);
    expect(points[2]!.first!.y).toBeCloseTo(expected.sim_mean_response!, 6);
    await page.locator("#response").screenshot({ path: join(SCREENSHOTS, "model-response-query.png") });

    await page.fill('#response input[name="dates"]', "2031-01-06");
    await Promise.all([page.waitForURL(/dates=2031/), page.click("#response button")]);
    const problem = page.locator('#response [role="alert"]');
    expect(await problem.getAttribute("data-field")).toBe("dates");
    expect(await problem.textContent()).toMatch(/^Date range: date_range .*2031-01-06/);
    expect(await page.inputValue('#response input[name="dates"]')).toBe("2031-01-06");
    await page.locator("#response").screenshot({ path: join(SCREENSHOTS, "model-response-problem.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("sorts the Pareto models by a column and fits a phone screen", async () => {
    const { page, errors } = await open(`/runs/${run.id}`, { width: 390, height: 844 });
    await drawn(page, "pareto");
    const header = page.locator("table[data-sortable] th", { hasText: "NRMSE" });
    await header.click();
    const values = await page.$$eval("table[data-sortable] tbody tr", (rows) =>
      rows.map((r) => Number(((r as HTMLTableRowElement).cells[5] as HTMLElement).dataset.value)),
    );
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, "run-page-phone.png"), fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("follows a training run live on the runs list and reloads when it ends", async () => {
    const createdAt = new Date().toISOString();
    const id = newRunId("DE", new Date(createdAt));
    await app.services.runs.createRun({
      ...run,
      id,
      status: "running",
      artifactPrefix: runPrefix(id),
      createdAt,
      updatedAt: createdAt,
      summary: {},
      lastEventSeq: 0,
    });
    const { page, errors } = await open("/runs");
    const live = page.locator(`[data-live-run="${id}"]`);
    expect(await live.getAttribute("data-status")).toBe("running");
    await app.services.runs.updateRun(id, { progress: { phase: "searching", done: 120, total: 300 } });
    await expect.poll(() => live.locator("progress").getAttribute("value"), { timeout: 15_000 }).toBe("120");
    await page.screenshot({ path: join(SCREENSHOTS, "runs-page-live.png") });
    await app.services.runs.transition(id, "failed", { failure: { reason: "stopped by the browser test" } });
    await page.waitForEvent("load", { timeout: 15_000 });
    expect(await page.locator(`[data-live-run="${id}"]`).getAttribute("data-status")).toBe("failed");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws the data, compare, runs and stability pages", async () => {
    for (const [name, path, chart] of [
      ["data-page", `/runs/${run.id}/data`, "spend"],
      ["compare-page", `/compare?m=${run.id}~${best}&run=${run.id}`, "grouped"],
      ["runs-page", "/runs", undefined],
      ["stability-page", "/countries/DE/stability", undefined],
      ["best-page", "/countries/DE/best", undefined],
    ] as const) {
      const { page, errors } = await open(path);
      if (chart) await drawn(page, chart);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
      expect(errors, name).toEqual([]);
      await page.close();
    }
  });

  it("shows the health card first on the run page, readable on a phone", async () => {
    for (const [name, viewport] of [
      ["health-card.png", { width: 1280, height: 900 }],
      ["health-card-phone.png", { width: 390, height: 844 }],
    ] as const) {
      const { page, errors } = await open(`/runs/${run.id}`, viewport);
      const card = page.locator("#health");
      await card.waitFor({ state: "visible" });
      const box = (await card.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(viewport.width);
      const levels = await card
        .locator("li")
        .evaluateAll((items) =>
          items.map((li) => [
            li.getAttribute("data-level"),
            getComputedStyle(li.querySelector(".health-level")!).color,
          ]),
        );
      expect(levels.length).toBeGreaterThan(3);
      expect(levels.find(([level]) => level === "warning")?.[1]).toBe("rgb(161, 98, 7)");
      // Each finding in its own level's colour, whatever the card's worst level.
      expect(levels.find(([level]) => level === "ok")?.[1]).toBe("rgb(21, 128, 61)");
      expect(await card.textContent()).toContain(
        "None of the 5 paid channels is calibrated by a lift study.",
      );
      await card.screenshot({ path: join(SCREENSHOTS, name) });
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("draws the chained report of a real refresh of the run", async () => {
    const started = await startRefresh(
      app.services,
      run,
      { model: best, iterations: 100, trials: 2 },
      { kind: "local", id: "local" },
    );
    const child = started.runs[0]!;
    const status = await finalStatus(app, child.id, 180_000);
    expect(status, JSON.stringify((await app.services.runs.getRun(child.id))?.failure)).toBe("succeeded");
    const { page, errors } = await open(`/runs/${child.id}/refresh-chain`);
    await drawn(page, "chainFit");
    await page.waitForSelector('canvas[data-chart="grouped"][data-drawn="true"]', { timeout: 15_000 });
    expect(await page.locator("table tbody tr").count()).toBe(2);
    await page.screenshot({ path: join(SCREENSHOTS, "refresh-chain.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});

/** The x-axis tick values of a drawn chart. */
async function xTicks(page: Page, kind: string): Promise<number[]> {
  return page.$eval(`canvas[data-chart="${kind}"]`, (canvas) => {
    const chart = (
      window as unknown as {
        Chart: { getChart(c: Element): { scales: { x: { ticks: { value: number }[] } } } };
      }
    ).Chart.getChart(canvas);
    return chart.scales.x.ticks.map((t) => t.value);
  });
}

describe("viewer details (issue 18)", () => {
  it("shows MAPE as – without calibration, even waterfall ticks, and tables inside their cards", async () => {
    for (const [name, viewport] of [
      ["model-details", { width: 1280, height: 900 }],
      ["model-details-800", { width: 800, height: 800 }],
      ["model-details-phone", { width: 390, height: 844 }],
    ] as const) {
      const { page, errors } = await open(`/runs/${run.id}/models/${best}`, viewport);
      await drawn(page, "waterfall");
      const mape = page
        .locator("dt", { hasText: "MAPE (calibration)" })
        .locator("xpath=following-sibling::dd[1]");
      expect((await mape.textContent())?.trim()).toBe("– (no calibration)");

      const ticks = await xTicks(page, "waterfall");
      const steps = ticks.slice(1).map((t, i) => Math.round((t - ticks[i]!) * 1e6) / 1e6);
      expect(new Set(steps).size, `waterfall ticks ${ticks.join(", ")}`).toBe(1);
      const ends = await page.evaluate(() => {
        const data = JSON.parse(document.getElementById("chart-data")!.textContent!) as {
          waterfall: { shares: number[] };
        };
        let at = 0;
        return data.waterfall.shares.map((s) => (at += s));
      });
      // The axis covers 0 to 100 % and every bar (up to rounding noise in the sums of shares).
      expect(ticks[0]).toBeLessThanOrEqual(Math.min(0, ...ends) + 1e-4);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(Math.max(1, ...ends) - 1e-4);

      const variables = page.locator("section.card", { has: page.locator("h2", { hasText: "Variables" }) });
      await variables.scrollIntoViewIfNeeded();
      const [card, table] = [
        (await variables.boundingBox())!,
        (await variables.locator(".table-wrap").boundingBox())!,
      ];
      expect(card.x + card.width, name).toBeLessThanOrEqual(viewport.width);
      expect(table.x + table.width, name).toBeLessThanOrEqual(card.x + card.width);
      // Nothing pushes the page sideways (wide tables scroll inside their cards).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, name).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
      await variables.screenshot({ path: join(SCREENSHOTS, `${name}-variables.png`) });
      await page
        .locator('canvas[data-chart="waterfall"]')
        .screenshot({ path: join(SCREENSHOTS, `${name}-waterfall.png`) });
      expect(errors, name).toEqual([]);
      await page.close();
    }
  });
  it("previews a share link as its recipient sees it, and shows a revoked one refused", async () => {
    const { page, errors } = await open(`/runs/${run.id}`);
    await page.getByRole("button", { name: "Create a share link" }).click();
    await page.waitForURL(`**/runs/${run.id}**`);
    const links = page.locator("table", { has: page.locator("th", { hasText: "Expires" }) });
    await links.getByRole("link", { name: "Preview" }).first().click();
    await page.waitForURL(`**/runs/${run.id}`);
    await expect(page.locator(".who.preview").textContent()).resolves.toContain("Preview of a share link");
    expect(await page.getByRole("button", { name: "Create a share link" }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, "share-preview.png") });

    await page.getByRole("link", { name: "Leave preview" }).click();
    await page.waitForURL(`**/runs/${run.id}`);
    await page.getByRole("button", { name: "Revoke" }).first().click();
    await page.waitForURL(`**/runs/${run.id}**`);
    await links.getByRole("link", { name: "Preview" }).first().click();
    await expect(page.locator("main").textContent()).resolves.toContain("This share link was revoked");
    await page.screenshot({ path: join(SCREENSHOTS, "share-preview-revoked.png") });
    // Chromium logs the refusal's 403 as a failed load; nothing else may fail.
    expect(errors.filter((e) => !e.includes("403"))).toEqual([]);
    await page.close();
  });
});

describe("forward scenarios in a browser", () => {
  it("forecasts and saves plans, keeps a refused form as typed, compares two side by side and exports CSV", async () => {
    const { page, errors } = await open(`/runs/${run.id}/models/${best}`);
    await page.locator("#scenarios a").click();
    await page.waitForURL(/\/scenarios$/);
    // Last 8 weeks again, TV × 1.5, saved.
    await page.locator('input[name="periods"]').fill("8");
    await page.locator('input[name="multiplier:tv_S"]').fill("1.5");
    await page.locator('input[name="name"]').fill("TV +50%");
    await page.locator('button[value="save"]').click();
    await page.waitForURL(/saved=/);
    await drawn(page, "scenario");
    const expected = await scenarioForRun(app.services.artifacts, run, {
      solIDs: [best],
      plan: { periods: 8, multiplier: { tv_S: 1.5, ooh_S: 1, print_S: 1, facebook_S: 1, search_S: 1 } },
    });
    expect(Number(await page.locator("[data-total]").getAttribute("data-total"))).toBeCloseTo(
      expected.predicted.total,
      6,
    );
    expect(await page.locator('#result tr[data-medium="baseline"]').textContent()).toContain("assumption");
    await page.locator("#result").screenshot({ path: join(SCREENSHOTS, "scenario-result.png") });
    const [picture] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('a[data-png-of="scenario"]').click(),
    ]);
    expect(picture.suggestedFilename()).toBe("scenario.png");
    const png = await readFile((await picture.path())!);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.length).toBeGreaterThan(5000);

    // A CSV plan pasted: first with a week inside the data (refused, the text kept), then right.
    const weeks = ["2019-11-18", "2019-11-25", "2019-12-02", "2019-12-09"];
    const csv = (first: string) =>
      [
        "date,tv_S,ooh_S,print_S,facebook_S,search_S",
        ...[first, ...weeks.slice(1)].map((d) => `${d},20000,0,5000,3000,4000`),
      ].join("\n");
    await page.locator('input[name="source"][value="csv"]').check();
    await page.locator('textarea[name="plan_csv"]').fill(csv("2019-11-11"));
    await page.locator('input[name="name"]').fill("Flat plan");
    await page.locator('button[value="save"]').click();
    await page.waitForLoadState("load");
    const problem = page.locator('[data-field="plan_csv"]');
    await expect.poll(() => problem.textContent()).toMatch(/2019-11-11 is not after the data's last period/);
    expect(await page.locator('textarea[name="plan_csv"]').inputValue()).toBe(csv("2019-11-11"));
    expect(await page.locator('input[name="name"]').inputValue()).toBe("Flat plan");
    expect(await page.locator('input[name="source"][value="csv"]').isChecked()).toBe(true);
    await page.locator("#plan").screenshot({ path: join(SCREENSHOTS, "scenario-error.png") });
    await page.locator('textarea[name="plan_csv"]').fill(csv(weeks[0]!));
    await page.locator('button[value="save"]').click();
    await page.waitForURL(/saved=Flat/);

    // Both side by side, then the CSV of the two.
    for (const name of ["TV +50%", "Flat plan"]) await page.getByLabel(`compare ${name}`).check();
    await page.locator('#saved button[type="submit"]', { hasText: "Compare" }).click();
    await page.waitForURL(/compare=.*compare=/);
    await drawn(page, "grouped");
    const headers = await page.locator("#compare thead tr").first().locator("th").allTextContents();
    expect(headers.slice(1)).toEqual(["Flat plan", "TV +50%"]);
    expect(await page.locator('#compare tr[data-row="total"] td').count()).toBe(7);
    await page.locator("#compare").screenshot({ path: join(SCREENSHOTS, "scenario-compare.png") });
    const href = (await page.locator('#compare a[href*="export.csv"]').getAttribute("href"))!;
    const exported = await (await page.request.get(new URL(href, page.url()).toString())).text();
    const rows = exported.trim().split("\n");
    expect(rows[0]).toBe("scenario,row,spend,response,low,high,range_method");
    expect(rows).toHaveLength(1 + 2 * (6 + 2));
    const tvTotal = rows.find((r) => r.startsWith("TV +50%,total,"))!.split(",");
    expect(Number(tvTotal[3])).toBeCloseTo(expected.predicted.total, 6);

    // Delete one: the other stays.
    await page.getByLabel("delete Flat plan").click();
    await page.waitForURL(/scenarios#saved$/);
    expect(await page.locator("#saved tr[data-scenario]").count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, "scenario-page.png"), fullPage: true });
    // The refused plan's page came back as 422, which the browser logs; nothing else went wrong.
    expect(errors).toEqual([expect.stringContaining("status of 422")]);
    await page.close();
  });
});
