/**
 * The cross-market budget split (issue "Decisions", item 5): given each market's model (one response curve per
 * paid channel, Robyn's `fx_objective`), split a total budget per period across markets and their channels to
 * maximise the total response:
 *
 *   max Σ_m Σ_{i in m} R_i(x_i)  s.t.  Σ x_i = B,  a_i <= x_i <= b_i,  L_m <= Σ_{i in m} x_i <= U_m
 *
 * Every market's channels are one more set of channels to the allocator, so without market bounds this is the
 * allocator's problem over all channels at once (`maximiseResponse`, a certified global optimum). Market bounds
 * couple channels of one market; the allocator's branch and bound runs on the same boxes with a relaxation that
 * keeps them (`market-relaxation.ts`), which is exact for the concave envelopes, so the result is again the global
 * optimum within the relative gap (1e-11), with its certificate. A polish step then solves each market at a bound
 * and the free markets together with the allocator's own solver, so that the KKT conditions hold to rounding
 * (equal marginal response across the free channels of free markets), keeping the branch and bound's point if
 * the polish would leave a market bound or lose response.
 */
import { branchAndBound, type SpendBounds } from "../allocator/branch-and-bound.ts";
import { bestReachableEfficiency, totalResponse } from "../allocator/efficiency.ts";
import { curveOf, marginalResponseAt, responseAt, type ResponseCurves } from "../allocator/response-curve.ts";
import { maximiseAtTarget, maximiseResponse } from "../allocator/solve.ts";
import { invalidInput } from "../../common/errors.ts";
import { relaxByMarket, type MarketSlice } from "./market-relaxation.ts";
import { checkSplitFeasible, checkSplitRequest, type MarketRange } from "./split-checks.ts";
import type { BoundSide, SplitMarketResult, SplitRequest, SplitResult } from "./split-request.ts";

export type * from "./split-request.ts";

/** Everything the solver needs, with the markets' channels laid end to end. */
interface Layout {
  curves: ResponseCurves;
  bounds: SpendBounds;
  current: Float64Array;
  slices: MarketSlice[];
  ranges: MarketRange[];
  /** True when some market's own bound is tighter than its channels' bounds allow. */
  marketBound: boolean;
}

export function splitBudget(request: SplitRequest): SplitResult {
  checkSplitRequest(request);
  const layout = layoutOf(request);
  if (request.targetRoas !== undefined) {
    const { spend, search } = solveAtTarget(layout, request.targetRoas);
    return resultOf(request, layout, spend, search);
  }
  const budget = request.budget!;
  checkSplitFeasible(layout.ranges, budget, request.per ?? "per period");
  const { spend, search } = layout.marketBound
    ? solveWithMarketBounds(layout, budget)
    : solveAsOneAllocation(layout, budget);
  return resultOf(request, layout, spend, search);
}

/**
 * The largest total spend whose best split returns `target` per unit, split that way: the allocator's
 * target_efficiency solver over every market's channels (a certified global optimum). Market bounds are not part
 * of that solver; its split is kept when it meets them (it is then the optimum with them too) and refused otherwise.
 */
function solveAtTarget(layout: Layout, target: number): { spend: Float64Array; search: Search } {
  const best = bestReachableEfficiency(layout.curves, layout.bounds).ratio;
  if (!(best >= target))
    throw invalidInput(
      "target_roas",
      `The best return any split within the channel bounds reaches is ${best.toPrecision(3)} per unit of ` +
        `spend, below the target ${target}: lower the target or widen the bounds.`,
      { best },
    );
  const solution = maximiseAtTarget(layout.curves, layout.bounds, target);
  const outside = layout.ranges.find((range, m) => {
    const total = sliceSum(solution.spend, layout.slices[m]!);
    return total < range.lower * (1 - 1e-9) || total > range.upper * (1 + 1e-9);
  });
  if (outside)
    throw invalidInput(
      `market_bounds.${outside.name}`,
      `Meeting a ROAS target with market bounds works only when they do not bind, and ${outside.name}'s does: ` +
        `drop its market bound, or split a budget instead.`,
    );
  const { method, status, nodes, upperBound, relativeGap } = solution.diagnostics;
  return {
    spend: solution.spend,
    search: { method, status, nodes, upperBound, relativeGap, achieved: solution.totalResponse },
  };
}

