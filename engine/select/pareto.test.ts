import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MmmError } from "../../common/errors.ts";
import {
  errorScores,
  hasZeroPaidMediaCoefficient,
  paretoFrontRanks,
  quantileType7,
  selectParetoFronts,
} from "./pareto.ts";

/**
 * The peeling exactly as Robyn's method notes describe it (§5.2 step 2), O(n²): sort by x then y, take the
 * points where the running minimum of y strictly decreases, remove them, repeat. Then, as Robyn's join of
 * fronts back onto models does, every copy of a point takes the smallest front among its copies.
 */
function peelFronts(x: readonly number[], y: readonly number[]): number[] {
  let remaining = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]! || a - b);
  const fronts = new Array<number>(x.length).fill(0);
  for (let front = 1; remaining.length > 0; front++) {
    let runningMin = Number.NaN;
    const rest: number[] = [];
    for (const i of remaining) {
      // The first point always starts the front (R's `!duplicated(cummin(y))`), even when its y is Inf.
      if (Number.isNaN(runningMin) || y[i]! < runningMin) {
        runningMin = y[i]!;
        fronts[i] = front;
      } else rest.push(i);
    }
    remaining = rest;
  }
  return fronts.map((_, i) => Math.min(...fronts.filter((__, j) => x[j] === x[i] && y[j] === y[i])));
}

/** q dominates p: no worse in both objectives and better in one. */
const dominates = (x: ArrayLike<number>, y: ArrayLike<number>, q: number, p: number): boolean =>
  x[q]! <= x[p]! && y[q]! <= y[p]! && (x[q]! < x[p]! || y[q]! < y[p]!);

/** Points on a coarse grid, so that ties in x, in y and exact duplicates are common. */
const gridValue = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(Infinity));
const gridPoints = fc.array(fc.tuple(gridValue, gridValue), {
  minLength: 1,
  maxLength: 80,
});
const realPoints = fc.array(
  fc.tuple(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true })),
  { minLength: 1, maxLength: 200 },
);
const columns = (points: [number, number][]) => ({
  x: Float64Array.from(points, (p) => p[0]),
  y: Float64Array.from(points, (p) => p[1]),
});

describe("paretoFrontRanks", () => {
  it("numbers a small hand-made set", () => {
    // (1,5) (2,3) (4,1) form front 1; (3,4) (5,2) front 2; (4,5) front 3.
    const x = Float64Array.of(4, 1, 3, 2, 5, 4);
    const y = Float64Array.of(1, 5, 4, 3, 2, 5);
    expect(Array.from(paretoFrontRanks(x, y))).toEqual([1, 1, 2, 1, 2, 3]);
  });

  it("does not put points with equal x or equal y in the same front unless they are copies", () => {
    // (1,2) beats (1,3) and (2,2); copies of (1,2) share front 1 but push (2,2) to front 3.
    const x = Float64Array.of(1, 1, 2, 1);
    const y = Float64Array.of(2, 3, 2, 2);
    expect(Array.from(paretoFrontRanks(x, y))).toEqual([1, 3, 3, 1]);
  });

  it("leaves NaN points and points beyond maxFronts without a front (0)", () => {
    const x = Float64Array.of(1, Number.NaN, 2, 3);
    const y = Float64Array.of(3, 1, 2, 3);
    expect(Array.from(paretoFrontRanks(x, y))).toEqual([1, 0, 1, 2]);
    expect(Array.from(paretoFrontRanks(x, y, 1))).toEqual([1, 0, 1, 0]);
  });

  it("handles infinite objectives", () => {
    const x = Float64Array.of(Infinity, 1, Infinity, 2);
    const y = Float64Array.of(0, Infinity, 0, 1);
    expect(Array.from(paretoFrontRanks(x, y))).toEqual([1, 1, 1, 1]);
  });

  it("equals the literal peeling (ties and copies included)", () => {
    fc.assert(
      fc.property(gridPoints, (points) => {
        const { x, y } = columns(points);
        expect(Array.from(paretoFrontRanks(x, y))).toEqual(peelFronts(Array.from(x), Array.from(y)));
      }),
    );
  });

  it("never lets a model be dominated by one in the same or a later front", () => {
    fc.assert(
      fc.property(fc.oneof(gridPoints, realPoints), (points) => {
        const { x, y } = columns(points);
        const ranks = paretoFrontRanks(x, y);
        for (let p = 0; p < x.length; p++) {
          for (let q = 0; q < x.length; q++) {
            if (dominates(x, y, q, p)) expect(ranks[q]).toBeLessThan(ranks[p]!);
          }
        }
      }),
    );
  });

  it("makes front 1 mutually non-dominated and puts everything a front-1 model dominates later", () => {
    fc.assert(
      fc.property(fc.oneof(gridPoints, realPoints), (points) => {
        const { x, y } = columns(points);
        const ranks = paretoFrontRanks(x, y);
        const front1 = [...ranks.keys()].filter((i) => ranks[i] === 1);
        expect(front1.length).toBeGreaterThan(0);
        for (const q of front1) {
          for (let p = 0; p < x.length; p++) {
            if (dominates(x, y, q, p)) expect(ranks[p]).toBeGreaterThan(1);
          }
        }
        // Every model outside front 1 is dominated (or copied) by some front-1 model.
        for (let p = 0; p < x.length; p++) {
          if (ranks[p] === 1) continue;
          expect(front1.some((q) => x[q]! <= x[p]! && y[q]! <= y[p]!)).toBe(true);
        }
      }),
    );
  });

  it("does not depend on the order of the models", () => {
    fc.assert(
      fc.property(gridPoints, fc.integer(), (points, seed) => {
        const { x, y } = columns(points);
        const ranks = paretoFrontRanks(x, y);
        const order = points
          .map((_, i) => i)
          .sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
        const permuted = paretoFrontRanks(
          Float64Array.from(order, (i) => x[i]!),
          Float64Array.from(order, (i) => y[i]!),
        );
        order.forEach((i, k) => expect(permuted[k]).toBe(ranks[i]));
      }),
    );
  });
});

