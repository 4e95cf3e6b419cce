/**
 * Bounded ridge regression exactly as glmnet defines it for Robyn (`model_refit`, method notes §3.5–3.6):
 *
 *   glmnet(x, y, family = "gaussian", alpha = 0, lambda, lower.limits, upper.limits, standardize = TRUE)
 *
 * With an intercept: x_j and y are centred and divided by their population SDs s_j, s_y; the penalty on the
 * standardised problem is κ = λ / s_y; bounds given in original units become [lo·s_j/s_y, hi·s_j/s_y].
 * Without an intercept: nothing is centred, x_j is still divided by its population SD, and y by its root
 * mean square. Columns with zero variance get coefficient 0. The standardised problem
 *
 *   minimise (1/2n)‖ỹ − Zβ‖² + (κ/2)‖β‖²   subject to the bounds
 *
 * is solved to its exact optimum (glmnet stops early); coefficients are then mapped back to original units.
 * With penalty factors pf (Robyn's `add_penalty_factor`, glmnet's `penalty.factor`) the penalty is
 * (κ/2)·Σ pf_j β_j², the factors first rescaled to sum to the number of columns, as glmnet does.
 */
import { BoxQpSolver } from "./box-qp.ts";

export interface RidgeFit {
  /** Coefficients in original units, one per column. */
  readonly coefficients: Float64Array;
  intercept: number;
}

export class RidgeSolver {
  private readonly means: Float64Array;
  private readonly scales: Float64Array;
  private readonly z: Float64Array;
  private readonly gram: Float64Array;
  private readonly rhs: Float64Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly beta: Float64Array;
  /** y centred (with an intercept) and scaled, as the right-hand side's products read it. */
  private readonly yScaled: Float64Array;
  private readonly qp: BoxQpSolver;

  constructor(
    readonly maxRows: number,
    readonly maxColumns: number,
  ) {
    this.means = new Float64Array(maxColumns);
    this.scales = new Float64Array(maxColumns);
    this.z = new Float64Array(maxRows * maxColumns);
    this.gram = new Float64Array(maxColumns * maxColumns);
    this.rhs = new Float64Array(maxColumns);
    this.lo = new Float64Array(maxColumns);
    this.hi = new Float64Array(maxColumns);
    this.beta = new Float64Array(maxColumns);
    this.yScaled = new Float64Array(maxRows);
    this.qp = new BoxQpSolver(maxColumns);
  }

  /**
   * Fits rows 0..n of the column-major matrix `x` (column j starts at j·stride) to `y[0..n)`.
   * `lower`/`upper` are coefficient bounds in original units (±Infinity for none).
   */
  fit(
    x: Float64Array,
    stride: number,
    n: number,
    p: number,
    y: ArrayLike<number>,
    lower: ArrayLike<number>,
    upper: ArrayLike<number>,
    lambda: number,
    withIntercept: boolean,
    out: RidgeFit,
    penalty?: ArrayLike<number>,
  ): void {
    const { means, scales, z, gram, rhs, lo, hi, beta } = this;
    let penaltyScale = 1;
    if (penalty) {
      let sum = 0;
      for (let j = 0; j < p; j++) sum += penalty[j]!;
      // glmnet divides by the sum; all factors zero means no penalty at all (not a division by zero).
      penaltyScale = sum > 0 ? p / sum : 0;
    }
    let yMean = 0;
    for (let t = 0; t < n; t++) yMean += y[t]!;
    yMean /= n;
    let ySumSq = 0;
    for (let t = 0; t < n; t++) {
      const d = withIntercept ? y[t]! - yMean : y[t]!;
      ySumSq += d * d;
    }
    const yScale = Math.sqrt(ySumSq / n);

    for (let j = 0; j < p; j++) {
      const column = j * stride;
      let mean = 0;
      for (let t = 0; t < n; t++) mean += x[column + t]!;
      mean /= n;
      let sumSq = 0;
      for (let t = 0; t < n; t++) {
        const d = x[column + t]! - mean;
        sumSq += d * d;
      }
      const sd = Math.sqrt(sumSq / n);
      means[j] = mean;
      // A column that is constant over these rows carries no information: its coefficient is 0.
      const constant = !(sd > 1e-12 * Math.max(1, Math.abs(mean)));
      scales[j] = constant ? 0 : sd;
      const centre = withIntercept ? mean : 0;
      const zOffset = j * n;
      for (let t = 0; t < n; t++) z[zOffset + t] = constant ? 0 : (x[column + t]! - centre) / sd;
      lo[j] = constant ? 0 : (lower[j]! * sd) / yScale;
      hi[j] = constant ? 0 : (upper[j]! * sd) / yScale;
    }

    const kappa = lambda / yScale;
    const yScaled = this.yScaled;
    for (let t = 0; t < n; t++) yScaled[t] = (withIntercept ? y[t]! - yMean : y[t]!) / yScale;
    this.fillGram(n, p);
    for (let j = 0; j < p; j++) {
      const zj = j * n;
      let dot = 0;
      for (let t = 0; t < n; t++) dot += z[zj + t]! * yScaled[t]!;
      rhs[j] = dot / n;
      // A constant column has a zero row in Zᵀ Z; the penalty still makes the system positive definite
      // (its bounds are [0, 0] as well, for a column whose penalty factor is 0).
      gram[j * p + j] = gram[j * p + j]! + kappa * (penalty ? penalty[j]! * penaltyScale : 1);
    }

    this.qp.solve(p, gram, rhs, lo, hi, beta);

    let intercept = withIntercept ? yMean : 0;
    for (let j = 0; j < p; j++) {
      const b = scales[j] === 0 ? 0 : (beta[j]! * yScale) / scales[j]!;
      out.coefficients[j] = b;
      if (withIntercept) intercept -= b * means[j]!;
    }
    out.intercept = intercept;
  }

