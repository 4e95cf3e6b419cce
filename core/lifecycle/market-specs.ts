/**
 * The runs a start request asks for, one per market, each with the spec fields that make it that market's:
 * `markets` (values of the data's market column, the spec's `country` their holiday calendar), `countries`
 * (codes that are market and holiday calendar at once, as before markets existed), or the spec's own.
 */
import { invalidInput } from "../../common/errors.ts";
import { countryOfMarket, marketKey } from "../market.ts";
import type { RunSpecInput } from "../run-spec.ts";
import type { RunRequest } from "./run-lifecycle.ts";

export const MAX_MARKETS_PER_REQUEST = 20;

export function marketSpecs(
  request: Pick<RunRequest, "spec" | "countries" | "markets">,
): { market: string; spec: RunSpecInput }[] {
  return marketsOf(request).map((market) => ({
    market,
    spec: { ...request.spec, ...marketFields(request, market) } as RunSpecInput,
  }));
}

/** The spec fields that make a request's spec one market's: as listed, or the spec's own. */
function marketFields(
  request: Pick<RunRequest, "countries" | "markets">,
  market: string,
): { market?: string; country?: string } {
  if (request.markets?.length) return { market };
  // A listed code is market and holiday calendar at once; any other value (Geo3) is a market only.
  if (request.countries?.length)
    return countryOfMarket(market) ? { market: undefined, country: market } : { market };
  return {};
}

/**
 * The markets of a request, one run each: its `markets`, its `countries` (codes that are market and holiday
 * calendar at once, as before markets existed), or the spec's own market or country.
 */
function marketsOf(request: Pick<RunRequest, "spec" | "countries" | "markets">): string[] {
  if (request.markets?.length && request.countries?.length) {
    throw invalidInput(
      "markets",
      "Name the markets (markets) or the countries (countries) to train, not both.",
    );
  }
  const listed = request.markets?.length ? request.markets : request.countries;
  const own = request.spec.market ?? request.spec.country;
  const markets = listed?.length ? listed : own ? [own] : [];
  if (markets.length === 0)
    throw invalidInput("market", "Name the market (or country) to train, e.g. DE or Geo3.");
  const field = request.markets?.length ? "markets" : "countries";
  const unique = [...new Set(markets.map((m) => marketKey(m, field)))];
  if (unique.length > MAX_MARKETS_PER_REQUEST)
    throw invalidInput(
      field,
      `${unique.length} markets in one request; start at most ${MAX_MARKETS_PER_REQUEST} at a time.`,
    );
  return unique;
}
