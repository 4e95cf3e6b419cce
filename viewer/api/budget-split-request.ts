/** The budget-split body (Robyn's bound names where the allocator has them) as `splitAcrossMarkets` takes it. */
import type { z } from "zod";
import type { MarketSplitRequest } from "../../core/budget-split/market-split.ts";
import type { BudgetSplitBody } from "./budget-split-schemas.ts";

export function budgetSplitRequestFromBody(body: z.output<typeof BudgetSplitBody>): MarketSplitRequest {
  const upper = <T>(record: Record<string, T> | undefined) =>
    record && Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toUpperCase(), v]));
  const entries: [keyof MarketSplitRequest, unknown][] = [
    ["countries", body.countries?.map((c) => c.toUpperCase())],
    ["totalBudget", body.total_budget],
    ["targetRoas", body.target_roas],
    ["low", body.channel_constr_low],
    ["up", body.channel_constr_up],
    ["channelBounds", body.channel_bounds],
    ["marketBounds", upper(body.market_bounds)],
    ["currencies", upper(body.currencies)],
    ["dateRange", body.date_range],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as MarketSplitRequest;
}
