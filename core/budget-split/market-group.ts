/**
 * Which markets a budget split covers, and the model it uses for each: the model picked as best for the market
 * (country), as people pick it in the viewer or the run's thread. Kept in its own module so the split does not
 * depend on how markets and countries are grouped elsewhere.
 */
import { invalidInput } from "../../common/errors.ts";
import type { Run } from "../run.ts";
import type { BestModelPick, RunStore } from "../run-store/port.ts";

export interface MarketModel {
  market: string;
  run: Run;
  solID: string;
}

/** The picked model of each of `markets` (every market with a pick when absent), in the order asked for. */
export async function marketModels(
  runs: Pick<RunStore, "listBest" | "getRun">,
  markets?: readonly string[],
): Promise<MarketModel[]> {
  const picks = await runs.listBest();
  const byMarket = new Map(picks.map((pick) => [pick.country.toUpperCase(), pick]));
  const wanted = markets?.length
    ? [...new Set(markets.map((m) => m.trim().toUpperCase()))]
    : [...byMarket.keys()].sort();
  if (wanted.length === 0)
    throw invalidInput(
      "countries",
      "No market has a picked model yet: pick the best model of each market (the viewer's Best models page, or " +
        "Pick as best in a run's thread), then split the budget.",
    );
  const missing = wanted.filter((m) => !byMarket.has(m));
  if (missing.length > 0) {
    const have = [...byMarket.keys()].sort().join(", ") || "none";
    throw invalidInput(
      "countries",
      `${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} no picked model: pick one for ` +
        `${missing.length === 1 ? "it" : "each"} first, or leave ${missing.length === 1 ? "it" : "them"} out ` +
        `(markets with a picked model: ${have}).`,
      { markets: missing },
    );
  }
  return Promise.all(wanted.map((market) => modelOf(runs, byMarket.get(market)!)));
}

async function modelOf(runs: Pick<RunStore, "getRun">, pick: BestModelPick): Promise<MarketModel> {
  const run = await runs.getRun(pick.runId);
  if (!run || run.status !== "succeeded")
    throw invalidInput(
      "countries",
      `${pick.country}'s picked model ${pick.solID} belongs to run ${pick.runId}, which is ` +
        `${run ? run.status : "gone"}: pick a model of a finished run for ${pick.country}.`,
    );
  return { market: pick.country.toUpperCase(), run, solID: pick.solID };
}
