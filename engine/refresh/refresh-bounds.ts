/**
 * The hyperparameter bounds of a refresh (Robyn `refresh_hyps`; method notes §5.9 step 3): each
 * hyperparameter may move around the parent model's value by a share `f` (the freedom) of the parent's
 * range width Δ:
 *
 *   searched in the parent, range [lo, hi]:  [max(lo, v − f·Δ), min(hi, v + f·Δ)]
 *   fixed in the parent at v:                 [v·(1 − f), v·(1 + f)]
 *
 * with f = steps / rollingWindowLength unless given (`bounds_freedom`, taken as |f|). `lambda` is searched
 * as Robyn's share of the data's lambda range, and the parent's absolute λ is turned back into a share as
 * Robyn does it: λ / (λ_max − λ_min) of the parent's data. `train_size` is dropped without time-series
 * validation. Unlike Robyn, the bounds of a fixed value are clipped to the hard limits (a fixed γ of 1 would
 * otherwise ask for γ above 1, which Robyn's own input checks refuse).
 */
import { invalidInput } from "../../common/errors.ts";
import { HYPERPARAMETER_LIMITS, kindOf } from "../model/hyperparameters.ts";

export type HyperparameterRange = number | readonly [number, number];

/** Robyn's default freedom: the share of the window the refresh moves forward. */
export function refreshFreedom(steps: number, windowLength: number, boundsFreedom?: number): number {
  return boundsFreedom === undefined ? steps / windowLength : Math.abs(boundsFreedom);
}

export interface RefreshBoundsRequest {
  /** The parent's search ranges (Robyn's `hyper_updated`): `[lo, hi]` searched, a number fixed. */
  ranges: Readonly<Record<string, HyperparameterRange>>;
  /** The parent model's values; `lambda` the absolute penalty. */
  values: Readonly<Record<string, number>>;
  /** The parent data's `lambda_max` (λ_min = λ_max · `lambdaMinRatio`). */
  lambdaMax: number;
  lambdaMinRatio: number;
  freedom: number;
  tsValidation: boolean;
}

export function refreshBounds(request: RefreshBoundsRequest): Record<string, [number, number]> {
  const { ranges, freedom } = request;
  const bounds: Record<string, [number, number]> = {};
  for (const [name, range] of Object.entries(ranges)) {
    if (name === "train_size" && !request.tsValidation) continue;
    if (typeof range === "number") {
      bounds[name] = clipToLimits(name, [range * (1 - freedom), range * (1 + freedom)]);
      continue;
    }
    const value = parentValue(name, request);
    const [lo, hi] = range;
    const width = hi - lo;
    bounds[name] = [Math.max(lo, value - width * freedom), Math.min(hi, value + width * freedom)];
  }
  return bounds;
}

function parentValue(name: string, request: RefreshBoundsRequest): number {
  const value = request.values[name];
  if (value === undefined || !Number.isFinite(value)) {
    throw invalidInput(
      `hyperparameters.${name}`,
      `The parent model has no value for ${name}, so its refresh bounds cannot be set: refresh a model of a finished run.`,
    );
  }
  if (name !== "lambda") return value;
  const lambdaMin = request.lambdaMax * request.lambdaMinRatio;
  return value / (request.lambdaMax - lambdaMin);
}

function clipToLimits(name: string, [lo, hi]: [number, number]): [number, number] {
  if (name === "lambda") return [Math.max(0, lo), Math.min(1, hi)];
  const kind = name === "train_size" ? "train_size" : kindOf(name);
  if (!kind) return [lo, hi];
  const limit = HYPERPARAMETER_LIMITS[kind];
  // Open ends are kept just inside, so the clipped range passes the limit checks.
  const floor = limit.loOpen ? limit.lo + 1e-9 : limit.lo;
  const ceiling = limit.hiOpen ? limit.hi - 1e-9 : limit.hi;
  return [Math.min(Math.max(lo, floor), ceiling), Math.max(Math.min(hi, ceiling), floor)];
}
