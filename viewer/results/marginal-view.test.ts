import { describe, expect, it } from "vitest";
import { marginalView } from "./marginal-view.ts";

const variables = [
  { solID: "1_2_3", rn: "tv_S", coef: 3.5, mean_spend: 900, mean_carryover: 210 },
  { solID: "1_2_3", rn: "search_S", coef: 1.2, mean_spend: 400, mean_carryover: 10 },
  { solID: "1_2_3", rn: "newsletter", coef: 0.2, mean_spend: Number.NaN, mean_carryover: 40 },
];

describe("marginalView", () => {
  it("ranks the paid channels by the response from 10 % more spend", () => {
    const model = {
      solID: "1_2_3",
      tv_S_alphas: 1.8,
      tv_S_inflexion: 1500,
      search_S_alphas: 1.2,
      search_S_inflexion: 300,
    };
    const view = marginalView(model, variables);
    if (!("ranked" in view)) throw new Error(view.missing);
    expect(view.ranked.map((r) => r.channel)).toEqual(["tv_S", "search_S"]);
    expect(view.ranked[0]!.next_step_response).toBeGreaterThan(view.ranked[1]!.next_step_response);
  });

  it("says which column is missing for a run written without the curve's columns", () => {
    expect(marginalView({ solID: "1_2_3", tv_S_alphas: 1.8 }, variables)).toEqual({
      missing: expect.stringContaining("tv_S_inflexion"),
    });
  });
});
