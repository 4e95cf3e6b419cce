import { describe, expect, it } from "vitest";
import { experimentInterval } from "./model-calibration.ts";

describe("experimentInterval", () => {
  it("reads the lift as just significant at its confidence and shows 80 %", () => {
    // confidence 0.9: z = 1.6449, se = 100 / 1.6449 = 60.79; 80 %: ± 1.2816 · 60.79 = ± 77.91.
    const [low, high] = experimentInterval(100, 0.9)!;
    expect(low).toBeCloseTo(22.09, 2);
    expect(high).toBeCloseTo(177.91, 2);
    // At confidence 0.8 the 80 % interval is the one that reaches zero.
    expect(experimentInterval(300_000, 0.8)![0]).toBeCloseTo(0, 6);
  });

  it("is narrower for a more trusted study, mirrored for a negative lift, absent at 0 and 1", () => {
    const width = (c: number) => {
      const [low, high] = experimentInterval(100, c)!;
      return high - low;
    };
    expect(width(0.99)).toBeLessThan(width(0.9));
    expect(width(0.9)).toBeLessThan(width(0.6));
    expect(experimentInterval(-100, 0.9)).toEqual(
      experimentInterval(100, 0.9)!
        .map((v) => -v)
        .reverse(),
    );
    expect(experimentInterval(100, 0)).toBeUndefined();
    expect(experimentInterval(100, 1)).toBeUndefined();
  });
});
