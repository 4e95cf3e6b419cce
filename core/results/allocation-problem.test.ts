import { describe, expect, it } from "vitest";
import { MmmError, invalidInput } from "../../common/errors.ts";
import { allocationProblem } from "./allocation-problem.ts";

const spec = {
  paid_media_spends: ["tv_S", "facebook_S"],
  paid_media_vars: ["tv_S", "facebook_I"],
};

describe("allocationProblem", () => {
  it("puts an allocator refusal on the form's input, in the form's words", () => {
    const error = invalidInput(
      "channel_constr_up",
      "The upper bounds allow at most 118,817 per week but the budget is 150,000: raise channel_constr_up (for example to 1.9) or lower total_budget.",
    );
    expect(allocationProblem(error, spec)).toEqual({
      input: "up",
      message:
        "The upper bounds allow at most 118,817 per week but the budget is 150,000: raise the highest spend (for example to 1.9× today's) or lower the total budget.",
    });
  });

  it("names the channel by its spend column, from the field or the error's context", () => {
    const crossed = invalidInput(
      "channel_constr_up",
      "channel_constr_up for facebook_I (1) is below channel_constr_low (2): the upper bound must be at least the lower one.",
      { channel: "facebook_I" },
    );
    expect(allocationProblem(crossed, spec)).toMatchObject({
      input: "up",
      channel: "facebook_S",
      message:
        "The highest spend for facebook_I (1) is below the lowest spend (2): the upper bound must be at least the lower one.",
    });
    const named = invalidInput(
      "channel_constr_low.tv_S",
      "The lowest spend of tv_S must be a number of at least 0, not x.",
    );
    expect(allocationProblem(named, spec)).toMatchObject({ input: "low", channel: "tv_S" });
  });

  it("leaves errors that are not about the request alone", () => {
    expect(
      allocationProblem(new MmmError("not_found", "Run x has no Pareto model y."), spec),
    ).toBeUndefined();
    expect(allocationProblem(invalidInput("paid_media_spends", "no channels"), spec)).toBeUndefined();
    expect(allocationProblem(new Error("boom"), spec)).toBeUndefined();
  });
});
