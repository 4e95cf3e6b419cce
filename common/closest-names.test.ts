import { describe, expect, it } from "vitest";
import { closestNames } from "./closest-names.ts";

describe("closestNames", () => {
  it("counts swapped neighbours as one edit and offers only the closest names", () => {
    expect(closestNames("trian", ["train", "twin", "fit"])).toEqual(["train"]);
    expect(closestNames("trails", ["trials", "tails"])).toEqual(["trials", "tails"]);
    expect(closestNames("organic_var", ["organic_vars", "context_vars"])).toEqual(["organic_vars"]);
    expect(closestNames("zzzzzz", ["train"])).toEqual([]);
  });
});
