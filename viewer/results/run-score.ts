/**
 * The replaced product's ranking of runs of a country ("View Best Models", seed inventory §1.7), kept so
 * people find the same order: per model, weighted averages over the splits that exist
 *
 *   r2_w = Σ w_s·rsq_s / Σ w_s,  nrmse_w likewise,  drssd_w = decomp.rssd   (s ∈ train, val, test)
 *
 * then, across the candidates, min–max normalisation and
 *
 *   score = r2_w − α·norm(nrmse_w) − β·norm(drssd_w)        (norm = 0 when all values are equal).
 *
 * Defaults as there: weights 0.2 / 0.5 / 0.3 (normalised), α = β = 1.
 */
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

/** The items ranked by score, best first; an item without usable metrics ranks last with score NaN. */
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
  const nrmseNorm = normaliser(rows.map((r) => r.nrmsew));
  const rssdNorm = normaliser(rows.map((r) => r.drssdw));
  return rows
    .map((r) => ({
      ...r,
      score: r.r2w - weights.alpha * nrmseNorm(r.nrmsew) - weights.beta * rssdNorm(r.drssdw),
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

function normaliser(values: readonly number[]): (value: number) => number {
  const usable = values.filter(Number.isFinite);
  const min = Math.min(...usable);
  const max = Math.max(...usable);
  return (value) => (max > min ? (value - min) / (max - min) : 0);
}

function finite(value: number | null | undefined): boolean {
  return typeof value === "number" && Number.isFinite(value);
}
