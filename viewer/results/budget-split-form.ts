/**
 * The budget-split page's form (a GET, so a split can be linked to): its fields as a `MarketSplitRequest`.
 *
 * Fields: `country` (repeated: the markets ticked; none = every market with a picked model), `budget` (per
 * period; empty = today's total) or `roas` (a return to meet instead), `low` and `up` (every channel's bounds, multiples of today's spend), `markets`
 * (`US=0.9-1.1` words: a market's total) and `channels` (`TV_S=0.8-1.2` in every market, `DE.TV_S=1` in one).
 */
import { invalidInput } from "../../common/errors.ts";
import type { MarketSplitRequest, Multiples } from "../../core/budget-split/market-split.ts";
import { parseChannelBoundWords } from "../../core/results/bound-words.ts";

export interface SplitFormValues {
  countries: string[];
  budget: string;
  roas: string;
  low: string;
  up: string;
  markets: string;
  channels: string;
}

export function splitFormValues(query: (name: string) => string[] | undefined): SplitFormValues {
  const one = (name: string) => (query(name)?.[0] ?? "").trim();
  return {
    countries: (query("country") ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean),
    budget: one("budget"),
    roas: one("roas"),
    low: one("low"),
    up: one("up"),
    markets: one("markets"),
    channels: one("channels"),
  };
}

/** The form as the service's request; a wrong field is an `invalid_input` error naming the form's input. */
export function splitFormRequest(values: SplitFormValues): MarketSplitRequest {
  const request: MarketSplitRequest = {};
  if (values.countries.length > 0) request.countries = values.countries;
  const budget = amountOf(values.budget, "budget", "The budget per week");
  if (budget !== undefined) request.totalBudget = budget;
  const roas = amountOf(values.roas, "target_roas", "The ROAS target");
  if (roas !== undefined) request.targetRoas = roas;
  const low = amountOf(values.low, "low", "The lowest spend");
  const up = amountOf(values.up, "up", "The highest spend");
  if (low !== undefined) request.low = low;
  if (up !== undefined) request.up = up;
  const marketBounds = boundsOf(values.markets, "markets");
  const channelBounds = boundsOf(values.channels, "channels");
  if (marketBounds)
    request.marketBounds = Object.fromEntries(
      Object.entries(marketBounds).map(([market, bounds]) => [market.toUpperCase(), bounds]),
    );
  if (channelBounds) request.channelBounds = channelBounds;
  return request;
}

function amountOf(text: string, field: string, what: string): number | undefined {
  if (text === "") return undefined;
  const value = Number(text.replace(/[,_\s]/g, ""));
  if (!Number.isFinite(value) || value < 0)
    throw invalidInput(field, `${what} must be a number of 0 or more, not "${text}".`);
  return value;
}

function boundsOf(text: string, field: string): Record<string, Multiples> | undefined {
  const words = text.split(/[\s,;]+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const parsed = parseChannelBoundWords(words);
  if (!parsed.ok) throw invalidInput(field, parsed.problem.replaceAll("`", ""));
  return Object.fromEntries(
    Object.keys(parsed.bounds.low).map((name) => [
      name,
      { low: parsed.bounds.low[name]!, up: parsed.bounds.up[name]! },
    ]),
  );
}
