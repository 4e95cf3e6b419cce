import { describe, expect, it } from "vitest";
import { refreshBounds, refreshFreedom } from "./refresh-bounds.ts";

describe("refreshBounds (Robyn refresh_hyps)", () => {
  // Hand-computed: 4 new weeks on a 104-week window, f = 4/104.
  const freedom = refreshFreedom(4, 104);
  const bounds = refreshBounds({
    ranges: {
      tv_S_alphas: [0.5, 3],
      tv_S_gammas: [0.3, 1],
      tv_S_thetas: 0.2,
      lambda: [0, 1],
      train_size: 1,
    },
    values: { tv_S_alphas: 2.95, tv_S_gammas: 0.5, tv_S_thetas: 0.2, lambda: 50, train_size: 1 },
    lambdaMax: 1000,
    lambdaMinRatio: 1e-4,
    freedom,
    tsValidation: false,
  });

  it("takes steps / window as the freedom unless one is given", () => {
    expect(freedom).toBeCloseTo(0.038461538461538464, 15);
    expect(refreshFreedom(4, 104, -0.2)).toBe(0.2);
  });

  it("moves a searched value by freedom × the parent's range width, inside the parent's range", () => {
    expect(bounds.tv_S_alphas![0]).toBeCloseTo(2.853846153846154, 12);
    expect(bounds.tv_S_alphas![1]).toBe(3); // 2.95 + 0.096 is clipped to the range's end
    expect(bounds.tv_S_gammas![0]).toBeCloseTo(0.47307692307692306, 12);
    expect(bounds.tv_S_gammas![1]).toBeCloseTo(0.5269230769230769, 12);
  });

  it("opens a fixed value to v·(1 ± f)", () => {
    expect(bounds.tv_S_thetas![0]).toBeCloseTo(0.19230769230769232, 12);
    expect(bounds.tv_S_thetas![1]).toBeCloseTo(0.20769230769230773, 12);
  });

  it("turns the absolute lambda back into a share as Robyn does: λ / (λ_max − λ_min)", () => {
    expect(bounds.lambda![0]).toBeCloseTo(0.011543462038511546, 12);
    expect(bounds.lambda![1]).toBeCloseTo(0.08846653896158847, 12);
  });

  it("drops train_size without time-series validation", () => {
    expect(bounds.train_size).toBeUndefined();
  });

  it("keeps a fixed gamma of 1 within its hard limit", () => {
    const fixed = refreshBounds({
      ranges: { tv_S_gammas: 1 },
      values: {},
      lambdaMax: 1,
      lambdaMinRatio: 1e-4,
      freedom: 0.1,
      tsValidation: false,
    });
    expect(fixed.tv_S_gammas).toEqual([0.9, 1]);
  });
});
