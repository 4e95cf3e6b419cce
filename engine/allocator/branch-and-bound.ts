/**
 * Spatial branch and bound over spend boxes with concave-envelope relaxations, for a sum of per-channel response
 * curves (the allocator's global solver; the method and why it was chosen are in `solve.ts`).
 *
 * A box is one interval [a_i, b_i] per channel. Its relaxation replaces each curve by its concave envelope on the
 * interval (`concave-envelope.ts`) and is solved exactly through the channels' best replies to a price:
 *   - `relaxBudget`: max Σ R̂_i s.t. Σx = B. The total reply is non-increasing in the price μ, so bisection on μ
 *     brackets the budget between two adjacent prices; the gap between their replies (a jump across an envelope's
 *     linear piece) is bridged along that piece, which is exact because R̂ is linear there.
 *   - `relaxTarget`: max Σx s.t. Σ (R̂_i − t·x_i) >= 0. At a price ν < t the relaxed surplus is non-decreasing in ν,
 *     so bisection on ν in [0, t] finds the largest relaxed spend.
 * The relaxation's value bounds the box's true maximum from above; a caller-supplied function turns the relaxed
 * point into a feasible candidate (a lower bound). Boxes are explored best-bound first and split at the relaxed
 * spend of the channel whose envelope lies furthest above its curve, until the best bound is within a relative gap
 * of the best candidate: the returned candidate is then the global optimum up to that gap.
 */
import { bestReply, concaveEnvelope, envelopeValue, type ChannelEnvelope } from "./concave-envelope.ts";
import { curveOf, responseAt, type ResponseCurves } from "./response-curve.ts";

export interface SpendBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

export interface SolverOptions {
  /** Stop when (best upper bound − best value) <= relativeGap·|best value|. Default 1e-11. */
  relativeGap?: number;
  /** Give up (status `node_limit`) after this many boxes. Default 20 000. */
  maxNodes?: number;
}

export type SolverStatus = "optimal" | "node_limit" | "upper_bounds";

export interface Relaxed {
  spend: Float64Array;
  /** Upper bound of the objective on the box (Σ R̂ for a budget, Σ x for a target). */
  bound: number;
}

export interface Candidate {
  spend: Float64Array;
  value: number;
}

interface Box {
  lower: Float64Array;
  upper: Float64Array;
  envelopes: ChannelEnvelope[];
  relaxed: Relaxed;
}

export interface Search {
  best: Candidate | null;
  upperBound: number;
  nodes: number;
  status: SolverStatus;
}

const DEFAULT_GAP = 1e-11;

const DEFAULT_MAX_NODES = 20_000;

export function branchAndBound(
  curves: ResponseCurves,
  bounds: SpendBounds,
  relax: (envelopes: ChannelEnvelope[]) => Relaxed | null,
  candidateOf: (relaxed: Relaxed) => Candidate | null,
  options: SolverOptions,
  initial: Candidate | null = null,
): Search {
  const relativeGap = options.relativeGap ?? DEFAULT_GAP;
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const n = bounds.lower.length;
  let best = initial;
  let nodes = 0;
  let setAside = -Infinity; // bound of boxes dropped without a split (exact to rounding), kept for the certificate
  const tolerance = (): number => (best === null ? 0 : relativeGap * Math.max(Math.abs(best.value), 1e-300));
  const open = new MaxHeap<Box>();

  const consider = (lower: Float64Array, upper: Float64Array, envelopes: ChannelEnvelope[]): void => {
    nodes++;
    const relaxed = relax(envelopes);
    if (relaxed === null) return;
    const candidate = candidateOf(relaxed);
    if (candidate !== null && (best === null || candidate.value > best.value)) best = candidate;
    if (best !== null && relaxed.bound <= best.value + tolerance()) return;
    open.push({ lower, upper, envelopes, relaxed }, relaxed.bound);
  };

  const rootLower = copyOf(bounds.lower, n);
  const rootUpper = copyOf(bounds.upper, n);
  consider(
    rootLower,
    rootUpper,
    Array.from({ length: n }, (_, i) => concaveEnvelope(curveOf(curves, i), rootLower[i]!, rootUpper[i]!)),
  );

  let status: SolverStatus = "optimal";
  while (open.size > 0) {
    const top = open.peekPriority();
    if (best !== null && top <= best.value + tolerance()) break;
    if (nodes >= maxNodes) {
      status = "node_limit";
      break;
    }
    const box = open.pop()!;
    const k = widestGap(box);
    if (k < 0) {
      // The relaxation is exact on this box (to rounding): its candidate was already recorded.
      setAside = Math.max(setAside, box.relaxed.bound);
      continue;
    }
    const split = box.relaxed.spend[k]!;
    const curve = curveOf(curves, k);
    const leftUpper = Float64Array.from(box.upper);
    leftUpper[k] = split;
    const leftEnvelopes = box.envelopes.slice();
    leftEnvelopes[k] = concaveEnvelope(curve, box.lower[k]!, split);
    consider(box.lower, leftUpper, leftEnvelopes);
    const rightLower = Float64Array.from(box.lower);
    rightLower[k] = split;
    const rightEnvelopes = box.envelopes.slice();
    rightEnvelopes[k] = concaveEnvelope(curve, split, box.upper[k]!);
    consider(rightLower, box.upper, rightEnvelopes);
  }
  const remaining = open.size > 0 ? open.peekPriority() : -Infinity;
  const achieved = best === null ? -Infinity : (best as Candidate).value;
  return { best, upperBound: Math.max(remaining, achieved, setAside), nodes, status };
}