describe("quantileType7", () => {
  it("matches R's quantile() (type 7)", () => {
    // R: quantile(1:10, c(0, 0.1, 0.9, 1)) = 1, 1.9, 9.1, 10; quantile(c(3, 1, 2, 4), 0.1) = 1.3
    const oneToTen = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantileType7(oneToTen, 0)).toBe(1);
    expect(quantileType7(oneToTen, 0.1)).toBeCloseTo(1.9, 14);
    expect(quantileType7(oneToTen, 0.9)).toBeCloseTo(9.1, 14);
    expect(quantileType7(oneToTen, 1)).toBe(10);
    expect(quantileType7(Float64Array.of(3, 1, 2, 4), 0.1)).toBeCloseTo(1.3, 14);
  });

  it("does not turn equal neighbours into NaN when they are infinite, and skips NaN", () => {
    expect(quantileType7(Float64Array.of(1, Infinity, Infinity), 0.9)).toBe(Infinity);
    expect(quantileType7(Float64Array.of(0, 0, 0), 0.1)).toBe(0);
    expect(quantileType7(Float64Array.of(Number.NaN, 2, 4), 0.5)).toBe(3);
    expect(quantileType7(new Float64Array(0), 0.5)).toBeNaN();
  });

  it("rejects a probability outside [0, 1]", () => {
    expect(() => quantileType7(Float64Array.of(1), 1.5)).toThrow(RangeError);
  });
});

