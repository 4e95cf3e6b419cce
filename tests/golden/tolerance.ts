/**
 * Tolerance checks for golden tests, in the manner of stdlib's R-fixture tests: a value passes when
 * |actual - expected| <= max(abs, rel * max(|actual|, |expected|)), and a failure names the case, both
 * values, the difference and the tolerance.
 */
export interface Tolerance {
  /** Relative tolerance, scaled by the larger magnitude of the two values. */
  rel?: number;
  /** Absolute floor, for values at or near zero (and series compared against their maximum). */
  abs?: number;
}

export function closeEnough(actual: number, expected: number, tol: Tolerance): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  const allowed = Math.max(tol.abs ?? 0, (tol.rel ?? 0) * scale);
  return Math.abs(actual - expected) <= allowed;
}

/** Throws with a readable report when `actual` is not within `tol` of `expected`. */
export function assertClose(actual: number, expected: number, tol: Tolerance, label: string): void {
  if (!closeEnough(actual, expected, tol)) {
    const diff = Math.abs(actual - expected);
    const rel = diff / Math.max(Math.abs(expected), Number.MIN_VALUE);
    throw new Error(
      `${label}: got ${actual}, expected ${expected} (|diff| ${diff.toExponential(3)}, relative ${rel.toExponential(3)}; ` +
        `tolerance rel ${tol.rel ?? 0}, abs ${tol.abs ?? 0})`,
    );
  }
}

/** Element-wise `assertClose` over two series of the same length. */
export function assertSeriesClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number | null>,
  tol: Tolerance,
  label: string,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${label}: length ${actual.length}, expected ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) {
    assertClose(actual[i]!, expected[i] ?? Number.NaN, tol, `${label}[${i}]`);
  }
}

/** The largest absolute value of a series: the scale for tolerances relative to a series' maximum. */
export function maxAbs(values: ArrayLike<number | null>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i] ?? 0));
  return m;
}
