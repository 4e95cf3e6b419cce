/**
 * Ordinary least squares the long way, for tests that check the product's numbers against an independent
 * computation: the normal equations (XᵀX)·β = Xᵀy with an intercept column, solved by Gaussian elimination.
 */

export interface LeastSquares {
  /** Intercept first, then one coefficient per column of `xs`. */
  readonly beta: number[];
  readonly fitted: Float64Array;
  readonly r2: number;
}

export function leastSquares(y: Float64Array, xs: Float64Array[]): LeastSquares {
  const n = y.length;
  const p = xs.length + 1;
  const design = (t: number, j: number) => (j === 0 ? 1 : xs[j - 1]![t]!);
  const a = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p + 1 }, (_, j) => {
      let s = 0;
      for (let t = 0; t < n; t++) s += design(t, i) * (j === p ? y[t]! : design(t, j));
      return s;
    }),
  );
  for (let c = 0; c < p; c++) {
    for (let r = c + 1; r < p; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= p; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  const beta = new Array<number>(p).fill(0);
  for (let r = p - 1; r >= 0; r--) {
    let s = a[r]![p]!;
    for (let j = r + 1; j < p; j++) s -= a[r]![j]! * beta[j]!;
    beta[r] = s / a[r]![r]!;
  }
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const fitted = new Float64Array(n);
  let sse = 0;
  let sst = 0;
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < p; j++) fitted[t]! += beta[j]! * design(t, j);
    sse += (y[t]! - fitted[t]!) ** 2;
    sst += (y[t]! - mean) ** 2;
  }
  return { beta, fitted, r2: 1 - sse / sst };
}

/** R² of regressing y on the columns xs with an intercept. */
export function rSquared(y: Float64Array, xs: Float64Array[]): number {
  return leastSquares(y, xs).r2;
}
