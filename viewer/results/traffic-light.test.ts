import { describe, expect, it } from "vitest";
import { lightOf, overallLight, thresholdsSentence } from "./traffic-light.ts";

describe("traffic lights", () => {
  it("puts the thresholds on the green and amber side", () => {
    expect([0.8, 0.79, 0.6, 0.59].map((v) => lightOf("rsq", v))).toEqual(["green", "amber", "amber", "red"]);
    expect([0.1, 0.11, 0.2, 0.21].map((v) => lightOf("nrmse", v))).toEqual([
      "green",
      "amber",
      "amber",
      "red",
    ]);
    expect([0.2, 0.3, 0.4, 0.41].map((v) => lightOf("decomp.rssd", v))).toEqual([
      "green",
      "amber",
      "amber",
      "red",
    ]);
  });

  it("shows no light for a missing value", () => {
    expect(lightOf("rsq", null)).toBe("none");
    expect(lightOf("nrmse", Number.NaN)).toBe("none");
  });

  it("summarises a model by its worst light and states the thresholds", () => {
    expect(overallLight(["green", "amber", "none"])).toBe("amber");
    expect(overallLight(["none"])).toBe("none");
    expect(thresholdsSentence()).toBe(
      "Adjusted R²: green ≥ 0.8, amber ≥ 0.6; NRMSE: green ≤ 0.1, amber ≤ 0.2; DECOMP.RSSD: green ≤ 0.2, amber ≤ 0.4; otherwise red.",
    );
  });
});
