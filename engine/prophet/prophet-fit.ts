/**
 * Exact MAP fit of Prophet's linear model (robyn-method.md §1.6: Prophet's Stan model fitted with
 * `optimizing`, i.e. the posterior mode, without Jacobian terms).
 *
 * Model, in Prophet's scaled units: y_i ~ N(x_iᵀθ, σ²); θ_j ~ N(0, s_j²) for "normal" columns (trend
 * k and m, seasonality, holidays, regressors); θ_j ~ Laplace(0, b_j) for "laplace" columns (the trend
 * changepoints δ); σ ~ half-N(0, s_σ²). The negative log posterior, up to constants, is
 *
 *   L(θ, σ) = RSS(θ)/(2σ²) + n·log σ + σ²/(2s_σ²) + ½ Σ_normal θ_j²/s_j² + Σ_laplace |θ_j|/b_j.
 *
 * Method: exact block coordinate descent on the blocks θ and σ.
 * - σ given θ: ∂L/∂σ = 0 ⇔ σ⁴/s_σ² + n·σ² − RSS = 0, a quadratic in u = σ², solved in closed form.
 * - θ given σ (`fitCoefficients`): times σ², minimise ½‖y − Xθ‖² + ½u·Σ θ_j²/s_j² + u·Σ |θ_j|/b_j,
 *   a strictly convex problem. The normal block, whose Hessian XᵀX + u·diag(1/s²) is positive
 *   definite, is eliminated exactly (Cholesky), leaving a lasso in the ~25 changepoints whose Gram
 *   matrix is the Schur complement. Why not plain coordinate descent or proximal gradient: the
 *   changepoint hinges max(t − s_j, 0) are nearly collinear, and on the golden data coordinate descent
 *   needed more than 10⁵ sweeps without settling the active set. The lasso is therefore solved by a
 *   finite active-set method (`solveLasso`) that stops on the optimality (KKT) conditions themselves,
 *   so the result is the optimum to rounding error, not to an iteration tolerance.
 * - The outer iteration u ← φ(u) = best σ² for θ(u) is one-dimensional; a secant step on φ(u) − u
 *   speeds it up (4–6 iterations in practice). It stops when u moves by less than 1e-13 relative; θ and
 *   σ then satisfy the stationarity conditions of L jointly. L is not jointly convex in (θ, σ), but the
 *   profile min_θ L(θ, σ) is differentiable in σ (envelope theorem) and, in our tests, unimodal
 *   (prophet-fit.test.ts scans it). σ is kept ≥ 1e-4 of y's RMS (see `fitProphetMap`).
 * After XᵀX is formed everything works on p×p matrices (p ≈ 50–80), so the cost hardly grows with n.
 * Prophet's own fit (Stan's L-BFGS, which stops on relative-tolerance tests) ends short of this optimum,
 * typically with many tiny non-zero δ where the MAP has exact zeros. On the golden data its objective is
 * 0.095 above ours (tests/golden/prophet.golden.test.ts); expect small differences in the series.
 *
 * The file is near the 400-line mark because the solver's pieces (Gram matrix, elimination,
 * active-set lasso, Cholesky) only make sense together.
 */
import { MmmError } from "../../common/errors.ts";

export type ColumnPrior = { kind: "normal"; scale: number } | { kind: "laplace"; scale: number };

export interface MapProblem {
  rows: number;
  /** Design columns, each of length `rows`. */
  columns: readonly Float64Array[];
  priors: readonly ColumnPrior[];
  y: Float64Array;
  /** Scale of the half-normal prior on σ. */
  sigmaPriorScale: number;
}

export interface MapFit {
  coefficients: Float64Array;
  sigma: number;
  /** X·θ. */
  fitted: Float64Array;
  /** L(θ, σ) without constants. */
  objective: number;
  outerIterations: number;
}

const OUTER_TOLERANCE = 1e-13;
const MAX_OUTER = 200;

