import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMmmError } from "../../common/errors.ts";
import { createRng } from "../search/rng.ts";
import type { SpendBounds } from "./branch-and-bound.ts";
import { bestReachableEfficiency, efficiencyAtUpperBounds } from "./efficiency.ts";
import { responseAt, type ResponseCurves } from "./response-curve.ts";
import { maximiseAtTarget, maximiseResponse, type AllocationSolution } from "./solve.ts";

interface Problem {
  curves: ResponseCurves;
  bounds: SpendBounds;
  initial: Float64Array;
  budget: number;
}

/** A double uniform in [min, max] on a grid of a million steps (fast-check's doubles favour extremes like 1e-300). */
function uniform(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 1_000_000 }).map((k) => min + ((max - min) * k) / 1_000_000);
}

/** Random problems with S-shaped and concave curves on the scale of the spends, and a feasible budget. */
const problems = fc
  .array(
    fc.record({
      coef: uniform(10, 1e6),
      alpha: uniform(0.3, 6),
      inflexionShare: uniform(0.1, 20),
      carryoverShare: fc.oneof(fc.constant(0), uniform(0, 2)),
      initial: uniform(1, 1e5),
      low: fc.oneof(fc.constant(0), uniform(0, 1)),
      upExtra: uniform(0, 5),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .chain((channels) =>
    uniform(0, 1).map((budgetShare): Problem => {
      const curves = {
        coef: Float64Array.from(channels, (c) => c.coef),
        alpha: Float64Array.from(channels, (c) => c.alpha),
        inflexion: Float64Array.from(channels, (c) => c.inflexionShare * c.initial),
        carryover: Float64Array.from(channels, (c) => c.carryoverShare * c.initial),
      };
      const lower = Float64Array.from(channels, (c) => c.low * c.initial);
      const upper = Float64Array.from(channels, (c) => Math.max(1, c.low + c.upExtra) * c.initial);
      const initial = Float64Array.from(channels, (c) => c.initial);
      const sumLower = lower.reduce((a, b) => a + b, 0);
      const sumUpper = upper.reduce((a, b) => a + b, 0);
      return {
        curves,
        bounds: { lower, upper },
        initial,
        budget: sumLower + budgetShare * (sumUpper - sumLower),
      };
    }),
  );

function total(curves: ResponseCurves, spend: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < spend.length; i++) {
    sum += responseAt(
      {
        coef: curves.coef[i]!,
        alpha: curves.alpha[i]!,
        inflexion: curves.inflexion[i]!,
        carryover: curves.carryover[i]!,
      },
      spend[i]!,
    );
  }
  return sum;
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}

/** A random point of {lower <= x <= upper, Σx = budget}: a uniform box point pushed toward a corner. */
function randomFeasible(bounds: SpendBounds, budget: number, next: () => number): Float64Array | null {
  const n = bounds.lower.length;
  const y = Float64Array.from(
    { length: n },
    (_, i) => bounds.lower[i]! + next() * (bounds.upper[i]! - bounds.lower[i]!),
  );
  const gap = budget - sum(y);
  const target = gap > 0 ? bounds.upper : bounds.lower;
  const room = sum(target) - sum(y);
  const lambda = room === 0 ? 0 : gap / room;
  for (let i = 0; i < n; i++) y[i] = y[i]! + lambda * (target[i]! - y[i]!);
  // Rounding can leave Σy a few ulps of Σ upper away from the budget: such a point is not feasible, skip it.
  return Math.abs(sum(y) - budget) <= 1e-12 * Math.max(budget, 1e-300) ? y : null;
}

/** KKT conditions of max Σ R s.t. Σx = B with bounds: equal marginals inside, ≤ μ at lower, ≥ μ at upper. */
function kktViolation(solution: AllocationSolution, bounds: SpendBounds): number {
  const free: number[] = [];
  const atLower: number[] = [];
  const atUpper: number[] = [];
  for (let i = 0; i < solution.spend.length; i++) {
    const x = solution.spend[i]!;
    const margin = 1e-9 * Math.max(bounds.upper[i]!, 1);
    const m = solution.marginal[i]!;
    if (x <= bounds.lower[i]! + margin && x >= bounds.upper[i]! - margin) continue; // fixed (lower = upper)
    if (x <= bounds.lower[i]! + margin) atLower.push(m);
    else if (x >= bounds.upper[i]! - margin) atUpper.push(m);
    else free.push(m);
  }
  const scale = Math.max(...solution.marginal.map(Math.abs), 1e-300);
  let violation = 0;
  if (free.length > 0) {
    const mu = free[0]!;
    for (const m of free) violation = Math.max(violation, Math.abs(m - mu) / Math.max(mu, 1e-300));
    for (const m of atLower) violation = Math.max(violation, (m - mu) / scale);
    for (const m of atUpper) violation = Math.max(violation, (mu - m) / scale);
  } else if (atLower.length > 0 && atUpper.length > 0) {
    // Some μ must separate them: every marginal at a lower bound <= every marginal at an upper bound.
    violation = Math.max(0, (Math.max(...atLower) - Math.min(...atUpper)) / scale);
  }
  return violation;
}

describe("maximiseResponse", () => {
  it("satisfies the KKT conditions and spends the budget exactly (1e-9 relative)", () => {
    fc.assert(
      fc.property(problems, ({ curves, bounds, budget }) => {
        const solution = maximiseResponse(curves, bounds, budget);
        expect(solution.diagnostics.status).toBe("optimal");
        for (let i = 0; i < solution.spend.length; i++) {
          expect(solution.spend[i]).toBeGreaterThanOrEqual(bounds.lower[i]!);
          expect(solution.spend[i]).toBeLessThanOrEqual(bounds.upper[i]!);
        }
        expect(Math.abs(solution.totalSpend - budget)).toBeLessThanOrEqual(1e-9 * Math.max(budget, 1e-300));
        expect(kktViolation(solution, bounds)).toBeLessThan(1e-7);
      }),
      { seed: 20250101, numRuns: 300 },
    );
  });

  it("is never worse than the initial allocation when that allocation is feasible", () => {
    fc.assert(
      fc.property(problems, ({ curves, bounds, initial }) => {
        // low <= 1 <= up by construction, so the initial spends meet the historical budget Σ initial.
        const solution = maximiseResponse(curves, bounds, sum(initial));
        const initialResponse = total(curves, initial);
        expect(solution.totalResponse).toBeGreaterThanOrEqual(initialResponse * (1 - 1e-12));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("is never worse than a dense random sample of feasible points", () => {
    fc.assert(
      fc.property(problems, fc.integer({ min: 1, max: 1_000_000 }), ({ curves, bounds, budget }, seed) => {
        const solution = maximiseResponse(curves, bounds, budget);
        const rng = createRng(seed);
        let best = -Infinity;
        for (let k = 0; k < 3000; k++) {
          const point = randomFeasible(bounds, budget, rng.next);
          if (point !== null) best = Math.max(best, total(curves, point));
        }
        expect(solution.totalResponse).toBeGreaterThanOrEqual(best - 1e-12 * Math.abs(best));
      }),
      { seed: 3, numRuns: 120 },
    );
  });

  it("finds the global optimum of two S-curves (a 20 001-point grid along the budget line is never better)", () => {
    fc.assert(
      fc.property(problems, ({ curves, bounds, budget }) => {
        if (bounds.lower.length !== 2) return;
        const solution = maximiseResponse(curves, bounds, budget);
        let best = -Infinity;
        const lo = Math.max(bounds.lower[0]!, budget - bounds.upper[1]!);
        const hi = Math.min(bounds.upper[0]!, budget - bounds.lower[1]!);
        for (let k = 0; k <= 20_000; k++) {
          const x = lo + ((hi - lo) * k) / 20_000;
          best = Math.max(best, total(curves, [x, Math.max(bounds.lower[1]!, budget - x)]));
        }
        expect(solution.totalResponse).toBeGreaterThanOrEqual(best - 1e-12 * Math.abs(best));
      }),
      { seed: 99, numRuns: 300 },
    );
  });

  it("regression: an optimum with one channel on the convex foot of its S-curve has exactly equal marginals", () => {
    // Frozen from a random search: the B&B incumbent had marginals 3.24777 vs 3.24774 before the stationarity polish.
    const curves: ResponseCurves = {
      coef: Float64Array.of(5636.476108031163, 2376.22346222622, 8681.362358590779),
      alpha: Float64Array.of(1.1755569704614128, 2.951576155878878, 4.4741643951820125),
      inflexion: Float64Array.of(804.3906905729393, 604.4598223187048, 121.47538580577522),
      carryover: Float64Array.of(34.309984554063355, 0, 0),
    };
    const bounds = {
      lower: Float64Array.of(0.1969459060069346, 126.22940031072845, 62.401372064643766),
      upper: Float64Array.of(71.9202058002075, 467.1715232623292, 450.1919249817619),
    };
    const solution = maximiseResponse(
      curves,
      bounds,
      71.9202058002075 + 454.3378306699738 + 278.4669380036327,
    );
    expect(solution.spend[1]).toBeLessThan(475.95); // below channel 1's inflection spend: convex there
    expect(Math.abs(solution.marginal[1]! - solution.marginal[2]!) / solution.marginal[1]!).toBeLessThan(
      1e-12,
    );
    expect(kktViolation(solution, bounds)).toBeLessThan(1e-12);
  });

  it("returns the bounds themselves when the budget equals their sum", () => {
    const curves = {
      coef: Float64Array.of(1, 2),
      alpha: Float64Array.of(2, 0.5),
      inflexion: Float64Array.of(1, 1),
      carryover: Float64Array.of(0, 0),
    };
    const bounds = { lower: Float64Array.of(1, 2), upper: Float64Array.of(3, 4) };
    expect(Array.from(maximiseResponse(curves, bounds, 3).spend)).toEqual([1, 2]);
    expect(Array.from(maximiseResponse(curves, bounds, 7).spend)).toEqual([3, 4]);
  });

  it("rejects a budget outside the bounds with an invalid_input error", () => {
    const curves = {
      coef: Float64Array.of(1),
      alpha: Float64Array.of(2),
      inflexion: Float64Array.of(1),
      carryover: Float64Array.of(0),
    };
    const bounds = { lower: Float64Array.of(1), upper: Float64Array.of(3) };
    let error: unknown;
    try {
      maximiseResponse(curves, bounds, 4);
    } catch (caught) {
      error = caught;
    }
    expect(isMmmError(error) && error.code === "invalid_input").toBe(true);
  });

  it("reports node_limit with a certified gap when stopped early", () => {
    const curves = {
      coef: Float64Array.of(1000, 1000, 1000),
      alpha: Float64Array.of(5, 5, 5),
      inflexion: Float64Array.of(100, 120, 140),
      carryover: Float64Array.of(0, 0, 0),
    };
    const bounds = { lower: new Float64Array(3), upper: Float64Array.of(400, 400, 400) };
    const solution = maximiseResponse(curves, bounds, 260, { maxNodes: 2 });
    expect(solution.diagnostics.status).toBe("node_limit");
    expect(solution.diagnostics.upperBound).toBeGreaterThanOrEqual(solution.totalResponse);
    const exact = maximiseResponse(curves, bounds, 260);
    expect(exact.diagnostics.status).toBe("optimal");
    expect(exact.diagnostics.upperBound).toBeLessThanOrEqual(solution.diagnostics.upperBound);
  });
});

describe("maximiseAtTarget", () => {
  const targets = problems.chain((problem) =>
    uniform(0, 1).map((share) => {
      const best = Math.min(bestReachableEfficiency(problem.curves, problem.bounds).ratio, 1e6);
      const atUpper = efficiencyAtUpperBounds(problem.curves, problem.bounds);
      return { ...problem, target: atUpper + share * (best - atUpper) };
    }),
  );

  it("meets Σ R = target·Σ x exactly and is never worse than feasible random points", () => {
    fc.assert(
      fc.property(targets, fc.integer({ min: 1, max: 1_000_000 }), ({ curves, bounds, target }, seed) => {
        const solution = maximiseAtTarget(curves, bounds, target);
        for (let i = 0; i < solution.spend.length; i++) {
          expect(solution.spend[i]).toBeGreaterThanOrEqual(bounds.lower[i]!);
          expect(solution.spend[i]).toBeLessThanOrEqual(bounds.upper[i]!);
        }
        const residual = solution.totalResponse - target * solution.totalSpend;
        expect(Math.abs(residual)).toBeLessThanOrEqual(1e-9 * solution.totalResponse);
        // Any box point whose return is at least the target spends (and so returns) no more than the solution.
        const rng = createRng(seed);
        const n = bounds.lower.length;
        let bestSampled = -Infinity;
        for (let k = 0; k < 2000; k++) {
          const x = Float64Array.from(
            { length: n },
            (_, i) => bounds.lower[i]! + rng.next() * (bounds.upper[i]! - bounds.lower[i]!),
          );
          const response = total(curves, x);
          if (response >= target * sum(x)) bestSampled = Math.max(bestSampled, response);
        }
        expect(bestSampled).toBeLessThanOrEqual(solution.totalResponse * (1 + 1e-9));
      }),
      { seed: 12, numRuns: 150 },
    );
  });

  it("is the max_response optimum at its own spend (KKT holds)", () => {
    fc.assert(
      fc.property(targets, ({ curves, bounds, target }) => {
        const solution = maximiseAtTarget(curves, bounds, target);
        if (solution.diagnostics.status === "upper_bounds") return;
        expect(kktViolation(solution, bounds)).toBeLessThan(1e-7);
      }),
      { seed: 13, numRuns: 150 },
    );
  });

  it("returns the upper bounds when even they beat the target", () => {
    const curves = {
      coef: Float64Array.of(100),
      alpha: Float64Array.of(1),
      inflexion: Float64Array.of(10),
      carryover: Float64Array.of(0),
    };
    const bounds = { lower: Float64Array.of(1), upper: Float64Array.of(2) };
    const solution = maximiseAtTarget(curves, bounds, 0.5);
    expect(solution.diagnostics.status).toBe("upper_bounds");
    expect(solution.spend[0]).toBe(2);
  });
});
