/**
 * A synthetic search for the Pareto-front picture: `n` candidates on the trade-off an MMM search shows (a lower
 * NRMSE costs a higher DECOMP.RSSD) that tighten towards the front as the iterations go on, with their fronts
 * from `paretoFrontRanks` and, for the selected fronts, a cluster.
 */
import { paretoFrontRanks } from "../../engine/select/pareto.ts";
import type { ParetoPoints } from "../../engine/report/pareto-front.ts";
import { createRng } from "../../engine/search/rng.ts";

export function syntheticParetoPoints(n: number, selectedFronts = 3, seed = 7): ParetoPoints {
  const rng = createRng(seed);
  const nrmse = new Float64Array(n);
  const decompRssd = new Float64Array(n);
  const iteration = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const spread = 1 - 0.85 * (i / n);
    iteration[i] = i + 1;
    nrmse[i] = 0.05 + 0.2 * spread * rng.next() ** 1.3;
    // The trade-off frontier rssd = 0.01 + 0.004 / (nrmse − 0.045), and a cloud above it.
    decompRssd[i] =
      (0.01 + 0.004 / (nrmse[i]! - 0.045)) * (1 + 0.4 * rng.next()) + 0.5 * spread * rng.next() ** 2;
  }
  const ranks = paretoFrontRanks(nrmse, decompRssd);
  const front = Array.from(ranks, (r) => (r >= 1 && r <= selectedFronts ? r : null));
  const cluster = Int32Array.from(front, (f, i) => (f === null ? -1 : Math.floor(nrmse[i]! * 60) % 5));
  return { nrmse, decompRssd, front, cluster, iteration };
}