  /**
   * Zᵀ Z / n, the search's largest cost on wide daily data. Rows are taken two at a time against four
   * columns at a time, so each pass over t loads six columns' values for eight products (one row against
   * one column loads two for one). Each entry is still one sum over t in order, so the values are the same
   * as a plain dot product per entry, bit for bit.
   */
  private fillGram(n: number, p: number): void {
    const { z } = this;
    let j = 0;
    for (; j + 1 < p; j += 2) {
      const za = j * n;
      const zb = za + n;
      let k = 0;
      for (; k + 3 <= j; k += 4) {
        const z0 = k * n;
        const z1 = z0 + n;
        const z2 = z1 + n;
        const z3 = z2 + n;
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let b0 = 0;
        let b1 = 0;
        let b2 = 0;
        let b3 = 0;
        for (let t = 0; t < n; t++) {
          const u = z[za + t]!;
          const v = z[zb + t]!;
          const w0 = z[z0 + t]!;
          const w1 = z[z1 + t]!;
          const w2 = z[z2 + t]!;
          const w3 = z[z3 + t]!;
          a0 += u * w0;
          a1 += u * w1;
          a2 += u * w2;
          a3 += u * w3;
          b0 += v * w0;
          b1 += v * w1;
          b2 += v * w2;
          b3 += v * w3;
        }
        this.setGram(j, k, a0 / n, p);
        this.setGram(j, k + 1, a1 / n, p);
        this.setGram(j, k + 2, a2 / n, p);
        this.setGram(j, k + 3, a3 / n, p);
        this.setGram(j + 1, k, b0 / n, p);
        this.setGram(j + 1, k + 1, b1 / n, p);
        this.setGram(j + 1, k + 2, b2 / n, p);
        this.setGram(j + 1, k + 3, b3 / n, p);
      }
      // The columns left over, up to the diagonal: (j, k) for k ≤ j and (j + 1, k) for k ≤ j + 1.
      for (; k <= j + 1; k++) {
        const zk = k * n;
        let a = 0;
        let b = 0;
        for (let t = 0; t < n; t++) {
          const w = z[zk + t]!;
          a += z[za + t]! * w;
          b += z[zb + t]! * w;
        }
        if (k <= j) this.setGram(j, k, a / n, p);
        this.setGram(j + 1, k, b / n, p);
      }
    }
    // An odd last row.
    for (; j < p; j++) {
      const zj = j * n;
      for (let k = 0; k <= j; k++) {
        const zk = k * n;
        let g = 0;
        for (let t = 0; t < n; t++) g += z[zj + t]! * z[zk + t]!;
        this.setGram(j, k, g / n, p);
      }
    }
  }

  private setGram(j: number, k: number, value: number, p: number): void {
    this.gram[j * p + k] = value;
    this.gram[k * p + j] = value;
  }
}
