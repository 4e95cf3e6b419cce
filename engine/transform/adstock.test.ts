import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  convolveDecay,
  geometricAdstock,
  inflation,
  weibullCdfWeights,
  weibullPdfWeights,
  weibullScalePeriods,
} from "./adstock.ts";

const series = fc
  .array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 })
  .map((v) => Float64Array.from(v));
const theta = fc.double({ min: 0, max: 0.99, noNaN: true });

function geometric(x: Float64Array, t: number): Float64Array {
  const out = new Float64Array(x.length);
  geometricAdstock(x, t, out);
  return out;
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}

describe("geometric adstock", () => {
  it("writes the first terms as the recursion says", () => {
    expect(Array.from(geometric(Float64Array.of(100, 0, 0, 10), 0.5))).toEqual([100, 50, 25, 22.5]);
  });

  it("preserves totals as Robyn defines inflation: Σa = Σ_u x_u (1 − θ^(N−u)) / (1 − θ)", () => {
    fc.assert(
      fc.property(series, theta, (x, t) => {
        const a = geometric(x, t);
        const n = x.length;
        const expected = x.reduce((s, v, u) => s + (v * (1 - t ** (n - u))) / (1 - t), 0);
        expect(sum(a)).toBeCloseTo(expected, 6 - Math.ceil(Math.log10(Math.max(1, expected))));
        if (sum(x) > 0) expect(inflation(x, a)).toBeCloseTo(sum(a) / sum(x), 12);
      }),
    );
  });

  it("never reduces a period's input and is linear in the input", () => {
    fc.assert(
      fc.property(series, series, theta, (x, y, t) => {
        const n = Math.min(x.length, y.length);
        const xs = x.subarray(0, n);
        const ys = y.subarray(0, n);
        const a = geometric(xs, t);
        const b = geometric(ys, t);
        const ab = geometric(
          xs.map((v, i) => v + ys[i]!),
          t,
        );
        for (let i = 0; i < n; i++) {
          expect(a[i]).toBeGreaterThanOrEqual(xs[i]!);
          expect(ab[i]).toBeCloseTo(a[i]! + b[i]!, 3);
        }
      }),
    );
  });

  it("carries more with a higher decay rate", () => {
    fc.assert(
      fc.property(series, theta, theta, (x, t1, t2) => {
        const [lo, hi] = t1 < t2 ? [t1, t2] : [t2, t1];
        expect(sum(geometric(x, hi))).toBeGreaterThanOrEqual(sum(geometric(x, lo)) * (1 - 1e-12));
      }),
    );
  });
});

describe("Weibull adstock", () => {
  const shape = fc.double({ min: 0.05, max: 10, noNaN: true });
  const scale = fc.double({ min: 0.01, max: 1, noNaN: true });

  it("uses a scale share of the full length, rounded half to even like R", () => {
    expect(weibullScalePeriods(0.5, 20)).toBe(10); // quantile 10.5 → 10
    expect(weibullScalePeriods(0.5, 22)).toBe(12); // quantile 11.5 → 12
    expect(weibullScalePeriods(0.1, 208)).toBe(22); // 21.7 → 22
  });

  it("CDF weights start at 1 and never increase; PDF weights span exactly [0, 1]", () => {
    fc.assert(
      fc.property(shape, scale, fc.integer({ min: 2, max: 80 }), (k, s, n) => {
        const cdf = new Float64Array(n);
        weibullCdfWeights(k, s, n, cdf);
        expect(cdf[0]).toBe(1);
        for (let j = 1; j < n; j++) expect(cdf[j]).toBeLessThanOrEqual(cdf[j - 1]!);
        const pdf = new Float64Array(n);
        weibullPdfWeights(k, s, n, pdf);
        expect(Math.max(...pdf)).toBe(1);
        expect(Math.min(...pdf)).toBe(0);
      }),
    );
  });

  it("preserves totals: Σa = Σ_u x_u · (d_1 + … + d_{N−u}), and zero in gives zero out", () => {
    fc.assert(
      fc.property(series, shape, scale, (x, k, s) => {
        const n = x.length;
        const weights = new Float64Array(n);
        weibullCdfWeights(k, s, n, weights);
        const a = new Float64Array(n);
        convolveDecay(x, weights, a);
        let prefix = 0;
        const cumulative = Array.from(weights, (d) => (prefix += d));
        const expected = x.reduce((total, v, u) => total + v * cumulative[n - 1 - u]!, 0);
        expect(Math.abs(sum(a) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
        const zeros = new Float64Array(n);
        convolveDecay(new Float64Array(n), weights, zeros);
        expect(zeros.every((v) => v === 0)).toBe(true);
      }),
    );
  });

  it("leaves the series unchanged when shape or scale is 0 (no adstock)", () => {
    const x = Float64Array.of(3, 0, 5, 1);
    const weights = new Float64Array(4);
    weibullCdfWeights(0, 0.5, 4, weights);
    const out = new Float64Array(4);
    convolveDecay(x, weights, out);
    expect(Array.from(out)).toEqual([3, 0, 5, 1]);
  });
});