function layoutOf(request: SplitRequest): Layout {
  const channels = request.markets.flatMap((m) => m.channels);
  const pick = (f: (c: (typeof channels)[number]) => number) => Float64Array.from(channels, f);
  const slices: MarketSlice[] = [];
  const ranges: MarketRange[] = [];
  let start = 0;
  let marketBound = false;
  for (const market of request.markets) {
    const end = start + market.channels.length;
    let current = 0;
    let channelLower = 0;
    let channelUpper = 0;
    for (const c of market.channels) {
      current += c.current;
      channelLower += c.current * c.low;
      channelUpper += c.current * c.up;
    }
    const own = { lower: current * (market.low ?? 0), upper: current * (market.up ?? Infinity) };
    if (own.lower > channelLower || own.upper < channelUpper) marketBound = true;
    const lower = Math.max(own.lower, channelLower);
    const upper = Math.min(own.upper, channelUpper);
    slices.push({ start, end, ...own });
    ranges.push({ name: market.name, lower, upper, channelLower, channelUpper });
    start = end;
  }
  return {
    curves: {
      coef: pick((c) => c.curve.coef),
      alpha: pick((c) => c.curve.alpha),
      inflexion: pick((c) => c.curve.inflexion),
      carryover: pick((c) => c.curve.carryover),
    },
    bounds: { lower: pick((c) => c.current * c.low), upper: pick((c) => c.current * c.up) },
    current: pick((c) => c.current),
    slices,
    ranges,
    marketBound,
  };
}

type Search = SplitResult["diagnostics"] & { achieved: number };

function solveAsOneAllocation(layout: Layout, budget: number): { spend: Float64Array; search: Search } {
  const solution = maximiseResponse(layout.curves, layout.bounds, budget);
  const { method, status, nodes, upperBound, relativeGap } = solution.diagnostics;
  return {
    spend: solution.spend,
    search: { method, status, nodes, upperBound, relativeGap, achieved: solution.totalResponse },
  };
}

function solveWithMarketBounds(layout: Layout, budget: number): { spend: Float64Array; search: Search } {
  const { curves, bounds, slices } = layout;
  const search = branchAndBound(
    curves,
    bounds,
    (envelopes) => relaxByMarket(envelopes, slices, budget),
    (relaxed) => ({ spend: relaxed.spend, value: totalResponse(curves, relaxed.spend) }),
    {},
  );
  const found = search.best!;
  const spend = polish(layout, found.spend, budget);
  const achieved = totalResponse(curves, spend);
  return {
    spend,
    search: {
      method: "concave-envelope branch and bound",
      status: search.status,
      nodes: search.nodes,
      upperBound: search.upperBound,
      relativeGap: Math.max(0, search.upperBound - achieved) / Math.max(Math.abs(achieved), 1e-300),
      achieved,
    },
  };
}

/**
 * Re-solves each market on one of its total bounds at exactly that total, and the other markets together with the
 * rest of the budget, with the allocator's solver (which makes their marginals equal to rounding). A part is kept
 * only when it stays inside the market bounds and loses no response.
 */
function polish(layout: Layout, found: Float64Array, budget: number): Float64Array {
  const { curves, bounds, slices, ranges } = layout;
  const spend = Float64Array.from(found);
  const free: number[] = [];
  let boundTotal = 0;
  slices.forEach((slice, m) => {
    const total = sliceSum(spend, slice);
    const { lower, upper } = ranges[m]!;
    const near = (edge: number) => Math.abs(total - edge) <= 1e-9 * Math.max(upper, 1);
    const edge = near(lower) ? lower : near(upper) ? upper : undefined;
    if (edge === undefined) {
      free.push(m);
      return;
    }
    boundTotal += edge;
    improveWith(curves, bounds, spend, [slice], edge);
  });
  if (free.length > 0) {
    const parts = free.map((m) => slices[m]!);
    const trial = Float64Array.from(spend);
    improveWith(curves, bounds, trial, parts, budget - boundTotal);
    const inside = free.every((m) => {
      const total = sliceSum(trial, slices[m]!);
      const { lower, upper } = ranges[m]!;
      return total >= lower * (1 - 1e-12) && total <= upper * (1 + 1e-12);
    });
    if (inside) spend.set(trial);
  }
  return totalResponse(curves, spend) >= totalResponse(curves, found) * (1 - 1e-14) ? spend : found;
}

