/**
 * Views of a `ModelRecord` that several one-pager panels share: the paid channels, the media, and each medium's
 * response curve b·sat(x) with the window inflexion (method notes §2.3, §5.3).
 */
import type { ModelRecord, VariableRecord } from "../model/model-record.ts";

/** Variables with spend (Robyn's paid media), in the record's order. */
export function paidVariables(record: ModelRecord): VariableRecord[] {
  return record.variables.filter((v) => v.spend_share !== null);
}

/** Every medium (paid and organic) with its record row, in the record's order. */
export function mediaVariables(record: ModelRecord): VariableRecord[] {
  return record.variables.filter((v) => v.rn in record.media);
}

/** Robyn's "Total ROAS" of the caption: Σ response of paid media / Σ their spend. */
export function totalRoas(record: ModelRecord): number {
  let response = 0;
  let spend = 0;
  for (const v of paidVariables(record)) {
    response += v.xDecompAgg;
    spend += v.total_spend ?? 0;
  }
  return response / spend;
}

export interface MediumCurve {
  coef: number;
  alpha: number;
  inflexion: number;
}

/** The Hill curve parameters of `medium`: coefficient, `<medium>_alphas` and the stored inflexion γ*. */
export function mediumCurve(record: ModelRecord, medium: string): MediumCurve {
  return {
    coef: record.coefficients[medium] ?? 0,
    alpha: record.hyperparameters[`${medium}_alphas`] ?? 1,
    inflexion: record.inflexion[medium] ?? 0,
  };
}

/** b · x^α / (x^α + γ*^α): the response to an adstocked input x. */
export function responseOfAdstocked(curve: MediumCurve, x: number): number {
  if (x <= 0 || curve.coef === 0) return 0;
  if (curve.inflexion <= 0) return curve.coef;
  return curve.coef / (1 + Math.pow(curve.inflexion / x, curve.alpha));
}
