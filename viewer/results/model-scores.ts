/**
 * The two scores that rank a run's Pareto models, each under its own name so no page calls both "error
 * score":
 *
 * - **Robyn distance** (Robyn's `errors_scores` with equal weights): NRMSE (test NRMSE with time-series
 *   validation), DECOMP.RSSD and MAPE.LIFT each scaled 0–1 among this run's Pareto models, then the
 *   distance to the ideal corner. The lowest in each cluster is that cluster's top model; the lowest top
 *   is Robyn's pick (`best_model`).
 * - **Recommendation score** (ours, `engine/select/recommend.ts`): the same distance with weights NRMSE 1,
 *   DECOMP.RSSD 0.5, MAPE.LIFT 2. The lowest is the recommended model.
 *
 * Both are relative to the run's own Pareto models (0 is the best corner, not a perfect model), so they
 * compare models of one run only. The `error_score` column of the run's CSV files scales over every
 * candidate instead, which orders the models differently; pages show these two.
 */
import { errorScores } from "../../engine/select/pareto.ts";
import { recommendationScores } from "../../engine/select/recommend.ts";
import type { ParetoModel } from "../../core/results/run-outputs.ts";

export interface ModelScores {
  readonly robynDistance: number;
  readonly recommendationScore: number;
}

/** Both scores of every Pareto model, by solID. */
export function modelScores(
  models: readonly ParetoModel[],
  tsValidation: boolean,
): ReadonlyMap<string, ModelScores> {
  const value = (m: ParetoModel, key: string) =>
    typeof m[key] === "number" && Number.isFinite(m[key]) ? (m[key] as number) : Number.NaN;
  const candidates = models.map((m) => ({
    solID: m.solID,
    nrmse_train: value(m, "nrmse_train"),
    nrmse_test: Number.isNaN(value(m, "nrmse_test")) ? null : value(m, "nrmse_test"),
    decomp_rssd: value(m, "decomp.rssd"),
    // Robyn writes MAPE.LIFT 0 without lift studies; a missing value means the same.
    mape: Number.isNaN(value(m, "mape")) ? 0 : value(m, "mape"),
    paid: [],
  }));
  const robyn = errorScores({
    nrmse: Float64Array.from(candidates, (m) =>
      tsValidation ? (m.nrmse_test ?? Number.NaN) : m.nrmse_train,
    ),
    decompRssd: Float64Array.from(candidates, (m) => m.decomp_rssd),
    mape: Float64Array.from(candidates, (m) => m.mape),
  });
  const ours = recommendationScores(candidates, tsValidation);
  return new Map(
    models.map((m, i) => [m.solID, { robynDistance: robyn[i]!, recommendationScore: ours[i]! }]),
  );
}

/** The sentence that defines both scores wherever a page shows them. */
export const SCORES_NOTE =
  "Robyn distance: NRMSE, DECOMP.RSSD and MAPE.LIFT each scaled 0–1 among this run's Pareto models, " +
  "combined as the distance to the best corner with equal weights; the lowest in each cluster is its top " +
  "model, the lowest top is Robyn's pick. Recommendation score: the same with weights NRMSE 1, " +
  "DECOMP.RSSD 0.5, MAPE.LIFT 2; the lowest is the recommended model. Lower is better for both, and both " +
  "compare models of this run only.";
