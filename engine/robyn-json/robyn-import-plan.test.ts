import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mmmErrorOf } from "../../tests/support/expect-mmm-error.ts";
import { exactLambdaShare } from "./robyn-import-plan.ts";

describe("exactLambdaShare", () => {
  it("finds the share whose lambda is the given absolute lambda to the last bit", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lambdaMax, t) => {
          const input = { lambdaMax, lambdaMinRatio: 1e-4 };
          const min = lambdaMax * 1e-4;
          const lambda = min + (lambdaMax - min) * t;
          const share = exactLambdaShare(input, lambda);
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(1);
          expect(min + (lambdaMax - min) * share).toBe(lambda);
        },
      ),
    );
  });

  it("refuses a lambda outside the data's range, naming the file's field", () => {
    const error = mmmErrorOf(() => exactLambdaShare({ lambdaMax: 100, lambdaMinRatio: 1e-4 }, 1000));
    expect(error.context.field).toBe("ExportedModel.hyper_values.lambda");
    expect(error.message).toContain("outside this data's lambda range");
  });
});
