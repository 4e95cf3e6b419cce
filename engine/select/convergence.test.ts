import { describe, expect, it } from "vitest";
import { MmmError } from "../../common/errors.ts";
import { convergenceReport } from "./convergence.ts";
import { formatR, signif } from "../stats/r-numbers.ts";

/** One trial of 40 iterations: with 20 bins every bin holds two consecutive values, centre ± spread. */
function pairs(bins: [centre: number, spread: number][]): Float64Array {
  return Float64Array.from(bins.flatMap(([centre, spread]) => [centre - spread, centre + spread]));
}
const steady = (count: number, centre: number, spread: number) =>
  Array.from({ length: count }, () => [centre, spread] as [number, number]);

describe("convergenceReport", () => {
  it("reports convergence with Robyn's message when the last bin is tight and low", () => {
    // bins 1–3: median 0.5, sd 0.05·√2; last bin: median 0.2, sd 0.005·√2.
    const values = pairs([...steady(3, 0.5, 0.05), ...steady(16, 0.3, 0.02), [0.2, 0.005]]);
    const [nrmse] = convergenceReport([{ name: "NRMSE", valuesByTrial: [values] }]);
    expect(nrmse!.converged).toBe(true);
    expect(nrmse!.bins.length).toBe(20);
    expect(nrmse!.bins.map((b) => b.label)).toEqual(Array.from({ length: 20 }, (_, i) => 2 * (i + 1)));
    expect(nrmse!.bins[0]!.median).toBeCloseTo(0.5, 15);
    expect(nrmse!.firstSdAverage).toBeCloseTo(0.05 * Math.SQRT2, 15);
    expect(nrmse!.medianThreshold).toBeCloseTo(0.5 - 2 * 0.05 * Math.SQRT2, 15);
    expect(nrmse!.message).toBe("NRMSE converged: sd@qt.20 0.0071 <= 0.071 & |med@qt.20| 0.2 <= 0.36");
  });

  it("says NOT converged and shows which rule failed", () => {
    const noisyEnd = pairs([...steady(19, 0.5, 0.05), [0.45, 0.2]]);
    const [rssd] = convergenceReport([{ name: "DECOMP.RSSD", valuesByTrial: [noisyEnd] }]);
    expect(rssd!.converged).toBe(false);
    expect(rssd!.sdPassed).toBe(false);
    expect(rssd!.medianPassed).toBe(false);
    expect(rssd!.message).toBe("DECOMP.RSSD NOT converged: sd@qt.20 0.28 > 0.071 & |med@qt.20| 0.45 > 0.36");
  });

  it("pools trials, drops values that are not finite and positive, and leaves out an all-zero MAPE", () => {
    const trialA = Float64Array.from({ length: 60 }, (_, i) => 1 / (i + 1));
    const trialB = Float64Array.from({ length: 60 }, (_, i) =>
      i === 5 ? Number.NaN : i === 7 ? 0 : 2 / (i + 2),
    );
    const report = convergenceReport([
      { name: "NRMSE", valuesByTrial: [trialA, trialB] },
      { name: "MAPE", valuesByTrial: [new Float64Array(60), new Float64Array(60)] },
    ]);
    expect(report.map((r) => r.name)).toEqual(["NRMSE"]);
    expect(report[0]!.maxIteration).toBe(60);
    expect(report[0]!.bins.reduce((sum, b) => sum + b.count, 0)).toBe(118);
    // trial B has 58 values; its iterations 1..3 and A's 1..3 share the first bin
    expect(report[0]!.bins[0]!.count).toBe(6);
  });

  it("numbers bins over the longest series of all objectives and drops empty bins", () => {
    // M = 10 with 20 bins: breaks 0.5, 1, 1.5, …; integer iterations land in every second bin.
    const report = convergenceReport([
      { name: "NRMSE", valuesByTrial: [Float64Array.from({ length: 10 }, (_, i) => 1 + i)] },
      { name: "DECOMP.RSSD", valuesByTrial: [Float64Array.from({ length: 4 }, (_, i) => 1 + i)] },
    ]);
    expect(report[0]!.bins.map((b) => b.bin)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(report[1]!.bins.map((b) => b.bin)).toEqual([2, 4, 6, 8]);
    // single values per bin: sd is NaN, so neither rule can pass
    expect(report[0]!.converged).toBe(false);
    expect(report[0]!.message).toBe("NRMSE NOT converged: sd@qt.20 NA > NA & |med@qt.20| 10 > NA");
  });

  it("follows the options and checks them", () => {
    const values = pairs([...steady(3, 0.5, 0.05), ...steady(6, 0.3, 0.02), [0.2, 0.005]]);
    const [nrmse] = convergenceReport([{ name: "NRMSE", valuesByTrial: [values] }], { nCuts: 10 });
    expect(nrmse!.message).toMatch(/^NRMSE converged: sd@qt\.10 /);
    expect(() => convergenceReport([], { nCuts: 3 })).toThrow(MmmError);
    expect(convergenceReport([{ name: "MAPE", valuesByTrial: [] }])).toEqual([]);
  });
});

describe("signif and formatR (R's number printing in the message)", () => {
  it("rounds like R's signif (half to even after scaling)", () => {
    expect(signif(0.125, 2)).toBe(0.12);
    expect(signif(2.5, 1)).toBe(2);
    expect(signif(0.048123, 2)).toBe(0.048);
    expect(signif(-0.0123, 2)).toBe(-0.012);
    expect(signif(123456, 2)).toBe(120000);
  });

  it("writes numbers as R's as.character does", () => {
    expect(formatR(0.01)).toBe("0.01");
    expect(formatR(0.022)).toBe("0.022");
    expect(formatR(0.12)).toBe("0.12");
    expect(formatR(0.0001)).toBe("1e-04");
    expect(formatR(0.00012)).toBe("0.00012");
    expect(formatR(1.2e-5)).toBe("1.2e-05");
    expect(formatR(100000)).toBe("1e+05");
    expect(formatR(120000)).toBe("120000");
    expect(formatR(3)).toBe("3");
    expect(formatR(-0.5)).toBe("-0.5");
    expect(formatR(1.5e-120)).toBe("1.5e-120");
    expect(formatR(Number.NaN)).toBe("NA");
  });
});
