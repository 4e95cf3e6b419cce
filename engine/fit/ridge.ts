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
  ): void {
    const { means, scales, z, gram, rhs, lo, hi, beta } = this;
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
    for (let j = 0; j < p; j++) {
      const zj = j * n;
      let dot = 0;
      for (let t = 0; t < n; t++) dot += z[zj + t]! * ((withIntercept ? y[t]! - yMean : y[t]!) / yScale);
      rhs[j] = dot / n;
      for (let k = 0; k <= j; k++) {
        const zk = k * n;
        let g = 0;
        for (let t = 0; t < n; t++) g += z[zj + t]! * z[zk + t]!;
        g /= n;
        gram[j * p + k] = g;
        gram[k * p + j] = g;
      }
      // A constant column has a zero row in Zᵀ Z; the penalty still makes the system positive definite.
      gram[j * p + j] = gram[j * p + j]! + kappa;
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
}
