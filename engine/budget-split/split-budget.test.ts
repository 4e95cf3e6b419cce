import { describe, expect, it } from "vitest";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { responseAt } from "../allocator/response-curve.ts";
import { createRng } from "../search/rng.ts";
import { splitBudget, type SplitMarket, type SplitRequest, type SplitResult } from "./split-budget.ts";

/** Three markets of S-shaped (alpha > 1) and concave (alpha <= 1) curves, some with carryover. */
function markets(): SplitMarket[] {
  const channel = (
    name: string,
    coef: number,
    alpha: number,
    inflexion: number,
    carryover: number,
    current: number,
  ) => ({
    name,
    curve: { coef, alpha, inflexion, carryover },
    current,
    low: 0.3,
    up: 3,
  });
  return [
    {
      name: "DE",
      channels: [
        channel("TV_S", 900_000, 2.2, 60_000, 8_000, 40_000),
        channel("SEARCH_S", 300_000, 0.9, 10_000, 0, 12_000),
        channel("OOH_S", 150_000, 2.8, 25_000, 0, 9_000),
      ],
    },
    {
      name: "FR",
      channels: [
        channel("TV_S", 500_000, 1.8, 50_000, 4_000, 30_000),
        channel("SEARCH_S", 260_000, 1.0, 9_000, 500, 15_000),
      ],
    },
    {
      name: "US",
      channels: [
        channel("TV_S", 2_400_000, 2.5, 160_000, 20_000, 90_000),
        channel("SEARCH_S", 800_000, 0.7, 30_000, 0, 25_000),
        channel("OOH_S", 300_000, 3.0, 40_000, 0, 30_000),
      ],
    },
  ];
}

const currentTotal = (ms: SplitMarket[]) => ms.flatMap((m) => m.channels).reduce((s, c) => s + c.current, 0);

/**
 * First-order optimality (KKT) of max Σ R s.t. Σx = B, channel boxes, market totals: within a market the free
 * channels share the market's price λ_m, a channel on its lower bound earns at most λ_m and one on its upper
 * bound at least λ_m; free markets share one price μ, a market on its upper bound has λ_m >= μ, on its lower
 * λ_m <= μ. Prints the worst relative violation.
 */
function expectKkt(result: SplitResult, tolerance = 1e-7): void {
  const mu = result.marginal;
  let worst = 0;
  const check = (ok: boolean, violation: number) => {
    if (!ok) worst = Math.max(worst, violation);
  };
  for (const market of result.markets) {
    const lambda = market.marginal;
    for (const c of market.channels) {
      expect(c.spend).toBeGreaterThanOrEqual(c.lower * (1 - 1e-12));
      expect(c.spend).toBeLessThanOrEqual(c.upper * (1 + 1e-12));
      if (!Number.isFinite(lambda)) continue;
      const gap = (c.marginal - lambda) / lambda;
      if (c.atBound === null) check(Math.abs(gap) <= tolerance, Math.abs(gap));
      if (c.atBound === "lower") check(gap <= tolerance, gap);
      if (c.atBound === "upper") check(gap >= -tolerance, -gap);
    }
    if (!Number.isFinite(lambda) || !Number.isFinite(mu)) continue;
    const gap = (lambda - mu) / mu;
    if (market.atBound === null) check(Math.abs(gap) <= tolerance, Math.abs(gap));
    if (market.atBound === "upper") check(gap >= -tolerance, -gap);
    if (market.atBound === "lower") check(gap <= tolerance, gap);
  }
  console.log(`worst KKT violation ${worst.toExponential(2)}`);
  expect(worst).toBe(0);
  expect(Math.abs(result.totals.spend - result.budget)).toBeLessThanOrEqual(1e-9 * result.budget);
}

