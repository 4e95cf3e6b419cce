import { describe, expect, it } from "vitest";
import { logGamma, studentTCdf, studentTQuantile } from "./student-t.ts";

describe("studentTQuantile (R's qt)", () => {
  // Reference values: R 4.x qt(p, df), identical to SciPy 1.17 `t.ppf` (Boost) at the digits shown.
  const table: [df: number, q975: number, q90: number, q995: number][] = [
    [1, 12.706204736174694, 3.0776835371752544, 63.656741162871526],
    [2, 4.302652729749462, 1.8856180831641272, 9.924843200918287],
    [3, 3.1824463052837078, 1.637744353696209, 5.840909309733355],
    [4, 2.7764451051977934, 1.533206274058944, 4.604094871349992],
    [5, 2.5705818356363146, 1.4758840488244815, 4.032142983555228],
    [7, 2.364624251592784, 1.4149239276505086, 3.4994832973504924],
    [10, 2.228138851986274, 1.372183641110336, 3.16927267261695],
    [29, 2.045229642132703, 1.311433647301551, 2.756385903670605],
    [30, 2.0422724563012378, 1.3104150253913955, 2.7499956535672254],
    [100, 1.9839715185235518, 1.290074761346516, 2.6258905214380173],
    [999, 1.9623414611334493, 1.2823995700373971, 2.5807596372676365],
  ];
  it.each(table)("matches the t table for %i degrees of freedom to 1e-12", (df, q975, q90, q995) => {
    expect(Math.abs(studentTQuantile(0.975, df) / q975 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(studentTQuantile(0.9, df) / q90 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(studentTQuantile(0.995, df) / q995 - 1)).toBeLessThan(1e-12);
  });

  it("matches the closed forms for 1 and 2 degrees of freedom", () => {
    for (const p of [0.6, 0.9, 0.975, 0.999]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 10);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 12);
    }
  });

  it("is symmetric, inverts the CDF and approaches the normal quantile", () => {
    expect(studentTQuantile(0.025, 6)).toBe(-studentTQuantile(0.975, 6));
    expect(studentTQuantile(0.5, 6)).toBe(0);
    for (const df of [1, 2.5, 8, 40]) {
      for (const p of [0.55, 0.8, 0.975]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 13);
    }
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959963984540054, 5);
    expect(studentTQuantile(0.975, 0)).toBeNaN();
    expect(studentTQuantile(1, 3)).toBe(Infinity);
  });

  it("has an accurate log-gamma", () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
  });
});
