/**
 * The cross-market budget split of issue "Decisions", item 5, as the API, the viewer and Slack ask for it: the
 * picked model of each market (`market-group.ts`), each paid channel's curve and today's spend
 * (`model-channels.ts`), bounds as multiples of today's spend, then the engine's global split
 * (`engine/budget-split/`). Inputs must be comparable before they are added up: one goal type (revenue or
 * conversions), one period length, and one currency when currencies are given; with none given, the answer says
 * that it assumes one.
 */
import { invalidInput } from "../../common/errors.ts";
import { DEFAULT_BOUNDS, type DateRange } from "../../engine/allocator/index.ts";
import { splitBudget, type SplitMarket, type SplitResult } from "../../engine/budget-split/split-budget.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { RunStore } from "../run-store/port.ts";
import { modelChannels, type ModelChannels } from "../results/model-channels.ts";
import { spendNameOf } from "../results/spend-name.ts";
import { marketModels, type MarketModel } from "./market-group.ts";

/** Lowest and highest spend as multiples of today's. */
export interface Multiples {
  low?: number;
  up?: number;
}

export interface MarketSplitRequest {
  /** Market (country) codes; absent = every market with a picked model. */
  countries?: string[];
  /** Total budget per period across the markets; absent = today's total (a re-split). */
  totalBudget?: number;
  /** Instead of a budget: the ROAS to meet, with the largest budget that meets it (revenue models only). */
  targetRoas?: number;
  /** Every channel's bounds; default the allocator's 0.5–2× today's. */
  low?: number;
  up?: number;
  /** Per channel, by spend column: `TV_S` in every market, `DE.TV_S` in one (which wins). */
  channelBounds?: Record<string, Multiples>;
  /** Per market, on its total spend. */
  marketBounds?: Record<string, Multiples>;
  /** The currency of each market's spend and response (ISO 4217), when known. */
  currencies?: Record<string, string>;
  /** Today's spend is the mean over this range of each market's window (default: the run's setting, else all). */
  dateRange?: DateRange;
}

export interface MarketSplit extends SplitResult {
  /** "week": the period the budget and spends are per. */
  intervalType: string;
  depVarType: "revenue" | "conversion";
  /** The one currency of all markets, or null when none was given. */
  currency: string | null;
  /** What the split takes for granted, in words. */
  assumptions: string[];
  models: { market: string; runId: string; solID: string; dateRange: ModelChannels["dateRange"] }[];
}

export async function splitAcrossMarkets(
  services: { runs: Pick<RunStore, "listBest" | "getRun">; artifacts: ArtifactStore },
  request: MarketSplitRequest,
): Promise<MarketSplit> {
  const group = await marketModels(services.runs, request.countries);
  const names = group.map((g) => g.market);
  checkNamedMarkets(request.marketBounds, names, "market_bounds");
  checkNamedMarkets(request.currencies, names, "currencies");
  const models = await Promise.all(
    group.map((g) => modelChannels(services.artifacts, g.run, g.solID, request.dateRange)),
  );
  const depVarType = oneOf(group, models, (m) => m.spec.dep_var_type, "dep_var_type", "measures");
  const intervalType = oneOf(group, models, (m) => m.intervalType, "dateRange", "has data per");
  const currency = oneCurrency(request.currencies, names);
  const markets = group.map((g, k) => marketOf(g, models[k]!, request));
  checkNamedChannels(request.channelBounds, markets);
  const current = markets.reduce((s, m) => s + m.channels.reduce((t, c) => t + c.current, 0), 0);
  if (request.targetRoas !== undefined && depVarType !== "revenue")
    throw invalidInput(
      "target_roas",
      "A ROAS target needs models of revenue, and these measure conversions: split a budget instead.",
    );
  const result = splitBudget({
    markets,
    ...(request.targetRoas === undefined
      ? { budget: request.totalBudget ?? current }
      : {
          targetRoas: request.targetRoas,
          ...(request.totalBudget === undefined ? {} : { budget: request.totalBudget }),
        }),
    per: `per ${intervalType}`,
  });
  return {
    ...result,
    intervalType,
    depVarType,
    currency,
    assumptions: assumptionsOf(currency, names, intervalType),
    models: group.map((g, k) => ({
      market: g.market,
      runId: g.run.id,
      solID: g.solID,
      dateRange: models[k]!.dateRange,
    })),
  };
}

