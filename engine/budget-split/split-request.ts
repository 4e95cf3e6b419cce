/**
 * The cross-market budget split's request and result (`split-budget.ts`). Spend is per period of the models'
 * data (a week for weekly data); bounds are multiples of today's spend, as in the allocator, per channel and per
 * market (a market's bound applies to the sum of its channels).
 */
import type { SolverStatus } from "../allocator/branch-and-bound.ts";
import type { ResponseCurve } from "../allocator/response-curve.ts";

export interface SplitChannel {
  /** The channel's name within its market (its spend column). */
  name: string;
  curve: ResponseCurve;
  /** Today's spend per period (the mean over the date range). */
  current: number;
  /** Lowest and highest spend as multiples of `current`. */
  low: number;
  up: number;
}

export interface SplitMarket {
  /** The market (country) code. */
  name: string;
  channels: SplitChannel[];
  /** Lowest and highest total spend of the market as multiples of its current total; absent = no bound. */
  low?: number;
  up?: number;
}

export interface SplitRequest {
  markets: SplitMarket[];
  /** The total budget per period across all markets; or, instead, */
  budget?: number;
  /**
   * a return to meet (revenue per unit of spend, ROAS): the largest budget whose best split still returns it, split
   * that way (the allocator's target_efficiency across markets).
   */
  targetRoas?: number;
  /** "per week", for messages. */
  per?: string;
}

export type BoundSide = "lower" | "upper" | null;

export interface SplitChannelResult {
  name: string;
  current: number;
  spend: number;
  /** The bounds in spend per period. */
  lower: number;
  upper: number;
  currentResponse: number;
  response: number;
  /** dR/dx at the split: what the next unit of spend on this channel returns. */
  marginal: number;
  atBound: BoundSide;
}

export interface SplitMarketResult {
  name: string;
  current: number;
  spend: number;
  /** The market's total bounds in spend per period (its own bound, narrowed by its channels' bounds). */
  lower: number;
  upper: number;
  currentResponse: number;
  response: number;
  /** The common marginal response of the market's channels that are inside their bounds (NaN when none is). */
  marginal: number;
  /** Which of the market's own total bounds the split sits on (null when none, or when it has none). */
  atBound: BoundSide;
  channels: SplitChannelResult[];
}

export interface SplitResult {
  budget: number;
  /** The ROAS target the budget was found for, or null when the budget was given. */
  targetRoas: number | null;
  markets: SplitMarketResult[];
  totals: {
    currentSpend: number;
    currentResponse: number;
    /** Today's split scaled to the budget (every channel × budget / today's total): the do-nothing plan. */
    scaledCurrentResponse: number;
    spend: number;
    response: number;
    /** response − currentResponse, and relative to currentResponse. */
    responseGain: number;
    responseGainShare: number;
  };
  /**
   * The KKT price μ: the common marginal response of the channels inside their bounds in markets inside theirs.
   * NaN when no such channel is left.
   */
  marginal: number;
  diagnostics: {
    method: "concave-envelope branch and bound";
    status: SolverStatus;
    nodes: number;
    /** Certified upper bound on the optimal total response, and the relative gap to the split's. */
    upperBound: number;
    relativeGap: number;
  };
}
