import { describe, expect, it } from "vitest";
import { distributionOf } from "./distribution.ts";

describe("distributionOf", () => {
  it("matches R's summary() and sd() (type-7 quantiles)", () => {
    // R: summary(c(1, 2, 4, 7, 10)) → 1, 2, 4, 4.8, 7, 10; sd → 3.701351
    const d = distributionOf(Object.freeze([10, 1, 7, 2, 4]))!;
    expect(d).toMatchObject({ n: 5, min: 1, q1: 2, median: 4, q3: 7, max: 10 });
    expect(d.mean).toBeCloseTo(4.8, 12);
    expect(d.sd).toBeCloseTo(3.701351, 6);
    // R: quantile(c(1, 2, 3, 4), c(.25, .75)) → 1.75, 3.25
    expect(distributionOf([4, 3, 2, 1])).toMatchObject({ q1: 1.75, median: 2.5, q3: 3.25 });
  });

  it("leaves out missing values and has nothing to say about none", () => {
    expect(distributionOf([Number.NaN, 3, Number.POSITIVE_INFINITY])).toMatchObject({ n: 1, median: 3 });
    expect(distributionOf([3])!.sd).toBeNaN();
    expect(distributionOf([])).toBeUndefined();
  });
});
