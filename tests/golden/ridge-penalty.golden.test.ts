/**
 * Penalty factors (Robyn's `add_penalty_factor`, glmnet's `penalty.factor`; method notes §3.5) on Robyn's
 * own B2 designs:
 * - factors that are all equal change nothing, because glmnet rescales them to sum to the column count:
 *   every B2 case still gives Robyn's exact coefficients (1e-7 relative, as the B2 test);
 * - unequal factors, bounds removed, give the method's closed form
 *   β = (ZᵀZ/n + κ·diag(pf·p/Σpf))⁻¹ Zᵀỹ/n, computed here independently with a dense solve (1e-9 relative);
 * - a factor of 0 leaves its column unpenalised, and all factors 0 is the unpenalised fit.
 */
import { describe, expect, it } from "vitest";
import { modelRefit } from "../../engine/fit/model-refit.ts";
import { RidgeSolver } from "../../engine/fit/ridge.ts";
import { loadGolden } from "./fixtures.ts";
import { assertSeriesClose, maxAbs } from "./tolerance.ts";

interface RidgeCase {
  design: string;
  x_train: number[][];
  y_train: number[];
  lower_limits: number[];
  upper_limits: number[];
  intercept_requested: boolean;
  intercept_sign: "non_negative" | "unconstrained";
  lambda_hp: number;
  lambda: number;
  coef_exact: number[];
}

const { fits } = loadGolden<{ fits: RidgeCase[] }>("b2_ridge.json");

function columnMajor(rows: number[][]): { x: Float64Array; n: number; p: number } {
  const n = rows.length;
  const p = rows[0]!.length;
  const x = new Float64Array(n * p);
  rows.forEach((row, t) => row.forEach((v, j) => (x[j * n + t] = v)));
  return { x, n, p };
}

function fitWith(c: RidgeCase, penalty: number[] | undefined, bounded = true): number[] {
  const { x, n, p } = columnMajor(c.x_train);
  const fit = { coefficients: new Float64Array(p), intercept: 0 };
  modelRefit(
    new RidgeSolver(n, p),
    x,
    n,
    n,
    p,
    c.y_train,
    bounded ? c.lower_limits : new Array<number>(p).fill(-Infinity),
    bounded ? c.upper_limits : new Array<number>(p).fill(Infinity),
    c.lambda,
    bounded ? c.intercept_requested : true,
    bounded ? c.intercept_sign : "unconstrained",
    fit,
    penalty,
  );
  return [fit.intercept, ...fit.coefficients];
}

/**
 * The closed form with an intercept, written out: standardise, solve the normal equations, map back. A
 * constant column gets 0 (glmnet drops it); the factors are still rescaled over every column, as glmnet does.
 */
function closedForm(c: RidgeCase, penalty: number[]): number[] {
  const rows = c.x_train;
  const n = rows.length;
  const p = rows[0]!.length;
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const sd = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
  const columns = Array.from({ length: p }, (_, j) => rows.map((r) => r[j]!));
  const xMean = columns.map(mean);
  const xSd = columns.map(sd);
  const active = xSd.flatMap((s, j) => (s > 1e-12 * Math.max(1, Math.abs(xMean[j]!)) ? [j] : []));
  const yMean = mean(c.y_train);
  const ySd = sd(c.y_train);
  const z = active.map((j) => columns[j]!.map((v) => (v - xMean[j]!) / xSd[j]!));
  const yTilde = c.y_train.map((v) => (v - yMean) / ySd);
  const kappa = c.lambda / ySd;
  const scale = p / penalty.reduce((a, b) => a + b, 0);
  const a = active.map((j, r) =>
    active.map((k, q) => {
      let g = 0;
      for (let t = 0; t < n; t++) g += z[r]![t]! * z[q]![t]!;
      return g / n + (j === k ? kappa * penalty[j]! * scale : 0);
    }),
  );
  const b = z.map((zj) => zj.reduce((sum, v, t) => sum + v * yTilde[t]!, 0) / n);
  const beta = gaussianSolve(a, b);
  const coefficients = new Array<number>(p).fill(0);
  active.forEach((j, r) => (coefficients[j] = (beta[r]! * ySd) / xSd[j]!));
  const intercept = yMean - coefficients.reduce((sum, bj, j) => sum + bj * xMean[j]!, 0);
  return [intercept, ...coefficients];
}

/** Gaussian elimination with partial pivoting (a test's own solver, independent of the engine's). */
function gaussianSolve(a: number[][], b: number[]): number[] {
  const m = a.map((row, i) => [...row, b[i]!]);
  const p = b.length;
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < p; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let k = col; k <= p; k++) m[r]![k] = m[r]![k]! - f * m[col]![k]!;
    }
  }
  const x = new Array<number>(p).fill(0);
  for (let r = p - 1; r >= 0; r--) {
    let s = m[r]![p]!;
    for (let k = r + 1; k < p; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

const withIntercept = fits.filter((c) => c.intercept_requested);

describe("penalty factors on Robyn's B2 designs", () => {
  it("has cases to check", () => expect(withIntercept.length).toBeGreaterThan(0));

  it.each(withIntercept.map((c) => [`${c.design} lambda_hp=${c.lambda_hp}`, c] as const))(
    "%s: equal factors reproduce Robyn's exact fit; unequal ones the closed form",
    (name, c) => {
      const p = c.x_train[0]!.length;
      expect(fitWith(c, undefined)).toHaveLength(p + 1);
      const floor = 1e-7 * maxAbs(c.coef_exact);
      assertSeriesClose(
        fitWith(c, new Array<number>(p).fill(0.37)),
        c.coef_exact,
        { rel: 1e-7, abs: floor },
        name,
      );

      const factors = Array.from({ length: p }, (_, j) => [0.1, 1, 0.55, 0, 0.8][j % 5]!);
      const expected = closedForm(c, factors);
      assertSeriesClose(
        fitWith(c, factors, false),
        expected,
        { rel: 1e-9, abs: 1e-9 * maxAbs(expected) },
        name,
      );
      // Changing the penalties changes the fit (the factors are not ignored).
      expect(
        maxAbs(fitWith(c, factors, false).map((v, i) => v - fitWith(c, undefined, false)[i]!)),
      ).toBeGreaterThan(1e-6 * maxAbs(expected));
    },
  );

  it("treats all factors 0 as no penalty at all", () => {
    const c = withIntercept[0]!;
    const p = c.x_train[0]!.length;
    const unpenalised = closedForm({ ...c, lambda: 0 }, new Array<number>(p).fill(1));
    assertSeriesClose(
      fitWith(c, new Array<number>(p).fill(0), false),
      unpenalised,
      {
        rel: 1e-8,
        abs: 1e-8 * maxAbs(unpenalised),
      },
      "all factors 0",
    );
  });
});