/** Solves the channels of `parts` for `total` with the allocator and writes the result when it is no worse. */
function improveWith(
  curves: ResponseCurves,
  bounds: SpendBounds,
  spend: Float64Array,
  parts: readonly MarketSlice[],
  total: number,
): void {
  const indices = parts.flatMap((p) => Array.from({ length: p.end - p.start }, (_, k) => p.start + k));
  const pick = (values: Float64Array) => Float64Array.from(indices, (i) => values[i]!);
  const sub: ResponseCurves = {
    coef: pick(curves.coef),
    alpha: pick(curves.alpha),
    inflexion: pick(curves.inflexion),
    carryover: pick(curves.carryover),
  };
  const subBounds = { lower: pick(bounds.lower), upper: pick(bounds.upper) };
  let lowest = 0;
  let highest = 0;
  for (let k = 0; k < indices.length; k++)
    [lowest, highest] = [lowest + subBounds.lower[k]!, highest + subBounds.upper[k]!];
  const clamped = Math.min(highest, Math.max(lowest, total));
  const solution = maximiseResponse(sub, subBounds, clamped);
  const before = totalResponse(sub, pick(spend));
  if (solution.totalResponse < before * (1 - 1e-14)) return;
  indices.forEach((i, k) => (spend[i] = solution.spend[k]!));
}

function resultOf(request: SplitRequest, layout: Layout, spend: Float64Array, search: Search): SplitResult {
  const { curves, bounds, current, slices, ranges } = layout;
  const markets: SplitMarketResult[] = request.markets.map((market, m) => {
    const slice = slices[m]!;
    const channels = market.channels.map((channel, k) => {
      const i = slice.start + k;
      const curve = curveOf(curves, i);
      const x = spend[i]!;
      return {
        name: channel.name,
        current: current[i]!,
        spend: x,
        lower: bounds.lower[i]!,
        upper: bounds.upper[i]!,
        currentResponse: responseAt(curve, current[i]!),
        response: responseAt(curve, x),
        marginal: marginalResponseAt(curve, x),
        atBound: sideOf(x, bounds.lower[i]!, bounds.upper[i]!),
      };
    });
    const total = sliceSum(spend, slice);
    const own = market.low !== undefined || market.up !== undefined;
    return {
      name: market.name,
      current: sliceSum(current, slice),
      spend: total,
      lower: ranges[m]!.lower,
      upper: ranges[m]!.upper,
      currentResponse: sumBy(channels, (c) => c.currentResponse),
      response: sumBy(channels, (c) => c.response),
      marginal: medianOf(channels.filter((c) => c.atBound === null).map((c) => c.marginal)),
      atBound: own ? marketSide(total, slice) : null,
      channels,
    };
  });
  const currentSpend = sumBy(markets, (m) => m.current);
  const currentResponse = sumBy(markets, (m) => m.currentResponse);
  const response = sumBy(markets, (m) => m.response);
  const spent = sumBy(markets, (m) => m.spend);
  const budget = request.budget ?? spent;
  const scale = currentSpend > 0 ? budget / currentSpend : 0;
  let scaledCurrentResponse = 0;
  for (let i = 0; i < current.length; i++)
    scaledCurrentResponse += responseAt(curveOf(curves, i), current[i]! * scale);
  const { achieved: _achieved, ...diagnostics } = search;
  return {
    budget,
    targetRoas: request.targetRoas ?? null,
    markets,
    totals: {
      currentSpend,
      currentResponse,
      scaledCurrentResponse,
      spend: spent,
      response,
      responseGain: response - currentResponse,
      responseGainShare: (response - currentResponse) / currentResponse,
    },
    marginal: medianOf(
      markets
        .filter((m) => m.atBound === null)
        .flatMap((m) => m.channels.filter((c) => c.atBound === null).map((c) => c.marginal)),
    ),
    diagnostics,
  };
}

function sideOf(x: number, lower: number, upper: number): BoundSide {
  const margin = 1e-9 * Math.max(upper - lower, Math.abs(upper), 1e-300);
  if (x <= lower + margin) return "lower";
  if (x >= upper - margin) return "upper";
  return null;
}

function marketSide(total: number, slice: MarketSlice): BoundSide {
  const margin = 1e-9 * Math.max(total, 1);
  if (slice.lower > 0 && total <= slice.lower + margin) return "lower";
  if (Number.isFinite(slice.upper) && total >= slice.upper - margin) return "upper";
  return null;
}

function sliceSum(values: Float64Array, slice: MarketSlice): number {
  let total = 0;
  for (let i = slice.start; i < slice.end; i++) total += values[i]!;
  return total;
}

function sumBy<T>(items: readonly T[], f: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += f(item);
  return total;
}

function medianOf(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
