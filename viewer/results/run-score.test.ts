import { describe, expect, it } from "vitest";
import { rankByScore, type FitMetrics } from "./run-score.ts";

const base: FitMetrics = Object.freeze({
  rsq_train: null,
  rsq_val: null,
  rsq_test: null,
  nrmse_train: null,
  nrmse_val: null,
  nrmse_test: null,
  decomp_rssd: null,
});

describe("rankByScore", () => {
  it("computes the score on a fixed scale, written out by hand", () => {
    // a: r2_w = (0.2·0.9 + 0.5·0.8 + 0.3·0.7)/1 = 0.79; nrmse_w = (0.2·0.1 + 0.5·0.2 + 0.3·0.3) = 0.21
    // b: r2_w = 0.7; nrmse_w = 0.1 (train only); rssd 0.3 vs 0.1
    const a = {
      ...base,
      rsq_train: 0.9,
      rsq_val: 0.8,
      rsq_test: 0.7,
      nrmse_train: 0.1,
      nrmse_val: 0.2,
      nrmse_test: 0.3,
      decomp_rssd: 0.1,
    };
    const b = { ...base, rsq_train: 0.7, nrmse_train: 0.1, decomp_rssd: 0.3 };
    const ranked = rankByScore(["a", "b"], (id) => (id === "a" ? a : b));
    // Penalties are the errors over where their lights turn red (NRMSE 0.2, DECOMP.RSSD 0.4):
    // a = 0.79 − 0.21/0.2 − 0.1/0.4 = −0.51; b = 0.7 − 0.1/0.2 − 0.3/0.4 = −0.55.
    expect(ranked.map((r) => r.item)).toEqual(["a", "b"]);
    expect(ranked[0]!.r2w).toBeCloseTo(0.79, 12);
    expect(ranked[0]!.nrmsew).toBeCloseTo(0.21, 12);
    expect(ranked[0]!.score).toBeCloseTo(-0.51, 12);
    expect(ranked[1]!.score).toBeCloseTo(-0.55, 12);
  });

  it("gives two runs a small gap for a small difference, and each run its own score", () => {
    // Min–max over two runs would charge the slightly worse run a full point on each error.
    const a = { ...base, rsq_train: 0.9, nrmse_train: 0.1, decomp_rssd: 0.2 };
    const b = { ...base, rsq_train: 0.9, nrmse_train: 0.101, decomp_rssd: 0.201 };
    const [first, second] = rankByScore([a, b], (m) => m);
    expect(first!.score - second!.score).toBeCloseTo(0.001 / 0.2 + 0.001 / 0.4, 12);
    const [alone] = rankByScore([b], (m) => m);
    expect(alone!.score).toBeCloseTo(second!.score, 12);
  });

  it("ignores missing splits", () => {
    const only = { ...base, rsq_train: 0.85, nrmse_val: null, nrmse_train: 0.12, decomp_rssd: 0.2 };
    const [one] = rankByScore([only], (m) => m);
    expect(one!.score).toBeCloseTo(0.85 - 0.12 / 0.2 - 0.2 / 0.4, 12);
  });

  it("puts a model without metrics last", () => {
    const ranked = rankByScore(
      [base, { ...base, rsq_train: 0.5, nrmse_train: 0.2, decomp_rssd: 0.5 }],
      (m) => m,
    );
    expect(ranked[0]!.r2w).toBe(0.5);
    expect(ranked[1]!.score).toBeNaN();
  });
});
