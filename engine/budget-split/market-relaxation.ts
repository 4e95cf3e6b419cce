/**
 * The concave relaxation of the cross-market split on one box of the branch and bound (`split-budget.ts`):
 *
 *   max Σ_i R̂_i(x_i)  s.t.  Σ_i x_i = B,  a_i <= x_i <= b_i,  L_m <= Σ_{i in m} x_i <= U_m  for every market m
 *
 * with R̂_i the concave envelope of channel i's curve on [a_i, b_i] (`../allocator/concave-envelope.ts`). Market m's
 * best relaxed response for a market total S, V_m(S), is concave in S, so its best reply to a price μ on the
 * budget is the unconstrained reply (the sum of its channels' best replies, non-increasing in μ) clamped to the
 * market's range [max(L_m, Σa_i), min(U_m, Σb_i)]; at a clamped total the market's channels are the market's own
 * relaxation at that total (`relaxBudget`), which does not depend on μ and is computed once per box. The total
 * reply is therefore non-increasing in μ, bisection finds the price that spends B, and the gap between the replies
 * at two adjacent prices is bridged by the convex combination of the two replies: both maximise the concave
 * Lagrangian at that price, so every point between them does too (the same argument as `relaxBudget`).
 */
import { relaxBudget, spendAtBudget, type Relaxed } from "../allocator/branch-and-bound.ts";
import { bestReply, envelopeValue, type ChannelEnvelope } from "../allocator/concave-envelope.ts";

/** A market's channels are the contiguous slice [start, end) of the solver's arrays. */
export interface MarketSlice {
  readonly start: number;
  readonly end: number;
  /** Bounds on the market's total spend per period (0 and Infinity when it has none). */
  readonly lower: number;
  readonly upper: number;
}

interface MarketOnBox {
  slice: MarketSlice;
  envelopes: ChannelEnvelope[];
  low: number;
  high: number;
  /** The market's relaxation at its low and high totals, computed when first needed. */
  atLow?: Float64Array;
  atHigh?: Float64Array;
}

/** The relaxed split on the box the envelopes span, or null when no point of the box meets the market bounds. */
export function relaxByMarket(
  envelopes: ChannelEnvelope[],
  markets: readonly MarketSlice[],
  budget: number,
): Relaxed | null {
  const onBox: MarketOnBox[] = [];
  let sumLow = 0;
  let sumHigh = 0;
  for (const slice of markets) {
    const own = envelopes.slice(slice.start, slice.end);
    let boxLow = 0;
    let boxHigh = 0;
    for (const e of own) [boxLow, boxHigh] = [boxLow + e.lower, boxHigh + e.upper];
    const low = Math.max(slice.lower, boxLow);
    const high = Math.min(slice.upper, boxHigh);
    if (low > high + 1e-13 * Math.max(high, 1)) return null;
    onBox.push({ slice, envelopes: own, low, high: Math.max(low, high) });
    sumLow += low;
    sumHigh += Math.max(low, high);
  }
  const slack = 1e-13 * Math.max(sumHigh, 1);
  if (budget < sumLow - slack || budget > sumHigh + slack) return null;
  const n = envelopes.length;
  const spend = new Float64Array(n);
  const reply = (price: number, out?: Float64Array): number => {
    let total = 0;
    for (const market of onBox) total += marketReply(market, price, out ?? spend);
    return total;
  };
  if (budget <= sumLow || budget >= sumHigh) {
    for (const market of onBox) atEdge(market, budget <= sumLow ? "low" : "high", spend);
  } else {
    spend.set(spendAtBudget(reply, budget, n));
  }
  placeResidual(spend, envelopes, onBox, budget);
  let bound = 0;
  for (let i = 0; i < n; i++) bound += envelopeValue(envelopes[i]!, spend[i]!);
  return { spend, bound };
}

/** The market's total at a price (its channels' replies, clamped to its range), writing its channels' spends. */
function marketReply(market: MarketOnBox, price: number, out: Float64Array): number {
  const { start } = market.slice;
  let total = 0;
  market.envelopes.forEach((e, k) => {
    const x = bestReply(e, price);
    out[start + k] = x;
    total += x;
  });
  if (total < market.low) return atEdge(market, "low", out);
  if (total > market.high) return atEdge(market, "high", out);
  return total;
}

/** Writes the market's relaxation at its low or high total; returns that total. */
function atEdge(market: MarketOnBox, edge: "low" | "high", out: Float64Array): number {
  const total = edge === "low" ? market.low : market.high;
  let spend = edge === "low" ? market.atLow : market.atHigh;
  if (spend === undefined) {
    // The range lies within the sums of the market's box bounds, so the market's relaxation exists.
    spend =
      relaxBudget(market.envelopes, total)?.spend ?? Float64Array.from(market.envelopes, (e) => e.lower);
    if (edge === "low") market.atLow = spend;
    else market.atHigh = spend;
  }
  out.set(spend, market.slice.start);
  return total;
}

/**
 * Puts Σx − budget rounding residue on the channel with the most room, inside its box and its market's range, so
 * that the relaxed point (the branch and bound's candidate) spends the budget exactly.
 */
function placeResidual(
  spend: Float64Array,
  envelopes: ChannelEnvelope[],
  markets: MarketOnBox[],
  budget: number,
): void {
  let residual = budget;
  for (const x of spend) residual -= x;
  if (residual === 0) return;
  let best = -1;
  let room = 0;
  for (const market of markets) {
    let total = 0;
    for (let i = market.slice.start; i < market.slice.end; i++) total += spend[i]!;
    const marketRoom = residual > 0 ? market.high - total : total - market.low;
    for (let i = market.slice.start; i < market.slice.end; i++) {
      const e = envelopes[i]!;
      const own = residual > 0 ? e.upper - spend[i]! : spend[i]! - e.lower;
      const channelRoom = Math.min(own, marketRoom);
      if (channelRoom > room) [best, room] = [i, channelRoom];
    }
  }
  if (best < 0) return;
  spend[best] = spend[best]! + Math.sign(residual) * Math.min(Math.abs(residual), room);
}
