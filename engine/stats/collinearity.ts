/**
 * Collinearity of a run's regressors, as the replaced product's preparation page showed it (seed
 * inventory §1.4): the variance inflation factor of each regressor and the condition number of their
 * correlation matrix. Pure, no I/O.
 *
 * With R the correlation matrix of the k regressors (missing values filled with the column mean, as the
 * replaced product did) and R = V·diag(λ)·Vᵀ its eigen-decomposition (cyclic Jacobi rotations):
 *
 *   VIF_j = (R⁻¹)_jj = Σ_m V_jm² / λ_m  = 1 / (1 − R²_j),   R²_j from regressing x_j on the others
 *           (with an intercept: statsmodels' `variance_inflation_factor` with a constant column);
 *   κ     = √(λ_max / λ_min).
 *
 * An eigenvalue below 1e-10·λ_max is a linear dependency: every column that takes part in it (|V_jm| >
 * 1e-6) gets VIF = ∞, and κ = ∞. A constant column is a dependency with the intercept: VIF = ∞.
 * Bands (replaced product): VIF < 5 green, < 10 amber, else red; κ < 10 green, ≤ 30 amber, else red.
 */
import { maxOf, minOf } from "./extent.ts";
import { symmetricEigen } from "./symmetric-eigen.ts";

export interface Collinearity {
  /** One per column, in the given order. */
  readonly vif: readonly number[];
  readonly conditionNumber: number;
  /** Pairs with |correlation| ≥ 0.9999: practically the same column. */
  readonly identicalPairs: readonly [number, number][];
}

const DEPENDENT = 1e-10;
const PART_OF = 1e-6;

/**
 * `columns` are equally long series (NaN for missing). Needs more rows than columns + 1, as any
 * regression of one column on the others does; `undefined` otherwise or for fewer than two columns.
 */
export function collinearity(columns: readonly Float64Array[]): Collinearity | undefined {
  const k = columns.length;
  const n = columns[0]?.length ?? 0;
  if (k < 2 || n <= k + 1) return undefined;
  const standardised = columns.map(standardise);
  const constant = standardised.map((c) => c === undefined);
  const live = standardised.flatMap((c, j) => (c === undefined ? [] : [j]));
  const r = new Float64Array(live.length * live.length);
  const identicalPairs: [number, number][] = [];
  for (let a = 0; a < live.length; a++) {
    for (let b = 0; b <= a; b++) {
      const x = standardised[live[a]!]!;
      const y = standardised[live[b]!]!;
      let s = 0;
      for (let t = 0; t < n; t++) s += x[t]! * y[t]!;
      const rho = a === b ? 1 : s / (n - 1);
      r[a * live.length + b] = rho;
      r[b * live.length + a] = rho;
      if (a !== b && Math.abs(rho) >= 0.9999) identicalPairs.push([live[b]!, live[a]!]);
    }
  }
  const { values, vectors } = symmetricEigen(r, live.length);
  const max = maxOf(-Infinity, values);
  const vif = new Array<number>(k).fill(Number.POSITIVE_INFINITY);
  live.forEach((column, a) => {
    let sum = 0;
    for (let m = 0; m < live.length; m++) {
      const weight = vectors[a * live.length + m]! ** 2;
      if (values[m]! <= DEPENDENT * max) {
        if (Math.abs(vectors[a * live.length + m]!) > PART_OF) sum = Number.POSITIVE_INFINITY;
      } else {
        sum += weight / values[m]!;
      }
    }
    vif[column] = sum;
  });
  const min = minOf(Infinity, values);
  const conditionNumber =
    constant.some(Boolean) || min <= DEPENDENT * max ? Number.POSITIVE_INFINITY : Math.sqrt(max / min);
  return { vif, conditionNumber, identicalPairs };
}

export type Band = "green" | "amber" | "red";

export function vifBand(vif: number): Band {
  return vif < 5 ? "green" : vif < 10 ? "amber" : "red";
}

export function conditionBand(kappa: number): Band {
  return kappa < 10 ? "green" : kappa <= 30 ? "amber" : "red";
}

/** (x − mean) / sd with missing values at the mean (0); `undefined` for a constant column. */
function standardise(column: Float64Array): Float64Array | undefined {
  let sum = 0;
  let count = 0;
  for (const v of column) {
    if (Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  const mean = count > 0 ? sum / count : 0;
  let squares = 0;
  for (const v of column) if (Number.isFinite(v)) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / Math.max(1, column.length - 1));
  if (!(sd > 0)) return undefined;
  return column.map((v) => (Number.isFinite(v) ? (v - mean) / sd : 0));
}