export function fitProphetMap(problem: MapProblem): MapFit {
  const n = problem.rows;
  const p = problem.columns.length;
  let meanSquare = 0;
  for (let i = 0; i < n; i++) meanSquare += problem.y[i]! * problem.y[i]!;
  meanSquare /= n;
  if (meanSquare === 0) {
    // y ≡ 0: θ = 0 fits exactly and the posterior mode is the limit σ → 0.
    const zeros = new Float64Array(p);
    return {
      coefficients: zeros,
      sigma: 0,
      fitted: new Float64Array(n),
      objective: -Infinity,
      outerIterations: 0,
    };
  }
  const solver = createCoefficientSolver(problem);
  const theta = new Float64Array(p);
  const fitted = new Float64Array(n);
  // σ is kept at or above 1e-4 of y's root mean square. A model with about as many columns as rows
  // could otherwise interpolate y, and L → −∞ as σ → 0 (no MAP); real data never comes near.
  const floor = 1e-8 * meanSquare;
  const phi = (u: number): number => {
    solver.solve(u, theta);
    return Math.max(
      floor,
      bestVariance(residualSumOfSquares(problem, theta, fitted), n, problem.sigmaPriorScale),
    );
  };

  let u = phi(1e-4 * meanSquare); // start: σ at 1% of y's root mean square
  let previous = u;
  let gPrevious = Number.NaN;
  let iterations = 1;
  for (; iterations < MAX_OUTER; iterations++) {
    const next = phi(u);
    const g = next - u;
    if (Math.abs(g) <= OUTER_TOLERANCE * u) break;
    let candidate = next;
    // Secant on g(u) = φ(u) − u, used only when it stays positive and moves the way φ points.
    if (Number.isFinite(gPrevious) && g !== gPrevious) {
      const secant = u - (g * (u - previous)) / (g - gPrevious);
      if (secant > 0 && Math.sign(secant - u) === Math.sign(g)) candidate = secant;
    }
    previous = u;
    gPrevious = g;
    u = candidate;
  }
  solver.solve(u, theta);
  const rss = residualSumOfSquares(problem, theta, fitted);
  const sigma = Math.sqrt(Math.max(floor, bestVariance(rss, n, problem.sigmaPriorScale)));
  const objective = mapObjective(problem.priors, theta, rss, sigma, n, problem.sigmaPriorScale);
  return { coefficients: theta, sigma, fitted, objective, outerIterations: iterations };
}

/** argmin over θ of L(θ, σ) for a fixed σ (the inner problem above). */
export function fitCoefficients(problem: MapProblem, sigma: number): Float64Array {
  const theta = new Float64Array(problem.columns.length);
  createCoefficientSolver(problem).solve(sigma * sigma, theta);
  return theta;
}

/** L(θ, σ) up to constants, given RSS(θ). */
export function mapObjective(
  priors: readonly ColumnPrior[],
  theta: ArrayLike<number>,
  rss: number,
  sigma: number,
  rows: number,
  sigmaPriorScale: number,
): number {
  let penalty = 0;
  priors.forEach((prior, j) => {
    const v = theta[j]!;
    penalty +=
      prior.kind === "normal" ? (0.5 * v * v) / (prior.scale * prior.scale) : Math.abs(v) / prior.scale;
  });
  return (
    rss / (2 * sigma * sigma) +
    rows * Math.log(sigma) +
    (sigma * sigma) / (2 * sigmaPriorScale ** 2) +
    penalty
  );
}

/** The σ² minimising L for a given RSS: the positive root of u²/s_σ² + n·u − RSS = 0. */
function bestVariance(rss: number, n: number, sigmaPriorScale: number): number {
  const a = 1 / (sigmaPriorScale * sigmaPriorScale);
  return (2 * rss) / (n + Math.sqrt(n * n + 4 * a * rss));
}

/** ‖y − Xθ‖², writing Xθ into `fitted`. */
export function residualSumOfSquares(
  problem: MapProblem,
  theta: ArrayLike<number>,
  fitted: Float64Array,
): number {
  const n = problem.rows;
  fitted.fill(0);
  problem.columns.forEach((column, j) => {
    const v = theta[j]!;
    if (v !== 0) for (let i = 0; i < n; i++) fitted[i] += v * column[i]!;
  });
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (problem.y[i]! - fitted[i]!) ** 2;
  return rss;
}

interface CoefficientSolver {
  /** Writes argmin_θ ½‖y − Xθ‖² + ½u·Σθ²/s² + u·Σ|θ|/b into `theta`, warm-started from it. */
  solve(u: number, theta: Float64Array): void;
}

/**
 * The inner solver: XᵀX and Xᵀy once, then per u the elimination of the normal block and the
 * changepoint lasso. (About 70 lines: the elimination's steps share their buffers.)
 */
