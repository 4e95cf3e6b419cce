/**
 * The ranking of a country's runs on its "Best model" page, after the replaced product's ("View Best
 * Models", seed inventory §1.7): per run's best model, weighted averages over the splits that exist
 *
 *   r2_w = Σ w_s·rsq_s / Σ w_s,  nrmse_w likewise,  drssd_w = decomp.rssd   (s ∈ train, val, test)
 *
 * and
 *
 *   score = r2_w − α·nrmse_w / NRMSE_red − β·drssd_w / RSSD_red
 *
 * where NRMSE_red and RSSD_red are where the traffic lights turn red (`traffic-light.ts`: 0.2 and 0.4). The
 * replaced product min–max normalised the two errors across the listed runs instead: with two runs one
 * got the whole penalty and the other none, however small the gap, and a run's score changed whenever
 * another run was added. On a fixed scale an error at the red line costs α (or β) points of R², a small
 * gap stays small, and a run keeps its score.
 *
 * Defaults as there: weights 0.2 / 0.5 / 0.3 (normalised), α = β = 1.
 */
import { THRESHOLDS } from "./traffic-light.ts";

/** The error that costs a full penalty point: where each traffic light turns red. */
export const PENALTY_SCALE = {
  nrmse: THRESHOLDS.nrmse.amber,
  rssd: THRESHOLDS["decomp.rssd"].amber,
} as const;

export interface ScoreWeights {
  readonly train: number;
  readonly val: number;
  readonly test: number;
  /** Penalty on normalised NRMSE. */
  readonly alpha: number;
  /** Penalty on normalised DECOMP.RSSD. */
  readonly beta: number;
}

export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = { train: 0.2, val: 0.5, test: 0.3, alpha: 1, beta: 1 };

/** A model's metrics as in `model_summary.json` (null for a split the run did not have). */
export interface FitMetrics {
  readonly rsq_train: number | null;
  readonly rsq_val: number | null;
  readonly rsq_test: number | null;
  readonly nrmse_train: number | null;
  readonly nrmse_val: number | null;
  readonly nrmse_test: number | null;
  readonly decomp_rssd: number | null;
}

export interface Scored<T> {
  readonly item: T;
  readonly r2w: number;
  readonly nrmsew: number;
  readonly drssdw: number;
  readonly score: number;
}

/**
 * The items ranked by score, best first; an item without usable metrics ranks last with score NaN. An
 * item's score depends on its own metrics only.
 */
export function rankByScore<T>(
  items: readonly T[],
  metricsOf: (item: T) => FitMetrics,
  weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
): Scored<T>[] {
  const rows = items.map((item) => {
    const m = metricsOf(item);
    return {
      item,
      r2w: weighted([m.rsq_train, m.rsq_val, m.rsq_test], weights),
      nrmsew: weighted([m.nrmse_train, m.nrmse_val, m.nrmse_test], weights),
      drssdw: finite(m.decomp_rssd) ? m.decomp_rssd! : Number.NaN,
    };
  });
  return rows
    .map((r) => ({
      ...r,
      score:
        r.r2w -
        weights.alpha * (r.nrmsew / PENALTY_SCALE.nrmse) -
        weights.beta * (r.drssdw / PENALTY_SCALE.rssd),
    }))
    .sort((a, b) => (Number.isNaN(a.score) ? 1 : Number.isNaN(b.score) ? -1 : b.score - a.score));
}

function weighted(values: readonly (number | null)[], w: ScoreWeights): number {
  const weights = [w.train, w.val, w.test];
  let sum = 0;
  let total = 0;
  values.forEach((value, i) => {
    if (finite(value)) {
      sum += weights[i]! * value!;
      total += weights[i]!;
    }
  });
  return total > 0 ? sum / total : Number.NaN;
}

function finite(value: number | null | undefined): boolean {
  return typeof value === "number" && Number.isFinite(value);
}
