import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../search/rng.ts";
import {
  fitCoefficients,
  fitProphetMap,
  mapObjective,
  residualSumOfSquares,
  solveLasso,
  type ColumnPrior,
  type MapProblem,
} from "./prophet-fit.ts";

/** A Prophet-like problem: t, 1, 10 hinges (Laplace), 6 Fourier-like columns, y with noise. */
function prophetLikeProblem(rng: Rng, rows = 120): MapProblem {
  const t = Float64Array.from({ length: rows }, (_, i) => i / (rows - 1));
  const columns: Float64Array[] = [t, new Float64Array(rows).fill(1)];
  const priors: ColumnPrior[] = [
    { kind: "normal", scale: 5 },
    { kind: "normal", scale: 5 },
  ];
  for (let j = 1; j <= 10; j++) {
    const s = (0.8 * j) / 11;
    columns.push(t.map((v) => Math.max(v - s, 0)));
    priors.push({ kind: "laplace", scale: 0.05 });
  }
  for (let k = 1; k <= 3; k++) {
    columns.push(t.map((v) => Math.sin(2 * Math.PI * k * v * 3)));
    columns.push(t.map((v) => Math.cos(2 * Math.PI * k * v * 3)));
    priors.push({ kind: "normal", scale: 10 }, { kind: "normal", scale: 10 });
  }
  const y = t.map(
    (v, i) => 0.5 + 0.2 * v - 0.4 * Math.max(v - 0.5, 0) + 0.1 * columns[12]![i]! + 0.03 * rng.normal(),
  );
  return { rows, columns, priors, y, sigmaPriorScale: 0.5 };
}

/** Largest violation of the MAP's first-order conditions, each relative to the size of its terms. */
function kktViolation(problem: MapProblem, theta: Float64Array, sigma: number): number {
  const n = problem.rows;
  const fitted = new Float64Array(n);
  const rss = residualSumOfSquares(problem, theta, fitted);
  let worst = 0;
  problem.columns.forEach((column, j) => {
    let xr = 0;
    for (let i = 0; i < n; i++) xr += column[i]! * (problem.y[i]! - fitted[i]!);
    const likelihood = xr / sigma ** 2; // −∂(RSS/2σ²)/∂θ_j
    const prior = problem.priors[j]!;
    if (prior.kind === "normal") {
      const penalty = theta[j]! / prior.scale ** 2;
      worst = Math.max(worst, Math.abs(likelihood - penalty) / Math.max(1, Math.abs(likelihood)));
    } else if (theta[j] === 0) {
      worst = Math.max(worst, Math.abs(likelihood) * prior.scale - 1);
    } else {
      worst = Math.max(worst, Math.abs(likelihood * prior.scale - Math.sign(theta[j]!)));
    }
  });
  // ∂L/∂σ = −RSS/σ³ + n/σ + σ/s² = 0
  const sigmaGradient = -rss / sigma ** 3 + n / sigma + sigma / problem.sigmaPriorScale ** 2;
  return Math.max(worst, Math.abs(sigmaGradient) / (n / sigma));
}

function objectiveAt(problem: MapProblem, theta: Float64Array, sigma: number): number {
  const rss = residualSumOfSquares(problem, theta, new Float64Array(problem.rows));
  return mapObjective(problem.priors, theta, rss, sigma, problem.rows, problem.sigmaPriorScale);
}

