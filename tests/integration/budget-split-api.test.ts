/**
 * `POST /api/budget-split` over HTTP against the real server, on the bundled multi-country demo trained through
 * the app (DE, FR, US, each market's best model picked): the API answers the service's numbers, the split meets
 * the budget and the bounds with equal marginal response across the free channels of free markets (KKT), it
 * returns at least today's split, and bad requests are refused with the argument named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { marketSplitJson, splitAcrossMarkets } from "../../core/budget-split/market-split.ts";
import { trainAndPickMarkets } from "../support/multi-country-runs.ts";
import { startLocalApp, type LocalApp } from "../support/local-app.ts";

const TOKEN = "budget-split-test-token-0123456789abcdef";
let local: LocalApp;

interface Amounts {
  name: string;
  current: number;
  spend: number;
  lower: number;
  upper: number;
  response: number;
  currentResponse: number;
  marginal: number | null;
  atBound: "lower" | "upper" | null;
}
interface Split {
  budget: number;
  targetRoas: number | null;
  currency: string | null;
  assumptions: string[];
  models: { market: string; runId: string; solID: string }[];
  markets: (Amounts & { channels: Amounts[] })[];
  totals: Record<string, number>;
  marginal: number | null;
  diagnostics: { status: string; relativeGap: number };
}
interface Answer {
  status: number;
  body: { status: string; data: Split & { field?: string }; message: string | null };
}

beforeAll(async () => {
  local = await startLocalApp("mmm-budget-split-", { MMM_API_TOKENS: TOKEN, TRAINER_WORKERS: "2" });
  await trainAndPickMarkets(local.app.services, ["DE", "FR", "US"], { iterations: 150, trials: 1 });
}, 300_000);
afterAll(async () => local?.stop());

async function post(body: unknown): Promise<Answer> {
  const response = await fetch(`${local.app.url}/api/budget-split`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

/** Equal marginals across free channels of free markets; bounds held; the budget spent. */
function expectOptimal(split: Split): void {
  const mu = split.marginal!;
  for (const market of split.markets) {
    expect(market.spend).toBeGreaterThanOrEqual(market.lower * (1 - 1e-9));
    expect(market.spend).toBeLessThanOrEqual(market.upper * (1 + 1e-9));
    for (const c of market.channels) {
      expect(c.spend, `${market.name} ${c.name}`).toBeGreaterThanOrEqual(c.lower * (1 - 1e-9));
      expect(c.spend, `${market.name} ${c.name}`).toBeLessThanOrEqual(c.upper * (1 + 1e-9));
      if (market.atBound !== null) continue;
      const gap = (c.marginal! - mu) / mu;
      if (c.atBound === null) expect(Math.abs(gap), `${market.name} ${c.name}`).toBeLessThan(1e-7);
      if (c.atBound === "lower") expect(gap).toBeLessThan(1e-7);
      if (c.atBound === "upper") expect(gap).toBeGreaterThan(-1e-7);
    }
  }
  expect(split.totals.spend).toBeCloseTo(split.budget, 4);
  expect(split.totals.response).toBeGreaterThanOrEqual(split.totals.scaledCurrentResponse * (1 - 1e-12));
}

