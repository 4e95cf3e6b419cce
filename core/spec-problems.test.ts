import { describe, expect, it } from "vitest";
import { mmmErrorOf } from "../tests/support/expect-mmm-error.ts";
import { parseRunSpec } from "./run-spec.ts";

const minimal = {
  country: "DE",
  dep_var: "revenue",
  dep_var_type: "revenue",
  paid_media_spends: ["tv_S", "ooh_S"],
};

describe("parseRunSpec: unknown and missing keys", () => {
  it("refuses a misspelled optional key instead of dropping it, naming the key meant", () => {
    const error = mmmErrorOf(() => parseRunSpec({ ...minimal, organic_var: ["newsletter"], trails: 3 }));
    expect(error.code).toBe("invalid_input");
    expect(error.field).toBe("organic_var");
    expect(error.message).toBe(
      'The run settings are not valid: organic_var is not a spec field: did you mean "organic_vars"?; ' +
        'trails is not a spec field: did you mean "trials"?.',
    );
  });

  it("says a required key is required and what it holds, with the typo that hid it first", () => {
    const { paid_media_spends: spends, ...rest } = minimal;
    const error = mmmErrorOf(() => parseRunSpec({ ...rest, paid_media_spend: spends }));
    expect(error.field).toBe("paid_media_spend");
    expect(error.message).toContain('paid_media_spend is not a spec field: did you mean "paid_media_spends"');
    expect(error.message).toContain(
      "paid_media_spends is required: spend columns, one per paid channel (Robyn's paid_media_spends)",
    );
    expect(error.message).not.toContain("received undefined");
  });

  it("checks the keys of nested objects (allocator, calibration studies) too", () => {
    const error = mmmErrorOf(() =>
      parseRunSpec({
        ...minimal,
        allocator: { total_budgt: 1000 },
        calibration_input: [
          {
            channel: "tv_S",
            liftStartDate: "2018-01-01",
            liftEndDate: "2018-02-01",
            liftAbs: 1000,
            spend: 500,
            confidense: 0.8,
          },
        ],
      }),
    );
    expect(error.context.problems).toEqual(
      expect.arrayContaining([
        { field: "allocator.total_budgt", message: 'is not a spec field: did you mean "total_budget"?' },
        {
          field: "calibration_input[0].confidense",
          message: 'is not a spec field: did you mean "confidence"?',
        },
      ]),
    );
  });

  it("points to mmm schema when no field is close", () => {
    const error = mmmErrorOf(() => parseRunSpec({ ...minimal, budget_plan: "q3" }));
    expect(error.message).toContain("budget_plan is not a spec field: `mmm schema` lists the fields");
  });
});