/** The channel whose envelope is furthest above its curve at the relaxed point, or −1 when none is (exact box). */
function widestGap(box: Box): number {
  let widest = -1;
  let widestGap = 0;
  let scale = 0;
  for (let i = 0; i < box.envelopes.length; i++) {
    const envelope = box.envelopes[i]!;
    const x = box.relaxed.spend[i]!;
    const value = responseAt(envelope.curve, x);
    scale += Math.abs(value);
    const gap = envelopeValue(envelope, x) - value;
    if (gap > widestGap && x > envelope.lower && x < envelope.upper) [widest, widestGap] = [i, gap];
  }
  return widestGap > 1e-15 * scale ? widest : -1;
}

/** The concave relaxation on a box with Σx = budget: bisection on the price μ of the channels' best replies. */
export function relaxBudget(envelopes: ChannelEnvelope[], budget: number): Relaxed | null {
  const n = envelopes.length;
  let sumLower = 0;
  let sumUpper = 0;
  for (const envelope of envelopes) {
    sumLower += envelope.lower;
    sumUpper += envelope.upper;
  }
  const slack = 1e-13 * Math.max(sumUpper, 1);
  if (budget < sumLower - slack || budget > sumUpper + slack) return null;
  const spend = new Float64Array(n);
  if (budget <= sumLower || budget >= sumUpper) {
    envelopes.forEach((e, i) => (spend[i] = budget <= sumLower ? e.lower : e.upper));
  } else {
    const reply = (price: number, out?: Float64Array): number => totalReply(envelopes, price, out);
    spend.set(spendAtBudget(reply, budget, n));
    spreadResidual(spend, envelopes, budget);
  }
  let bound = 0;
  for (let i = 0; i < n; i++) bound += envelopeValue(envelopes[i]!, spend[i]!);
  return { spend, bound };
}

/** The concave relaxation of "max Σx s.t. Σ (R̂_i − t·x_i) >= 0" on a box: bisection on the price ν in [0, t]. */
export function relaxTarget(envelopes: ChannelEnvelope[], t: number): Relaxed | null {
  const n = envelopes.length;
  const surplusAt = (price: number, out: Float64Array): number => {
    totalReply(envelopes, price, out);
    let total = 0;
    for (let i = 0; i < n; i++) total += envelopeValue(envelopes[i]!, out[i]!) - t * out[i]!;
    return total;
  };
  const work = new Float64Array(n);
  if (surplusAt(0, work) >= 0) return { spend: work, bound: sumOf(work) };
  if (surplusAt(t, work) < 0) return null;
  let low = 0; // surplus < 0
  let high = t; // surplus >= 0
  for (let iteration = 0; iteration < 400; iteration++) {
    const mid = midpoint(low, high);
    if (mid <= low || mid >= high) break;
    if (surplusAt(mid, work) >= 0) high = mid;
    else low = mid;
  }
  const above = new Float64Array(n);
  const below = new Float64Array(n);
  const surplusAbove = surplusAt(low, above);
  const surplusBelow = surplusAt(high, below);
  const theta = surplusBelow > surplusAbove ? surplusBelow / (surplusBelow - surplusAbove) : 0;
  const spend = new Float64Array(n);
  for (let i = 0; i < n; i++) spend[i] = below[i]! + theta * (above[i]! - below[i]!);
  return { spend, bound: sumOf(spend) * (1 + 1e-14) };
}