describe("selectParetoFronts", () => {
  /** n models on a regular grid: every model is distinct, about √n per front. */
  function gridModels(side: number) {
    const nrmse: number[] = [];
    const decompRssd: number[] = [];
    for (let a = 0; a < side; a++) {
      for (let b = 0; b < side; b++) {
        nrmse.push(0.05 + a / 100);
        decompRssd.push(0.1 + b / 50);
      }
    }
    return {
      nrmse: Float64Array.from(nrmse),
      decompRssd: Float64Array.from(decompRssd),
      mape: new Float64Array(nrmse.length),
    };
  }
  const auto = {
    paretoFronts: "auto" as const,
    minCandidates: 20,
    calibrationConstraint: 0.1,
    calibrated: false,
  };

  it("filters the worst 10% on NRMSE or DECOMP.RSSD and picks the fewest fronts holding min_candidates", () => {
    const models = gridModels(12); // 144 models; the 0.9 quantile drops the last grid row and column
    const selection = selectParetoFronts(models, auto);
    expect(selection.candidateCount).toBe(121);
    expect(selection.mapeQt10.filter(Boolean).length).toBe(121);
    // Fronts on an 11×11 grid are its anti-diagonals: sizes 1, 2, 3, ...; 1+2+...+6 = 21 ≥ 20.
    expect(selection.paretoFronts).toBe(6);
    expect(selection.selectedModels.length).toBe(21);
    expect(selection.robynPareto.filter((f) => f === null).length).toBe(23);
    expect(Math.max(...selection.robynPareto.map((f) => f ?? 0))).toBe(21);
  });

  it("with a fixed number of fronts, leaves models beyond them without a front", () => {
    const selection = selectParetoFronts(gridModels(12), { ...auto, paretoFronts: 2 });
    expect(selection.paretoFronts).toBe(2);
    expect(selection.selectedModels.length).toBe(3);
    expect(selection.robynPareto.filter((f) => f !== null).length).toBe(3);
  });

  it("keeps only the best MAPE models when calibrated", () => {
    const models = gridModels(10);
    models.mape.forEach((_, i) => (models.mape[i] = (i * 37) % 100));
    const selection = selectParetoFronts(models, { ...auto, minCandidates: 5, calibrated: true });
    expect(selection.quantiles.mape).toBeCloseTo(9.9, 12);
    selection.mapeQt10.forEach((pass, i) => {
      if (pass) expect(models.mape[i]).toBeLessThanOrEqual(9.9);
    });
    expect(selection.selectedModels.every((i) => selection.mapeQt10[i]!)).toBe(true);
  });

  it("tells the marketer what to change when too few models pass the filter", () => {
    let error: unknown;
    try {
      selectParetoFronts(gridModels(10), { ...auto, minCandidates: 100 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MmmError);
    const mmmError = error as MmmError;
    expect(mmmError.code).toBe("invalid_input");
    expect(mmmError.field).toBe("min_candidates");
    expect(mmmError.message).toContain("Only 81 of the 100 models");
    expect(mmmError.message).toContain("more than 100 (min_candidates)");
    expect(mmmError.message).toMatch(/more iterations or more trials/);
    expect(mmmError.message).toContain("lower min_candidates below 81");
  });

  it("does not stop a calibrated run with few candidates: all fronts are selected", () => {
    const selection = selectParetoFronts(gridModels(5), { ...auto, minCandidates: 100, calibrated: true });
    expect(selection.selectedModels.length).toBe(selection.candidateCount);
  });

  it("selects a single model as front 1", () => {
    const one = { nrmse: Float64Array.of(0.1), decompRssd: Float64Array.of(0.2), mape: Float64Array.of(0) };
    const selection = selectParetoFronts(one, auto);
    expect(selection.robynPareto).toEqual([1]);
    expect(selection.paretoFronts).toBe(1);
  });

  it("rejects a number of fronts that is not a positive whole number", () => {
    expect(() => selectParetoFronts(gridModels(3), { ...auto, paretoFronts: 0 })).toThrow(MmmError);
    expect(() => selectParetoFronts(gridModels(3), { ...auto, paretoFronts: 1.5 })).toThrow(/pareto_fronts/);
  });
});

describe("errorScores", () => {
  it("is the weighted distance to the origin of the min–max normalised errors", () => {
    const scores = errorScores({
      nrmse: Float64Array.of(0.1, 0.2, 0.3),
      decompRssd: Float64Array.of(0.5, 0.1, 0.3),
      mape: Float64Array.of(0, 0, 0),
    });
    // normalised nrmse 0, 0.5, 1; decomp.rssd 1, 0, 0.5; constant mape → 0; weights 1/3.
    expect(scores[0]).toBeCloseTo(1 / 3, 15);
    expect(scores[1]).toBeCloseTo(0.5 / 3, 15);
    expect(scores[2]).toBeCloseTo(Math.hypot(1, 0.5) / 3, 15);
  });

  it("applies the weights normalised to sum 1", () => {
    const errors = {
      nrmse: Float64Array.of(0, 1),
      decompRssd: Float64Array.of(1, 0),
      mape: Float64Array.of(0, 1),
    };
    const scores = errorScores(errors, [2, 1, 1]);
    expect(scores[0]).toBeCloseTo(0.25, 15);
    expect(scores[1]).toBeCloseTo(Math.hypot(0.5, 0.25), 15);
  });

  it("replaces ±Inf by 1 (Robyn's max(is.finite(x)) quirk) before normalising", () => {
    // nrmse 0.1, 0.5, Inf → 0.1, 0.5, 1 → 0, 0.444…, 1: Inf is not the worst possible, only 1.
    const scores = errorScores({
      nrmse: Float64Array.of(0.1, 0.5, Infinity),
      decompRssd: Float64Array.of(0, 0, 0),
      mape: Float64Array.of(0, 0, 0),
    });
    expect(scores[1]).toBeCloseTo(0.4 / 0.9 / 3, 15);
    expect(scores[2]).toBeCloseTo(1 / 3, 15);
    const bigger = errorScores({
      nrmse: Float64Array.of(2, 5, Infinity),
      decompRssd: Float64Array.of(0, 0, 0),
      mape: Float64Array.of(0, 0, 0),
    });
    // Now the Inf model (→ 1) scores best of all.
    expect(bigger[2]).toBe(0);
  });

  it("counts NaN errors as 0 and leaves a column with one finite value unnormalised", () => {
    const scores = errorScores({
      nrmse: Float64Array.of(0.1, Number.NaN, 0.3),
      decompRssd: Float64Array.of(Number.NaN, 0.4, Number.NaN),
      mape: Float64Array.of(0, 0, 0),
    });
    expect(scores[0]).toBeCloseTo(0, 15);
    expect(scores[1]).toBeCloseTo(0.4 / 3, 15);
    expect(scores[2]).toBeCloseTo(1 / 3, 15);
  });

  it("writes into a caller's buffer", () => {
    const out = new Float64Array(2);
    const result = errorScores(
      { nrmse: Float64Array.of(1, 2), decompRssd: Float64Array.of(1, 2), mape: Float64Array.of(0, 0) },
      [1, 1, 1],
      out,
    );
    expect(result).toBe(out);
    expect(out[1]).toBeCloseTo(Math.SQRT2 / 3, 15);
  });
});

describe("hasZeroPaidMediaCoefficient", () => {
  it("flags a model with a paid medium at exactly zero (coef0)", () => {
    expect(hasZeroPaidMediaCoefficient(Float64Array.of(1, 0, 2))).toBe(true);
    expect(hasZeroPaidMediaCoefficient(Float64Array.of(1, 1e-300))).toBe(false);
  });
});
