/**
 * DECOMP.RSSD of a refresh (Robyn `robyn_mmm` with `refresh = TRUE`; method notes §5.9 step 4): instead of
 * the distance between effect and spend shares, the distance between the new model's decomposition and
 * the parent's, per variable d = xDecompPerc (its window contribution over the window's fitted total):
 *
 *   rssd = √mean_paid (d − d_prev)² + √mean_other (d − d_prev)² / (1 − steps / rollingWindowLength)
 *
 * "other" is every variable that is not paid media (the intercept, Prophet, context and organic variables).
 * No zero-effect penalty; a result that is not a number (no fitted total) counts as ∞, as in Robyn.
 */
import { invalidInput } from "../../common/errors.ts";
import type { ModelInput } from "../model-input/model-input.ts";
import type { ModelFit } from "../model/model-fit.ts";

/** The name of the intercept's row in Robyn's `xDecompAgg`. */
export const INTERCEPT = "(Intercept)";

/** What the search needs of the parent model: plain data, so it travels to worker threads. */
export interface RefreshReference {
  /** The parent model's `xDecompPerc` by variable (`rn`), the intercept as "(Intercept)". */
  decomposition: Readonly<Record<string, number>>;
  steps: number;
  /** The refresh window's length in rows (Robyn's `rollingWindowLength` after the shift). */
  windowLength: number;
}

/** The formula on plain arrays: `paid[i]` says whether variable i is paid media. */
export function refreshDecompRssd(
  current: ArrayLike<number>,
  previous: ArrayLike<number>,
  paid: ArrayLike<boolean>,
  steps: number,
  windowLength: number,
): number {
  let paidSum = 0;
  let paidCount = 0;
  let otherSum = 0;
  let otherCount = 0;
  for (let i = 0; i < current.length; i++) {
    const gap = current[i]! - previous[i]!;
    if (paid[i]) {
      paidSum += gap * gap;
      paidCount++;
    } else {
      otherSum += gap * gap;
      otherCount++;
    }
  }
  const rssd = Math.sqrt(paidSum / paidCount) + Math.sqrt(otherSum / otherCount) / (1 - steps / windowLength);
  return Number.isNaN(rssd) ? Number.POSITIVE_INFINITY : rssd;
}

/** The formula bound to one model input: variables in `xDecompAgg` order (intercept, then regressors). */
export class RefreshRssd {
  private readonly previous: Float64Array;
  private readonly paid: boolean[];
  private readonly current: Float64Array;

  constructor(
    private readonly input: ModelInput,
    private readonly reference: RefreshReference,
  ) {
    const names = [INTERCEPT, ...input.regressors.map((r) => r.name)];
    const missing = names.filter((name) => !Number.isFinite(reference.decomposition[name]));
    if (missing.length > 0) {
      throw invalidInput(
        "refresh",
        `The parent model has no decomposition for ${missing.join(", ")}: a refresh keeps the parent's variables. ` +
          `Train a new model to add variables.`,
      );
    }
    this.previous = Float64Array.from(names, (name) => reference.decomposition[name]!);
    this.paid = [false, ...input.regressors.map((r) => r.kind === "paid")];
    this.current = new Float64Array(names.length);
  }

  /** The refresh DECOMP.RSSD of a fitted model (allocates nothing). */
  of(fit: ModelFit): number {
    const { current } = this;
    current[0] = fit.interceptAgg / fit.fittedSum;
    for (let j = 0; j < this.input.regressors.length; j++)
      current[j + 1] = fit.xDecompAgg[j]! / fit.fittedSum;
    return refreshDecompRssd(
      current,
      this.previous,
      this.paid,
      this.reference.steps,
      this.reference.windowLength,
    );
  }
}
