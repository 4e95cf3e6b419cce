/**
 * The search earns its keep: at equal budget (2000 candidates, Robyn's recommended iterations per trial)
 * the hypervolume of its Pareto front (NRMSE, DECOMP.RSSD; reference point (1, 1)) beats plain random
 * search on Robyn's demo configuration, for each of 5 seeds. `npm run bench` prints the ratios.
 */
import { describe, expect, it } from "vitest";
import { goldenConfiguration } from "../../tests/golden/b3-configurations.ts";
import { DEMO_HYPERPARAMETERS } from "../../tests/fixtures/demo-spec.ts";
import { searchVersusRandom } from "../../tests/bench/search-versus-random.ts";
import type { SearchSetup } from "./candidate-evaluator.ts";
import { inProcessPool } from "./evaluation-pool.ts";

describe("search quality", () => {
  it("beats random search in hypervolume at equal budget, for each of 5 seeds", async () => {
    const { input } = goldenConfiguration("b3_models_i_geometric.json");
    const setup: SearchSetup = {
      input,
      studies: [],
      space: { hyperparameters: DEMO_HYPERPARAMETERS, preset: "robyn_recommended", tsValidation: false },
    };
    const pool = inProcessPool(setup);
    for (let seed = 1; seed <= 5; seed++) {
      const { search, random } = await searchVersusRandom(setup, pool, 2000, seed);
      expect(search, `seed ${seed}: search ${search} vs random ${random}`).toBeGreaterThan(random);
    }
  });
});