/** Random splits that meet the budget, the channel bounds and the market bounds. */
function randomFeasible(request: SplitRequest, count: number): number[][] {
  const rng = createRng(7);
  const channels = request.markets.flatMap((m) => m.channels);
  const lower = channels.map((c) => c.current * c.low);
  const upper = channels.map((c) => c.current * c.up);
  const out: number[][] = [];
  for (let tries = 0; out.length < count && tries < 200 * count; tries++) {
    const w = channels.map(() => rng.next());
    const room = w.reduce((s, wi, i) => s + wi * (upper[i]! - lower[i]!), 0);
    const scale = (request.budget! - lower.reduce((s, l) => s + l, 0)) / room;
    if (!(scale >= 0 && scale <= 1)) continue;
    const x = w.map((wi, i) => lower[i]! + scale * wi * (upper[i]! - lower[i]!));
    let start = 0;
    const inside = request.markets.every((m) => {
      const total = x.slice(start, (start += m.channels.length)).reduce((s, v) => s + v, 0);
      const current = m.channels.reduce((s, c) => s + c.current, 0);
      return total >= current * (m.low ?? 0) && total <= current * (m.up ?? Infinity);
    });
    if (inside) out.push(x);
  }
  return out;
}

function responseOf(request: SplitRequest, x: number[]): number {
  return request.markets.flatMap((m) => m.channels).reduce((s, c, i) => s + responseAt(c.curve, x[i]!), 0);
}