describe("POST /api/budget-split", () => {
  it("splits today's budget across the picked models of every market, as the service does", async () => {
    const { status, body } = await post({});
    expect(status, body.message ?? "").toBe(200);
    const split = body.data;
    expect(split.markets.map((m) => m.name)).toEqual(["DE", "FR", "US"]);
    expect(split.models.map((m) => m.market)).toEqual(["DE", "FR", "US"]);
    expect(split).toEqual(marketSplitJson(await splitAcrossMarkets(local.app.services, {})));
    expect(split.budget).toBeCloseTo(split.totals.currentSpend, 6);
    expect(split.totals.response).toBeGreaterThanOrEqual(split.totals.currentResponse);
    expect(split.diagnostics).toMatchObject({ status: "optimal" });
    expect(split.diagnostics.relativeGap).toBeLessThanOrEqual(1e-10);
    expect(split.currency).toBeNull();
    expect(split.assumptions[0]).toBe(
      "No currency is recorded for DE, FR, US: their spends and responses are taken to be in one currency.",
    );
    expectOptimal(split);
    console.log(
      `split of ${split.budget.toFixed(0)} per week: response ${split.totals.currentResponse.toFixed(0)} → ` +
        `${split.totals.response.toFixed(0)} (+${(100 * split.totals.responseGainShare!).toFixed(2)} %)`,
    );
  });

  it("takes a bigger budget, channel and market bounds, and one currency", async () => {
    const today = (await post({ countries: ["de", "fr"] })).body.data;
    const budget = 1.2 * today.totals.currentSpend;
    const { status, body } = await post({
      countries: ["DE", "FR"],
      total_budget: budget,
      channel_constr_low: 0.4,
      channel_bounds: { TV_S: { up: 1.1 }, "FR.SEARCH_SPEND": { low: 1, up: 1 } },
      market_bounds: { de: { up: 1.05 } },
      currencies: { DE: "EUR", FR: "eur" },
    });
    expect(status, body.message ?? "").toBe(200);
    const split = body.data;
    expect(split.currency).toBe("EUR");
    const de = split.markets.find((m) => m.name === "DE")!;
    const fr = split.markets.find((m) => m.name === "FR")!;
    expect(de.spend).toBeLessThanOrEqual(1.05 * de.current * (1 + 1e-12));
    for (const market of split.markets) {
      const tv = market.channels.find((c) => c.name === "TV_S")!;
      expect(tv.upper).toBeCloseTo(1.1 * tv.current, 6);
      expect(market.channels.find((c) => c.name === "FACEBOOK_S")!.lower).toBeCloseTo(
        0.4 * market.channels.find((c) => c.name === "FACEBOOK_S")!.current,
        6,
      );
    }
    const search = fr.channels.find((c) => c.name === "SEARCH_SPEND")!;
    expect(search.spend).toBeCloseTo(search.current, 6);
    expect(split.totals.spend).toBeCloseTo(budget, 4);
  });

  it("meets a ROAS target with the largest budget whose best split returns it", async () => {
    const today = (await post({})).body.data;
    const target = 0.95 * (today.totals.response / today.totals.spend);
    const { status, body } = await post({ target_roas: target });
    expect(status, body.message ?? "").toBe(200);
    const split = body.data;
    expect(split.targetRoas).toBe(target);
    expect(split.totals.response / split.totals.spend).toBeCloseTo(target, 8);
    expect(split.budget).toBeGreaterThan(today.budget);
    expectOptimal(split);
  });

  it("refuses bad requests with the argument named", async () => {
    const cases: [unknown, number, string, RegExp][] = [
      [{ countries: ["IT"] }, 422, "countries", /^IT has no picked model: pick one for it first/],
      [{ currencies: { DE: "EUR", FR: "GBP" } }, 422, "currencies.FR", /DE spends in EUR but FR in GBP/],
      [{ currencies: { DE: "EUR" } }, 422, "currencies.FR", /currency of FR, US is not given/],
      [
        { channel_bounds: { TV: { up: 2 } } },
        422,
        "channel_bounds.TV",
        /^TV is not a paid channel of any market in the split: use one of TV_S/,
      ],
      [
        { market_bounds: { GB: { up: 2 } } },
        422,
        "market_bounds.GB",
        /^GB is not one of the markets in the split \(DE, FR, US\)/,
      ],
      [{ total_budget: 1e12 }, 422, "total_budget", /bounds allow at most .* per week/],
      [{ market_bounds: { US: { low: 3 } } }, 422, "market_bounds.US", /widen US's market bounds/],
      [{ target_roas: 1000 }, 422, "target_roas", /below the target 1000: lower the target or widen/],
      [{ target_roas: 2, total_budget: 1000 }, 422, "total_budget", /either a budget .* or a ROAS target/],
      [{ budget: 5 }, 422, "", /budget/],
      ["{nope", 400, "body", /not JSON/],
    ];
    for (const [body, status, field, message] of cases) {
      const { status: got, body: answer } = await post(body);
      expect(got, `${JSON.stringify(body)}: ${answer.message}`).toBe(status);
      expect(answer.status).toBe("error");
      if (field) expect(answer.data.field).toBe(field);
      expect(answer.message).toMatch(message);
    }
  });
});
