/**
 * Search quality at equal budget: the hypervolume (NRMSE, DECOMP.RSSD; reference (1, 1)) of the search's
 * candidates against as many uniformly random candidates. Used by the quality test and `npm run bench`.
 */
import { COLUMN, type SearchSetup } from "../../engine/search/candidate-evaluator.ts";
import type { EvaluationPool } from "../../engine/search/evaluation-pool.ts";
import { hypervolume2d } from "../../engine/search/hypervolume.ts";
import { createRng } from "../../engine/search/rng.ts";
import { runSearch } from "../../engine/search/run-search.ts";

export async function searchVersusRandom(
  setup: SearchSetup,
  pool: EvaluationPool,
  budget: number,
  seed: number,
) {
  const searched = await runSearch(setup, pool, { iterations: budget, trials: 1, seed });
  const frontOf = (rows: Float64Array, width: number) => {
    const x = new Float64Array(budget);
    const y = new Float64Array(budget);
    for (let i = 0; i < budget; i++) {
      x[i] = rows[i * width + COLUMN.nrmse]!;
      y[i] = rows[i * width + COLUMN.decompRssd]!;
    }
    return hypervolume2d(x, y);
  };
  const rng = createRng(seed + 1_000_003);
  const units = Float64Array.from({ length: budget * searched.dimension }, () => rng.next());
  const random = await pool.evaluate(units, budget);
  return { search: frontOf(searched.rows, searched.width), random: frontOf(random, searched.width) };
}
