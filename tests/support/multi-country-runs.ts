/**
 * Test support: the bundled multi-country demo (DEMO.MULTI_COUNTRY_WEEKLY) trained through the app's own run
 * lifecycle, one run per country with the suggested mapping, and each country's best model picked as a person
 * would, so that cross-market features (the budget split) have a real group of markets to work on.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suggestMapping } from "../../core/mapping/auto-map.ts";
import type { Services } from "../../core/services.ts";
import type { Run } from "../../core/run.ts";
import type { RunSpecInput } from "../../core/run-spec.ts";
import { DEMO_DATA_DIR } from "../../core/warehouse/demo-tables.ts";
import { parseCsv } from "../../engine/data/csv.ts";

export const MULTI_COUNTRY_TABLE = "DEMO.MULTI_COUNTRY_WEEKLY";

export interface PickedMarket {
  country: string;
  run: Run;
  solID: string;
}

/** Trains `countries` (iterations × trials each), waits for them and picks each run's best model. */
export async function trainAndPickMarkets(
  services: Pick<Services, "lifecycle" | "runs">,
  countries: string[],
  { iterations = 150, trials = 1, timeoutMs = 240_000 } = {},
): Promise<PickedMarket[]> {
  const table = parseCsv(readFileSync(join(DEMO_DATA_DIR, "multi_country_weekly.csv"), "utf8"));
  const mapping = suggestMapping(table);
  const { runs } = await services.lifecycle.start({
    spec: {
      ...(mapping.spec as RunSpecInput),
      data: { table: MULTI_COUNTRY_TABLE, country_column: mapping.country_column },
      iterations,
      trials,
    },
    countries,
    actor: { kind: "api", id: "tests" },
  });
  const deadline = Date.now() + timeoutMs;
  const picked: PickedMarket[] = [];
  for (const started of runs) {
    let run = await services.runs.getRun(started.id);
    while (run && !["succeeded", "failed", "cancelled"].includes(run.status)) {
      if (Date.now() > deadline) throw new Error(`run ${run.id} (${run.country}) is still ${run.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      run = await services.runs.getRun(started.id);
    }
    if (run?.status !== "succeeded")
      throw new Error(`run ${started.id} ended ${run?.status}: ${run?.failure?.reason}`);
    const solID = (run.summary as { best_model: { model_id: string } }).best_model.model_id;
    await services.runs.pickBest({
      country: run.country,
      runId: run.id,
      solID,
      by: { kind: "api", id: "tests" },
      at: new Date().toISOString(),
    });
    picked.push({ country: run.country, run, solID });
  }
  return picked;
}
