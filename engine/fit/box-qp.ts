/**
 * Exact minimiser of a strictly convex quadratic under box constraints:
 *
 *   minimise ½ βᵀAβ − bᵀβ   subject to  lo ≤ β ≤ hi,   A symmetric positive definite (p × p, row-major).
 *
 * This is the ridge problem glmnet solves for Robyn (method notes §3.5). glmnet stops its coordinate
 * descent early (thresh 1e-7), so we solve the same problem exactly instead, with a primal active-set
 * method (Nocedal & Wright, Numerical Optimization, 2nd ed., §16.5): keep a working set of coordinates
 * held at a bound, solve the equality-constrained subproblem on the others by Cholesky, step towards its
 * solution until a bound blocks, and release the bound whose Lagrange multiplier has the wrong sign. For a
 * strictly convex problem this reaches the unique optimum in finitely many steps; with the handful of
 * regressors of a marketing-mix model it takes one to a few factorisations.
 *
 * Written here rather than taken from a library: no maintained JavaScript QP solver handles bounds
 * exactly without allocation per call, and this runs once per candidate model in the search.
 */
import { choleskyFactor, choleskySolve } from "./cholesky.ts";

const FREE = 0;
const AT_LOWER = -1;
const AT_UPPER = 1;

export class BoxQpSolver {
  private readonly state: Int8Array;
  private readonly free: Int32Array;
  private readonly subMatrix: Float64Array;
  private readonly subRhs: Float64Array;
  private readonly candidate: Float64Array;

  constructor(readonly maxDimension: number) {
    this.state = new Int8Array(maxDimension);
    this.free = new Int32Array(maxDimension);
    this.subMatrix = new Float64Array(maxDimension * maxDimension);
    this.subRhs = new Float64Array(maxDimension);
    this.candidate = new Float64Array(maxDimension);
  }

  /**
   * Solves the problem of dimension `p` and writes the optimum into `beta`. Infinite bounds are allowed;
   * every box must contain a feasible point (lo ≤ hi). Coordinates with lo = hi are fixed.
   */
  solve(
    p: number,
    A: Float64Array,
    b: Float64Array,
    lo: Float64Array,
    hi: Float64Array,
    beta: Float64Array,
  ): void {
    const { state, candidate } = this;
    // Start from the feasible point closest to 0, with every coordinate free except the fixed ones.
    for (let j = 0; j < p; j++) {
      beta[j] = Math.min(Math.max(0, lo[j]!), hi[j]!);
      state[j] = lo[j] === hi[j] ? AT_LOWER : FREE;
    }
    const scale = Math.max(1, maxAbs(b, p));
    const multiplierTolerance = 1e-13 * scale;
    const maxIterations = 10 * p + 50;

    for (let iteration = 0; iteration < maxIterations; iteration++) {
      this.solveFreeSubproblem(p, A, b, beta);
      // Largest step t in [0, 1] from beta towards the candidate that keeps the free coordinates feasible.
      let step = 1;
      let blocking = -1;
      let blockingSide = FREE;
      for (let j = 0; j < p; j++) {
        if (state[j] !== FREE) continue;
        const c = candidate[j]!;
        const d = c - beta[j]!;
        if (c < lo[j]! && d < 0) {
          const t = (lo[j]! - beta[j]!) / d;
          if (t < step) [step, blocking, blockingSide] = [t, j, AT_LOWER];
        } else if (c > hi[j]! && d > 0) {
          const t = (hi[j]! - beta[j]!) / d;
          if (t < step) [step, blocking, blockingSide] = [t, j, AT_UPPER];
        }
      }
      if (blocking >= 0) {
        for (let j = 0; j < p; j++)
          if (state[j] === FREE) beta[j] = beta[j]! + step * (candidate[j]! - beta[j]!);
        beta[blocking] = blockingSide === AT_LOWER ? lo[blocking]! : hi[blocking]!;
        state[blocking] = blockingSide;
        continue;
      }
      for (let j = 0; j < p; j++) if (state[j] === FREE) beta[j] = candidate[j]!;
      // At the subproblem's optimum: release the bound with the most wrong-signed multiplier, if any.
      let release = -1;
      let worst = multiplierTolerance;
      for (let j = 0; j < p; j++) {
        if (state[j] === FREE || lo[j] === hi[j]) continue;
        let gradient = -b[j]!;
        for (let k = 0; k < p; k++) gradient += A[j * p + k]! * beta[k]!;
        const violation = state[j] === AT_LOWER ? -gradient : gradient;
        if (violation > worst) [worst, release] = [violation, j];
      }
      if (release < 0) return;
      state[release] = FREE;
    }
    throw new Error(`box-constrained ridge did not converge in ${maxIterations} active-set steps (p = ${p})`);
  }

  /** candidate_F = A_FF⁻¹ (b_F − A_FW β_W); the fixed coordinates keep their values. */
  private solveFreeSubproblem(p: number, A: Float64Array, b: Float64Array, beta: Float64Array): void {
    const { state, free, subMatrix, subRhs, candidate } = this;
    let m = 0;
    for (let j = 0; j < p; j++) {
      candidate[j] = beta[j]!;
      if (state[j] === FREE) free[m++] = j;
    }
    if (m === 0) return;
    for (let r = 0; r < m; r++) {
      const i = free[r]!;
      let rhs = b[i]!;
      for (let k = 0; k < p; k++) if (state[k] !== FREE) rhs -= A[i * p + k]! * beta[k]!;
      subRhs[r] = rhs;
      for (let c = 0; c <= r; c++) subMatrix[r * m + c] = A[i * p + free[c]!]!;
    }
    choleskyFactor(subMatrix, m);
    choleskySolve(subMatrix, m, subRhs);
    for (let r = 0; r < m; r++) candidate[free[r]!] = subRhs[r]!;
  }
}

function maxAbs(values: Float64Array, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(values[i]!));
  return m;
}
