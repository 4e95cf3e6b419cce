/**
 * Refusals of a cross-market split before any solving, each naming the market or channel and what to change:
 * the request's shape (finite, non-negative numbers, ordered bounds, no market or channel twice) and whether the
 * budget fits between the sums of the bounds.
 */
import { invalidInput } from "../../common/errors.ts";
import { amount } from "../allocator/allocation-checks.ts";
import type { SplitRequest } from "./split-request.ts";

export function checkSplitRequest(request: SplitRequest): void {
  if (request.markets.length === 0)
    throw invalidInput("markets", "Name at least one market with a picked model to split the budget across.");
  if ((request.budget === undefined) === (request.targetRoas === undefined))
    throw invalidInput("total_budget", "Give either a budget to split or a ROAS target to meet, not both.");
  if (request.budget !== undefined && !(Number.isFinite(request.budget) && request.budget > 0))
    throw invalidInput("total_budget", `The budget must be a positive amount; it is ${request.budget}.`);
  if (request.targetRoas !== undefined && !(Number.isFinite(request.targetRoas) && request.targetRoas > 0))
    throw invalidInput(
      "target_roas",
      `The ROAS target must be a positive number; it is ${request.targetRoas}.`,
    );
  const seen = new Set<string>();
  for (const market of request.markets) {
    if (seen.has(market.name))
      throw invalidInput("markets", `${market.name} is named twice: give each market once.`, {
        market: market.name,
      });
    seen.add(market.name);
    checkMultiples(market.low, market.up, `market_bounds.${market.name}`, `${market.name}'s total`);
    const channels = new Set<string>();
    for (const channel of market.channels) {
      const field = `channel_bounds.${market.name}.${channel.name}`;
      if (channels.has(channel.name))
        throw invalidInput(field, `${market.name} has the channel ${channel.name} twice.`);
      channels.add(channel.name);
      if (!(Number.isFinite(channel.current) && channel.current >= 0))
        throw invalidInput(
          field,
          `Today's spend on ${market.name} ${channel.name} is ${channel.current}: it must be 0 or more.`,
        );
      checkMultiples(channel.low, channel.up, field, `${market.name} ${channel.name}`);
    }
  }
}

function checkMultiples(low: number | undefined, up: number | undefined, field: string, what: string): void {
  for (const [value, side] of [
    [low, "lowest"],
    [up, "highest"],
  ] as const) {
    if (value !== undefined && !(value >= 0 && value < Number.POSITIVE_INFINITY))
      throw invalidInput(
        field,
        `The ${side} spend of ${what} must be a multiple of today's of 0 or more; it is ${value}.`,
      );
  }
  if (low !== undefined && up !== undefined && up < low)
    throw invalidInput(
      field,
      `The highest spend of ${what} (${up}× today's) is below its lowest (${low}×): swap them or widen the range.`,
    );
}

/** A market's total range: its own bounds narrowed by the sums of its channels' bounds (spend per period). */
export interface MarketRange {
  name: string;
  lower: number;
  upper: number;
  /** The sums of its channels' bounds. */
  channelLower: number;
  channelUpper: number;
}

/** The market's own bound must leave room within its channels' bounds; the budget must fit all markets. */
export function checkSplitFeasible(ranges: readonly MarketRange[], budget: number, per: string): void {
  let sumLower = 0;
  let sumUpper = 0;
  for (const range of ranges) {
    if (range.lower > range.upper * (1 + 1e-12))
      throw invalidInput(
        `market_bounds.${range.name}`,
        `${range.name}'s channels allow ${amount(range.channelLower)} to ${amount(range.channelUpper)} ${per}, ` +
          `outside its market bounds: widen ${range.name}'s market bounds or its channels' bounds.`,
        { market: range.name },
      );
    sumLower += range.lower;
    sumUpper += range.upper;
  }
  const slack = 1e-12 * Math.max(sumUpper, 1);
  if (budget > sumUpper + slack)
    throw invalidInput(
      "total_budget",
      `The bounds allow at most ${amount(sumUpper)} ${per} across the markets but the budget is ` +
        `${amount(budget)}: raise the highest spends (of channels or markets) or lower the budget.`,
      { budget, sumUpper },
    );
  if (budget < sumLower - slack)
    throw invalidInput(
      "total_budget",
      `The bounds require at least ${amount(sumLower)} ${per} across the markets but the budget is ` +
        `${amount(budget)}: lower the lowest spends (of channels or markets) or raise the budget.`,
      { budget, sumLower },
    );
}
