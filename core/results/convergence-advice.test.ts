import { describe, expect, it } from "vitest";
import { readConvergence } from "./convergence-advice.ts";

describe("readConvergence", () => {
  it("says in plain words which of Robyn's two tests failed, and what to try", () => {
    const reading = readConvergence(
      [
        {
          objective: "NRMSE",
          converged: false,
          message: "NRMSE NOT converged: sd@qt.20 0.01 > 0.0072 & |med@qt.20| 0.048 <= 0.12",
        },
        {
          objective: "DECOMP.RSSD",
          converged: true,
          message: "DECOMP.RSSD converged: sd@qt.20 0.01 <= 0.022 & |med@qt.20| 0.048 <= 0.12",
        },
      ],
      { iterations: 2000, trials: 5 },
    );
    expect(reading.lines[0]!.text).toBe(
      "Prediction error (NRMSE) has not settled: the last models still vary as much as the first ones " +
        "(spread 0.01 against 0.0072 at the start).",
    );
    expect(reading.lines[0]!.robyn).toContain("NOT converged");
    expect(reading.lines[1]!.text).toMatch(/^Gap between effect and spend shares \(DECOMP.RSSD\) settled/);
    expect(reading.advice).toContain("more iterations or trials (now 2000 iterations × 5 trials)");
    expect(reading.advice).toContain("narrow the hyperparameter ranges");
  });

  it("names both failed tests, and gives no advice when every objective settled", () => {
    const failedBoth = readConvergence(
      [
        {
          objective: "MAPE",
          converged: false,
          message: "MAPE NOT converged: sd@qt.20 0.3 > 0.1 & |med@qt.20| 0.5 > 0.2",
        },
      ],
      {},
    );
    expect(failedBoth.lines[0]!.text).toContain("vary as much as the first ones");
    expect(failedBoth.lines[0]!.text).toContain("not clearly better than the first ones (typical value 0.5");
    expect(failedBoth.advice).toContain("more iterations or trials,");
    const settled = readConvergence(
      [
        {
          objective: "NRMSE",
          converged: true,
          message: "NRMSE converged: sd@qt.20 0.01 <= 0.02 & |med@qt.20| 0.04 <= 0.1",
        },
      ],
      {},
    );
    expect(settled.advice).toBeUndefined();
  });
});