/** Σ_i bestReply_i(price), optionally writing the replies. */
function totalReply(envelopes: ChannelEnvelope[], price: number, out?: Float64Array): number {
  let total = 0;
  for (let i = 0; i < envelopes.length; i++) {
    const x = bestReply(envelopes[i]!, price);
    if (out !== undefined) out[i] = x;
    total += x;
  }
  return total;
}

/**
 * The spend whose total is the budget: the replies at the two prices that bracket it (`bisectPrice`), mixed
 * linearly. `reply(price, out)` returns the total spend at that price, and writes each item's into `out` when
 * given one.
 */
export function spendAtBudget(
  reply: (price: number, out?: Float64Array) => number,
  budget: number,
  n: number,
): Float64Array {
  const [priceLow, priceHigh] = bisectPrice(reply, budget);
  const above = new Float64Array(n);
  const below = new Float64Array(n);
  const totalAbove = reply(priceLow, above);
  const totalBelow = reply(priceHigh, below);
  const theta = totalAbove > totalBelow ? (budget - totalBelow) / (totalAbove - totalBelow) : 0;
  const spend = new Float64Array(n);
  for (let i = 0; i < n; i++) spend[i] = below[i]! + theta * (above[i]! - below[i]!);
  return spend;
}

/**
 * Prices [low, high], adjacent doubles (or with reply(low) >= budget >= reply(high) otherwise as close as bisection
 * gets), for a non-increasing total reply with reply(0) = Σ upper >= budget.
 */
function bisectPrice(reply: (price: number) => number, budget: number): [number, number] {
  let low = 0;
  let high = 1;
  for (let iteration = 0; iteration < 2100 && reply(high) > budget; iteration++) {
    low = high;
    high *= 2;
  }
  for (let iteration = 0; iteration < 400; iteration++) {
    const mid = midpoint(low, high);
    if (mid <= low || mid >= high) break;
    const total = reply(mid);
    if (total === budget) return [mid, mid];
    if (total > budget) low = mid;
    else high = mid;
  }
  return [low, high];
}

/** Geometric midpoint while the bracket spans more than a factor 4 (prices span many decades), else arithmetic. */
function midpoint(low: number, high: number): number {
  return low > 0 && high > 4 * low ? Math.sqrt(low * high) : 0.5 * (low + high);
}

/** Adds Σx − budget rounding residue to channels with room inside their box so that Σx = budget. */
function spreadResidual(spend: Float64Array, envelopes: ChannelEnvelope[], budget: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < spend.length; i++) {
      const residual = budget - sumOf(spend);
      if (residual === 0) return;
      const e = envelopes[i]!;
      const x = spend[i]!;
      if (pass === 0 && !(x > e.lower && x < e.upper)) continue;
      spend[i] = Math.min(e.upper, Math.max(e.lower, x + residual));
    }
  }
}

export function sumOf(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

/** A copy of the first n entries. */
export function copyOf(values: Float64Array, n: number): Float64Array {
  return Float64Array.from(values.subarray(0, n));
}

/** A binary max-heap keyed by priority (the boxes' upper bounds: best-first search). */
class MaxHeap<T> {
  private readonly items: { value: T; priority: number }[] = [];

  get size(): number {
    return this.items.length;
  }

  peekPriority(): number {
    return this.items[0]!.priority;
  }

  push(value: T, priority: number): void {
    const items = this.items;
    items.push({ value, priority });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.priority >= items[i]!.priority) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let largest = i;
        if (left < items.length && items[left]!.priority > items[largest]!.priority) largest = left;
        if (right < items.length && items[right]!.priority > items[largest]!.priority) largest = right;
        if (largest === i) break;
        [items[largest], items[i]] = [items[i]!, items[largest]!];
        i = largest;
      }
    }
    return top?.value;
  }
}