function createCoefficientSolver(problem: MapProblem): CoefficientSolver {
  const n = problem.rows;
  const p = problem.columns.length;
  const gauss: number[] = [];
  const laplace: number[] = [];
  const precision = new Float64Array(p);
  const rate = new Float64Array(p);
  problem.priors.forEach((prior, j) => {
    if (prior.kind === "normal") {
      gauss.push(j);
      precision[j] = 1 / (prior.scale * prior.scale);
    } else {
      laplace.push(j);
      rate[j] = 1 / prior.scale;
    }
  });
  const gram = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const ca = problem.columns[a]!;
    let s = 0;
    for (let i = 0; i < n; i++) s += ca[i]! * problem.y[i]!;
    xty[a] = s;
    for (let b = 0; b <= a; b++) {
      const cb = problem.columns[b]!;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += ca[i]! * cb[i]!;
      gram[a * p + b] = dot;
      gram[b * p + a] = dot;
    }
  }
  const g = gauss.length;
  const l = laplace.length;
  const chol = new Float64Array(g * g);
  const w = new Float64Array(g * l); // H_gg⁻¹ H_gl, one block of g per Laplace column
  const w0 = new Float64Array(g); // H_gg⁻¹ (Xᵀy)_g
  const schur = new Float64Array(l * l); // H_ll − H_lg H_gg⁻¹ H_gl
  const linear = new Float64Array(l); // (Xᵀy)_l − H_lg H_gg⁻¹ (Xᵀy)_g
  const threshold = new Float64Array(l);
  const delta = new Float64Array(l);
  return {
    solve(u, theta) {
      for (let a = 0; a < g; a++) {
        for (let b = 0; b < g; b++) chol[a * g + b] = gram[gauss[a]! * p + gauss[b]!]!;
        chol[a * g + a] += u * precision[gauss[a]!]!;
      }
      if (!choleskyInPlace(chol, g)) {
        throw new MmmError(
          "internal",
          "Prophet fit: the normal-prior block of the design is not positive definite",
        );
      }
      for (let a = 0; a < g; a++) w0[a] = xty[gauss[a]!]!;
      choleskySolve(chol, g, w0);
      for (let c = 0; c < l; c++) {
        const block = w.subarray(c * g, (c + 1) * g);
        for (let a = 0; a < g; a++) block[a] = gram[gauss[a]! * p + laplace[c]!]!;
        choleskySolve(chol, g, block);
      }
      for (let c = 0; c < l; c++) {
        const jc = laplace[c]!;
        let lin = xty[jc]!;
        for (let a = 0; a < g; a++) lin -= gram[jc * p + gauss[a]!]! * w0[a]!;
        linear[c] = lin;
        threshold[c] = u * rate[jc]!;
        delta[c] = theta[jc]!;
        for (let d = 0; d <= c; d++) {
          let s = gram[jc * p + laplace[d]!]!;
          for (let a = 0; a < g; a++) s -= gram[jc * p + gauss[a]!]! * w[d * g + a]!;
          schur[c * l + d] = s;
          schur[d * l + c] = s;
        }
      }
      solveLasso(schur, linear, threshold, l, delta);
      for (let a = 0; a < g; a++) {
        let v = w0[a]!;
        for (let c = 0; c < l; c++) v -= w[c * g + a]! * delta[c]!;
        theta[gauss[a]!] = v;
      }
      for (let c = 0; c < l; c++) theta[laplace[c]!] = delta[c]!;
    },
  };
}

/**
 * min f(δ) = ½δᵀMδ − qᵀδ + Σ λ_j|δ_j| for a symmetric positive-definite M (dimension d), warm-started
 * from `delta`. An active-set method in the manner of Lawson–Hanson's NNLS and the feature-sign search
 * (Lee, Battle, Raina & Ng, 2006), which ends after finitely many steps at the exact optimum:
 * 1. Subspace step: solve the equations of the active (non-zero) coefficients with their current
 *    signs, M_AA·x = q_A − λ_A·sign_A (Cholesky), and move towards x, stopping at the first active
 *    coefficient that reaches zero; it leaves the active set and step 1 repeats. Along the segment f
 *    equals a convex quadratic minimised at x, so f decreases; once the full step is taken the active
 *    coefficients are optimal for their signs.
 * 2. Pricing: if some zero coefficient violates |∂smooth/∂δ_j| ≤ λ_j, take the worst, give it the
 *    sign that lowers f and move it to its exact 1-D minimum (a soft-threshold step), then go to 1.
 *    Otherwise δ satisfies the lasso's optimality (KKT) conditions: stop.
 * f decreases at every step and each completed subspace step is the optimum of its (active set,
 * signs), so no such pair repeats: the method terminates. The pricing test allows for rounding in
 * Mδ (1e-10 of the sizes of the terms). (About 70 lines: the two steps share their state.)
 */
