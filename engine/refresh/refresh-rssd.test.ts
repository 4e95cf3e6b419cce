import { describe, expect, it } from "vitest";
import type { ModelInput } from "../model-input/model-input.ts";
import { createModelFit } from "../model/model-fit.ts";
import { refreshDecompRssd, RefreshRssd } from "./refresh-rssd.ts";

// Hand-computed: paid gaps −0.05, −0.05 → √0.0025 = 0.05; other gaps 0.1, 0 → √0.005 = 0.0707107;
// 4 steps on a 100-row window divide it by 0.96: 0.05 + 0.0736570 = 0.1236570.
const EXPECTED = 0.1236569563735987;

describe("refresh DECOMP.RSSD", () => {
  it("is the paid RMS gap plus the other variables' RMS gap over (1 − steps/window)", () => {
    const rssd = refreshDecompRssd(
      [0.5, 0.1, 0.25, 0.15],
      [0.4, 0.1, 0.3, 0.2],
      [false, false, true, true],
      4,
      100,
    );
    expect(rssd).toBeCloseTo(EXPECTED, 14);
  });

  it("reads a fit's decomposition over its fitted total, the intercept included", () => {
    const input = {
      regressors: [
        { name: "trend", kind: "prophet" },
        { name: "tv_S", kind: "paid" },
        { name: "search_S", kind: "paid" },
      ],
    } as unknown as ModelInput;
    const objective = new RefreshRssd(input, {
      decomposition: { "(Intercept)": 0.4, trend: 0.1, tv_S: 0.3, search_S: 0.2 },
      steps: 4,
      windowLength: 100,
    });
    const fit = createModelFit(3, 2);
    fit.interceptAgg = 50;
    fit.xDecompAgg.set([10, 25, 15]);
    fit.fittedSum = 100;
    expect(objective.of(fit)).toBeCloseTo(EXPECTED, 14);
  });

  it("refuses a parent without one of the model's variables", () => {
    const input = { regressors: [{ name: "tv_S", kind: "paid" }] } as unknown as ModelInput;
    expect(
      () => new RefreshRssd(input, { decomposition: { "(Intercept)": 0.5 }, steps: 1, windowLength: 10 }),
    ).toThrow(/tv_S/);
  });
});