describe("solveLasso", () => {
  const lassoObjective = (
    m: Float64Array,
    q: Float64Array,
    lambda: Float64Array,
    x: Float64Array,
  ): number => {
    const d = q.length;
    let f = 0;
    for (let j = 0; j < d; j++) {
      let mx = 0;
      for (let k = 0; k < d; k++) mx += m[j * d + k]! * x[k]!;
      f += x[j]! * (0.5 * mx - q[j]!) + lambda[j]! * Math.abs(x[j]!);
    }
    return f;
  };

  it("meets the KKT conditions and beats long coordinate descent on random correlated problems", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e6 }), (d, seed) => {
        const rng = createRng(seed);
        // M = AᵀA + εI with correlated columns (a shared component), like the changepoint hinges.
        const rows = d + 5;
        const a = Float64Array.from({ length: rows * d }, (_, idx) => rng.normal() + (idx % rows) * 0.3);
        const m = new Float64Array(d * d);
        for (let i = 0; i < d; i++) {
          for (let j = 0; j < d; j++) {
            let s = i === j ? 1e-3 : 0;
            for (let r = 0; r < rows; r++) s += a[r + i * rows]! * a[r + j * rows]!;
            m[i * d + j] = s;
          }
        }
        const q = Float64Array.from({ length: d }, () => 5 * rng.normal());
        const lambda = Float64Array.from({ length: d }, () => 3 * rng.next());
        const x = Float64Array.from({ length: d }, () => (rng.next() < 0.3 ? rng.normal() : 0)); // warm start
        solveLasso(m, q, lambda, d, x);
        for (let j = 0; j < d; j++) {
          let gradient = -q[j]!;
          for (let k = 0; k < d; k++) gradient += m[j * d + k]! * x[k]!;
          const tol = 1e-9 * (Math.abs(q[j]!) + lambda[j]! + 1);
          if (x[j] === 0) expect(Math.abs(gradient)).toBeLessThanOrEqual(lambda[j]! + tol);
          else expect(Math.abs(gradient + lambda[j]! * Math.sign(x[j]!))).toBeLessThanOrEqual(tol);
        }
        const cd = new Float64Array(d);
        for (let sweep = 0; sweep < 5000; sweep++) {
          for (let j = 0; j < d; j++) {
            let z = q[j]!;
            for (let k = 0; k < d; k++) if (k !== j) z -= m[j * d + k]! * cd[k]!;
            const mjj = m[j * d + j]!;
            cd[j] = z > lambda[j]! ? (z - lambda[j]!) / mjj : z < -lambda[j]! ? (z + lambda[j]!) / mjj : 0;
          }
        }
        const ours = lassoObjective(m, q, lambda, x);
        expect(ours).toBeLessThanOrEqual(lassoObjective(m, q, lambda, cd) + 1e-9 * (1 + Math.abs(ours)));
      }),
      { numRuns: 200 },
    );
  });

  it("returns zero when every threshold exceeds the gradient", () => {
    const x = new Float64Array([0.5, -0.2]);
    solveLasso(
      new Float64Array([2, 0.5, 0.5, 1]),
      new Float64Array([0.1, -0.2]),
      new Float64Array([1, 1]),
      2,
      x,
    );
    expect([...x]).toEqual([0, 0]);
  });
});

describe("fitProphetMap", () => {
  it("reaches a point where the MAP's first-order conditions hold to rounding", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const problem = prophetLikeProblem(createRng(seed));
      const fit = fitProphetMap(problem);
      expect(kktViolation(problem, fit.coefficients, fit.sigma)).toBeLessThan(1e-8);
      expect(fit.objective).toBeCloseTo(objectiveAt(problem, fit.coefficients, fit.sigma), 9);
      expect(fit.outerIterations).toBeLessThan(20);
      // The Laplace prior makes the solution sparse: some changepoints are exactly zero.
      expect(fit.coefficients.slice(2, 12).some((v) => v === 0)).toBe(true);
    }
  });

  it("is the minimum of the profile over σ and of nearby θ", () => {
    const rng = createRng(11);
    const problem = prophetLikeProblem(rng);
    const fit = fitProphetMap(problem);
    const best = fit.objective;
    // Profile: min over θ for σ on a grid from σ/4 to 4σ.
    for (let f = 0.25; f <= 4; f *= 1.25) {
      const sigma = fit.sigma * f;
      expect(objectiveAt(problem, fitCoefficients(problem, sigma), sigma)).toBeGreaterThanOrEqual(
        best - 1e-9,
      );
    }
    // Random nearby θ (including moving exact zeros off zero).
    for (let trial = 0; trial < 200; trial++) {
      const theta = fit.coefficients.map((v) => v + 1e-4 * rng.normal());
      expect(objectiveAt(problem, theta, fit.sigma)).toBeGreaterThan(best);
    }
  });

  it("returns zeros for y ≡ 0", () => {
    const problem = { ...prophetLikeProblem(createRng(3), 20), y: new Float64Array(20) };
    const fit = fitProphetMap(problem);
    expect([...fit.coefficients].every((v) => v === 0)).toBe(true);
    expect(fit.sigma).toBe(0);
  });
});