export function solveLasso(
  m: Float64Array,
  q: Float64Array,
  lambda: Float64Array,
  d: number,
  delta: Float64Array,
): void {
  const gradient = new Float64Array(d); // Mδ − q
  const magnitude = new Float64Array(d); // |q| + Σ|M δ|, the size of the terms in the gradient
  const target = new Float64Array(d);
  const updateGradient = (): void => {
    for (let j = 0; j < d; j++) {
      let s = -q[j]!;
      let size = Math.abs(q[j]!);
      for (let k = 0; k < d; k++) {
        const term = m[j * d + k]! * delta[k]!;
        s += term;
        size += Math.abs(term);
      }
      gradient[j] = s;
      magnitude[j] = size;
    }
  };
  updateGradient();
  let subspaceSolved = false;
  const maxSteps = 100 * (d + 1) * (d + 1);
  for (let steps = 0; steps < maxSteps; steps++) {
    if (!subspaceSolved) {
      const active: number[] = [];
      for (let j = 0; j < d; j++) if (delta[j] !== 0) active.push(j);
      subspaceSolved = subspaceStep(m, q, lambda, d, delta, active, target);
      updateGradient();
      continue;
    }
    let worst = -1;
    let worstExcess = 0;
    for (let j = 0; j < d; j++) {
      const excess = Math.abs(gradient[j]!) - lambda[j]! - 1e-10 * (magnitude[j]! + lambda[j]!);
      if (delta[j] === 0 && excess > worstExcess && m[j * d + j]! > 0) {
        worst = j;
        worstExcess = excess;
      }
    }
    if (worst < 0) return;
    const step = -(gradient[worst]! - Math.sign(gradient[worst]!) * lambda[worst]!) / m[worst * d + worst]!;
    delta[worst] = step;
    updateGradient();
    subspaceSolved = false;
  }
  throw new MmmError("internal", "Prophet fit: the changepoint search did not terminate");
}

/** Step 1 of `solveLasso`; returns true when the full step was taken (the subspace is solved). */
function subspaceStep(
  m: Float64Array,
  q: Float64Array,
  lambda: Float64Array,
  d: number,
  delta: Float64Array,
  active: readonly number[],
  target: Float64Array,
): boolean {
  const a = active.length;
  if (a === 0) return true;
  const sub = new Float64Array(a * a);
  const rhs = new Float64Array(a);
  active.forEach((j, r) => {
    rhs[r] = q[j]! - lambda[j]! * Math.sign(delta[j]!);
    active.forEach((k, c) => (sub[r * a + c] = m[j * d + k]!));
  });
  if (!choleskyInPlace(sub, a)) {
    throw new MmmError("internal", "Prophet fit: the changepoint block of the design is singular");
  }
  choleskySolve(sub, a, rhs);
  target.fill(0);
  active.forEach((j, r) => (target[j] = rhs[r]!));
  let alpha = 1;
  let leaving = -1;
  for (const j of active) {
    if (Math.sign(target[j]!) === Math.sign(delta[j]!)) continue;
    const crossing = delta[j]! / (delta[j]! - target[j]!);
    if (crossing < alpha) {
      alpha = crossing;
      leaving = j;
    }
  }
  for (const j of active) delta[j] = leaving < 0 ? target[j]! : delta[j]! + alpha * (target[j]! - delta[j]!);
  if (leaving >= 0) delta[leaving] = 0;
  return leaving < 0;
}

/** Lower Cholesky factor of a symmetric positive-definite d×d matrix, in place; false if not PD. */
function choleskyInPlace(a: Float64Array, d: number): boolean {
  for (let j = 0; j < d; j++) {
    let diag = a[j * d + j]!;
    for (let k = 0; k < j; k++) diag -= a[j * d + k]! ** 2;
    if (!(diag > 0)) return false;
    const root = Math.sqrt(diag);
    a[j * d + j] = root;
    for (let i = j + 1; i < d; i++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= a[i * d + k]! * a[j * d + k]!;
      a[i * d + j] = s / root;
    }
  }
  return true;
}

/** Solves (LLᵀ)x = b in place, L from `choleskyInPlace`. */
function choleskySolve(l: Float64Array, d: number, b: Float64Array): void {
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * d + k]! * b[k]!;
    b[i] = s / l[i * d + i]!;
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < d; k++) s -= l[k * d + i]! * b[k]!;
    b[i] = s / l[i * d + i]!;
  }
}
