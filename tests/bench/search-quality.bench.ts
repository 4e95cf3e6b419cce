/** Search versus random search on the demo configuration (native Prophet), 2000 candidates, 5 seeds. */
import { inProcessPool } from "../../engine/search/evaluation-pool.ts";
import type { SearchSetup } from "../../engine/search/candidate-evaluator.ts";
import { buildModelInput } from "../../engine/model-input/model-input.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import { DEMO_HYPERPARAMETERS, DEMO_SPEC } from "../fixtures/demo-spec.ts";
import { demoTable } from "../golden/b3-configurations.ts";
import { searchVersusRandom } from "./search-versus-random.ts";

export async function benchSearchQuality(): Promise<number[]> {
  const input = buildModelInput(demoTable(), parseRunSpec(DEMO_SPEC), nativeProphet);
  const setup: SearchSetup = {
    input,
    studies: [],
    space: { hyperparameters: DEMO_HYPERPARAMETERS, preset: "robyn_recommended", tsValidation: false },
  };
  const pool = inProcessPool(setup);
  const ratios: number[] = [];
  for (let seed = 1; seed <= 5; seed++) {
    const { search, random } = await searchVersusRandom(setup, pool, 2000, seed);
    ratios.push(search / random);
  }
  return ratios;
}
