import { describe, expect, it } from "vitest";
import { normalQuantile } from "./normal-quantile.ts";

describe("normalQuantile", () => {
  it("matches R's qnorm to 1e-7 in the middle and both tails", () => {
    // qnorm() of R 4.4 at these probabilities.
    const cases: [number, number][] = [
      [0.5, 0],
      [0.9, 1.2815515655446004],
      [0.95, 1.6448536269514722],
      [0.975, 1.959963984540054],
      [0.995, 2.5758293035489004],
      [0.01, -2.3263478740408408],
      [1e-6, -4.753424308822899],
    ];
    for (const [p, q] of cases) expect(normalQuantile(p), `p = ${p}`).toBeCloseTo(q, 7);
  });

  it("is symmetric, infinite at 0 and 1, NaN outside", () => {
    expect(normalQuantile(0.2)).toBeCloseTo(-normalQuantile(0.8), 12);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});