describe("splitBudget", () => {
  it("re-splits today's budget across markets: KKT holds, and it beats today's split and random splits", () => {
    const request = { markets: markets(), budget: currentTotal(markets()) };
    const result = splitBudget(request);
    expect(result.diagnostics.status).toBe("optimal");
    expect(result.diagnostics.relativeGap).toBeLessThanOrEqual(1e-10);
    expectKkt(result);
    expect(result.totals.response).toBeGreaterThanOrEqual(result.totals.currentResponse);
    expect(result.totals.responseGain).toBeGreaterThan(0);
    const samples = randomFeasible(request, 3000);
    expect(samples.length).toBe(3000);
    const bestRandom = Math.max(...samples.map((x) => responseOf(request, x)));
    console.log(`split ${result.totals.response.toFixed(2)} vs best of 3000 random ${bestRandom.toFixed(2)}`);
    expect(result.totals.response).toBeGreaterThanOrEqual(bestRandom);
    // Money moves between markets, not only within them.
    expect(result.markets.some((m) => Math.abs(m.spend - m.current) > 0.01 * m.current)).toBe(true);
  });

  it("keeps market bounds: a capped market sits on its cap with a higher marginal than the free markets", () => {
    const free = splitBudget({ markets: markets(), budget: 1.3 * currentTotal(markets()) });
    const grower = free.markets.reduce((a, b) => (b.spend / b.current > a.spend / a.current ? b : a));
    const capped = markets().map((m) => (m.name === grower.name ? { ...m, low: 0.9, up: 1.05 } : m));
    const request = { markets: capped, budget: 1.3 * currentTotal(capped) };
    const result = splitBudget(request);
    const market = result.markets.find((m) => m.name === grower.name)!;
    expect(market.atBound).toBe("upper");
    expect(market.spend).toBeCloseTo(1.05 * market.current, 6);
    expect(market.marginal).toBeGreaterThan(result.marginal);
    expectKkt(result);
    expect(result.totals.response).toBeLessThanOrEqual(free.totals.response);
    const samples = randomFeasible(request, 2000);
    expect(samples.length).toBeGreaterThan(500);
    expect(result.totals.response).toBeGreaterThanOrEqual(
      Math.max(...samples.map((x) => responseOf(request, x))),
    );
  });

  it("gives the same split whether loose market bounds go through the market relaxation or not", () => {
    const budget = currentTotal(markets());
    const plain = splitBudget({ markets: markets(), budget });
    // Bounds tighter than the channels' (so the market relaxation runs) but away from the optimum.
    const loose = markets().map((m) => {
      const r = plain.markets.find((p) => p.name === m.name)!;
      return { ...m, low: (0.95 * r.spend) / r.current, up: (1.05 * r.spend) / r.current };
    });
    const bounded = splitBudget({ markets: loose, budget });
    expect(bounded.markets.every((m) => m.atBound === null)).toBe(true);
    expect(bounded.totals.response).toBeCloseTo(plain.totals.response, 6);
    bounded.markets.forEach((m, k) =>
      m.channels.forEach((c, j) =>
        expect(Math.abs(c.spend - plain.markets[k]!.channels[j]!.spend)).toBeLessThanOrEqual(1e-6 * budget),
      ),
    );
  });

  it("finds the grid's best split of two small S-curve markets with a market floor", () => {
    const s = (name: string, coef: number, alpha: number, inflexion: number) => ({
      name,
      curve: { coef, alpha, inflexion, carryover: 0 },
      current: 10,
      low: 0,
      up: 4,
    });
    const request: SplitRequest = {
      markets: [
        { name: "A", channels: [s("x", 100, 3, 15), s("y", 60, 2, 8)], low: 1.2 },
        { name: "B", channels: [s("x", 120, 3.5, 20), s("y", 40, 1.5, 5)] },
      ],
      budget: 40,
    };
    const result = splitBudget(request);
    let best = -Infinity;
    const step = 0.2;
    for (let a = 0; a <= 40; a += step)
      for (let b = 0; a + b <= 40; b += step)
        for (let c = 0; a + b + c <= 40; c += step) {
          const d = 40 - a - b - c;
          if (d > 40 || a + b < 24 || [a, b, c].some((v) => v > 40)) continue;
          best = Math.max(best, responseOf(request, [a, b, c, d]));
        }
    console.log(`split ${result.totals.response} vs grid ${best}`);
    expect(result.totals.response).toBeGreaterThanOrEqual(best);
    expect(result.markets[0]!.spend).toBeGreaterThanOrEqual(24 * (1 - 1e-12));
    expectKkt(result);
  });

  it("meets a ROAS target with the largest budget whose best split returns it", () => {
    const today = splitBudget({ markets: markets(), budget: currentTotal(markets()) });
    const target = 0.97 * (today.totals.response / today.totals.spend);
    const result = splitBudget({ markets: markets(), targetRoas: target });
    expect(result.targetRoas).toBe(target);
    expect(result.totals.response / result.totals.spend).toBeCloseTo(target, 9);
    expect(result.budget).toBeGreaterThan(today.budget);
    expectKkt(result);
    // The same split as asking for that budget; a budget 1 % larger cannot return the target.
    const atBudget = splitBudget({ markets: markets(), budget: result.budget });
    expect(atBudget.totals.response).toBeCloseTo(result.totals.response, 3);
    const more = splitBudget({ markets: markets(), budget: 1.01 * result.budget });
    expect(more.totals.response / more.totals.spend).toBeLessThan(target);
    const unreachable = expectInvalidInput(
      () => splitBudget({ markets: markets(), targetRoas: 1000 }),
      "target_roas",
    );
    expect(unreachable.message).toMatch(
      /^The best return any split within the channel bounds reaches is .* below the target 1000/,
    );
    expectInvalidInput(() => splitBudget({ markets: markets(), budget: 1, targetRoas: 1 }), "total_budget");
  });

  it("refuses a budget outside the bounds and a market bound its channels cannot meet, naming them", () => {
    const total = currentTotal(markets());
    const over = expectInvalidInput(
      () => splitBudget({ markets: markets(), budget: 10 * total }),
      "total_budget",
    );
    expect(over.message).toMatch(
      /^The bounds allow at most .* across the markets but the budget is .*: raise the highest spends/,
    );
    const tooHigh = markets().map((m) => (m.name === "FR" ? { ...m, low: 4 } : m));
    const market = expectInvalidInput(
      () => splitBudget({ markets: tooHigh, budget: total, per: "per week" }),
      "market_bounds.FR",
    );
    expect(market.message).toMatch(/^FR's channels allow .* per week, outside its market bounds: widen FR's/);
    const reversed = markets().map((m) =>
      m.name === "DE"
        ? { ...m, channels: [{ ...m.channels[0]!, low: 2, up: 1 }, ...m.channels.slice(1)] }
        : m,
    );
    const channel = expectInvalidInput(
      () => splitBudget({ markets: reversed, budget: total }),
      "channel_bounds.DE.TV_S",
    );
    expect(channel.message).toBe(
      "The highest spend of DE TV_S (1× today's) is below its lowest (2×): swap them or widen the range.",
    );
  });
});
