/**
 * The `recommended` field of `model_summary.json` for a run whose trainer did not write it (the Robyn R
 * trainer, or a native run from before it existed): the same rule (`engine/select/recommend.ts`) applied to
 * the files both engines write, `pareto_hyperparameters.csv` (objectives, `<channel>_alphas`,
 * `<channel>_inflexion`) and `pareto_aggregated.csv` (per channel ROI, CPA, effect share, curve terms).
 */
import {
  calibratedChannels,
  modelChannelIntervals,
  nearOptimalModels,
  recommendModel,
  type Recommendation,
  type RecommendationCandidate,
  type RecommendationOptions,
  type RecommendedChannel,
} from "../../engine/select/recommend.ts";
import { marginalReturns, paidChannelCurves } from "../../engine/response/marginal-returns.ts";
import { isMmmError } from "../../common/errors.ts";
import type { RunSpec } from "../run-spec.ts";
import type { OutputRecord } from "./run-outputs.ts";

type RecommendationSpec = Pick<
  RunSpec,
  "dep_var_type" | "ts_validation" | "paid_media_spends" | "paid_media_vars" | "calibration_input"
>;

export function derivedRecommendation(
  paretoModels: readonly OutputRecord[],
  aggregated: readonly OutputRecord[],
  spec: RecommendationSpec,
): Recommendation | null {
  const { candidates, options } = recommendationInputs(paretoModels, aggregated, spec);
  return recommendModel(candidates, options);
}

/**
 * One Pareto model's channels with intervals by the recommendation's rule, read from the run's files (for
 * any engine): what a refresh of that model flags its new figures against. Null for an unknown model.
 */
export function derivedChannelIntervals(
  paretoModels: readonly OutputRecord[],
  aggregated: readonly OutputRecord[],
  spec: RecommendationSpec,
  solID: string,
): RecommendedChannel[] | null {
  const { candidates, options } = recommendationInputs(paretoModels, aggregated, spec);
  return modelChannelIntervals(solID, candidates, options);
}

/** The solIDs of the run's near-optimal set by the recommendation's rule, best first (the first is recommended). */
export function derivedNearOptimalModels(
  paretoModels: readonly OutputRecord[],
  aggregated: readonly OutputRecord[],
  spec: RecommendationSpec,
): string[] {
  const { candidates, options } = recommendationInputs(paretoModels, aggregated, spec);
  return nearOptimalModels(candidates, options.tsValidation).map((m) => m.solID);
}

function recommendationInputs(
  paretoModels: readonly OutputRecord[],
  aggregated: readonly OutputRecord[],
  spec: RecommendationSpec,
): { candidates: RecommendationCandidate[]; options: RecommendationOptions } {
  const rowsOf = new Map<string, OutputRecord[]>();
  for (const row of aggregated) {
    const solID = String(row.solID);
    rowsOf.set(solID, [...(rowsOf.get(solID) ?? []), row]);
  }
  const candidates: RecommendationCandidate[] = paretoModels.map((model) => {
    const solID = String(model.solID);
    return {
      solID,
      nrmse_train: numberOrNaN(model.nrmse_train),
      nrmse_test: numberOrNull(model.nrmse_test),
      decomp_rssd: numberOrNaN(model["decomp.rssd"]),
      mape: numberOrNull(model.mape) ?? 0,
      paid: (rowsOf.get(solID) ?? [])
        .filter((row) => Number.isFinite(row.spend_share))
        .map((row) => ({
          channel: String(row.rn),
          roi_total: numberOrNull(row.roi_total),
          cpa_total: numberOrNull(row.cpa_total),
          effect_share: numberOrNull(row.effect_share),
        })),
    };
  });
  const options: RecommendationOptions = {
    depVarType: spec.dep_var_type,
    tsValidation: spec.ts_validation,
    calibratedChannels: calibratedChannels(spec),
    marginalRoi: (solID) => {
      const model = paretoModels.find((m) => String(m.solID) === solID)!;
      try {
        const curves = paidChannelCurves(rowsOf.get(solID) ?? [], model);
        return new Map(marginalReturns(curves).map((r) => [r.channel, r.mroi]));
      } catch (error) {
        // Files without the curve terms (older runs): the marginal ROI is unknown, the rest still holds.
        if (isMmmError(error)) return new Map();
        throw error;
      }
    },
  };
  return { candidates, options };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function numberOrNaN(value: unknown): number {
  return numberOrNull(value) ?? Number.NaN;
}