function marketOf(group: MarketModel, model: ModelChannels, request: MarketSplitRequest): SplitMarket {
  const [defaultLow, defaultUp] = DEFAULT_BOUNDS.max_response;
  const own = request.marketBounds?.[group.market];
  return {
    name: group.market,
    ...(own?.low === undefined ? {} : { low: own.low }),
    ...(own?.up === undefined ? {} : { up: own.up }),
    channels: model.channels.map((channel) => {
      const name = spendNameOf(channel.name, model.spec);
      const bounds = {
        ...request.channelBounds?.[name],
        ...request.channelBounds?.[`${group.market}.${name}`],
      };
      return {
        name,
        curve: channel,
        current: channel.initialSpend,
        low: bounds.low ?? request.low ?? defaultLow,
        up: bounds.up ?? request.up ?? defaultUp,
      };
    }),
  };
}

/** The one value every market's model has for `of`, or a refusal naming two markets that differ. */
function oneOf<T extends string>(
  group: MarketModel[],
  models: ModelChannels[],
  of: (model: ModelChannels) => T,
  field: string,
  verb: string,
): T {
  const first = of(models[0]!);
  const other = models.findIndex((m) => of(m) !== first);
  if (other < 0) return first;
  throw invalidInput(
    field,
    `${group[0]!.market}'s model ${verb} ${first} but ${group[other]!.market}'s ${verb} ${of(models[other]!)}: ` +
      "a split adds markets up, so split only markets whose models share it.",
  );
}

function oneCurrency(currencies: Record<string, string> | undefined, markets: string[]): string | null {
  const known = markets.flatMap((m) => {
    const code = currencies?.[m]?.trim().toUpperCase();
    return code ? [{ market: m, code }] : [];
  });
  if (known.length === 0) return null;
  const other = known.find((k) => k.code !== known[0]!.code);
  if (other)
    throw invalidInput(
      `currencies.${other.market}`,
      `${known[0]!.market} spends in ${known[0]!.code} but ${other.market} in ${other.code}: convert the ` +
        "models to one currency (or split each currency's markets on their own) before adding them up.",
    );
  const unknown = markets.filter((m) => !known.some((k) => k.market === m));
  if (unknown.length > 0)
    throw invalidInput(
      `currencies.${unknown[0]}`,
      `The currency of ${unknown.join(", ")} is not given while ${known[0]!.market}'s is ${known[0]!.code}: ` +
        "give every market's currency, or none.",
    );
  return known[0]!.code;
}

function assumptionsOf(currency: string | null, markets: string[], intervalType: string): string[] {
  return [
    currency === null
      ? `No currency is recorded for ${markets.join(", ")}: their spends and responses are taken to be in one currency.`
      : `Every market spends and earns in ${currency}.`,
    `Budgets and spends are per ${intervalType}; today's spend is each model's mean over its date range.`,
    "Response is each picked model's curve at the spend (with its mean carryover), for today's split and the new one alike.",
  ];
}

function checkNamedMarkets(
  named: Record<string, unknown> | undefined,
  markets: string[],
  field: string,
): void {
  for (const key of Object.keys(named ?? {})) {
    if (!markets.includes(key))
      throw invalidInput(
        `${field}.${key}`,
        `${key} is not one of the markets in the split (${markets.join(", ")}): name only those, or add ${key} ` +
          "to the split.",
      );
  }
}

/** Every key of the channel bounds names a channel of some market (`TV_S`) or of the one it names (`DE.TV_S`). */
function checkNamedChannels(named: Record<string, Multiples> | undefined, markets: SplitMarket[]): void {
  const all = [...new Set(markets.flatMap((m) => m.channels.map((c) => c.name)))];
  for (const key of Object.keys(named ?? {})) {
    const dot = key.indexOf(".");
    const market = dot > 0 ? markets.find((m) => m.name === key.slice(0, dot)) : undefined;
    const channel = market ? key.slice(dot + 1) : key;
    const known = market ? market.channels.map((c) => c.name) : all;
    if (known.includes(channel)) continue;
    throw invalidInput(
      `channel_bounds.${key}`,
      `${key} is not a paid channel ${market ? `of ${market.name}` : "of any market in the split"}` +
        `: use one of ${known.join(", ")}${market ? "" : ` (or ${markets[0]!.name}.${all[0]} for one market)`}.`,
      { channel: key },
    );
  }
}

/** The split as JSON: NaN (no free channel to read a marginal from) becomes null. */
export function marketSplitJson(split: MarketSplit): unknown {
  return JSON.parse(JSON.stringify(split, (_key, value: unknown) => (Number.isNaN(value) ? null : value)));
}
