import { describe, expect, it } from "vitest";
import {
  hyperparameterLines,
  parseHyperparameterLines,
  parseSignLines,
  signLines,
  specSigns,
} from "./advanced-settings.ts";
import type { MappingChoice } from "./train-draft.ts";

const MAPPING: MappingChoice = {
  date_var: "DATE",
  dep_var: "revenue",
  dep_var_type: "revenue",
  paid_media_spends: ["tv_S", "facebook_S"],
  paid_media_vars: ["tv_S", "facebook_I"],
  organic_vars: ["newsletter"],
  context_vars: ["competitor_sales_B", "events"],
  factor_vars: ["events"],
};

describe("hyperparameter lines", () => {
  it("reads ranges and fixed values in the forms people type, and writes them back", () => {
    const parsed = parseHyperparameterLines(
      "tv_S_thetas = 0.3, 0.8\n\n facebook_I_alphas: [0.5, 3]\nlambda = 12000\ntrain_size = 0.6 .. 0.8",
    );
    expect(parsed).toEqual({
      tv_S_thetas: [0.3, 0.8],
      facebook_I_alphas: [0.5, 3],
      lambda: 12000,
      train_size: [0.6, 0.8],
    });
    expect(parseHyperparameterLines(hyperparameterLines(parsed as Record<string, number>))).toEqual(parsed);
  });

  it("names the first bad line and what to write", () => {
    expect(parseHyperparameterLines("tv_S_thetas = 0.3, 0.8\ntv_S_alphas = high")).toBe(
      "Line 2: tv_S_alphas needs one number (fixed) or a low, high pair (searched), e.g. tv_S_alphas = 0.3, 0.8.",
    );
    expect(parseHyperparameterLines("tv_S_thetas 0.3")).toBe(
      'Line 1 ("tv_S_thetas 0.3") needs a name, then = and a value.',
    );
    expect(parseHyperparameterLines("a = 1\na = 2")).toBe(
      "Line 2: a is given twice; keep one line per name.",
    );
    expect(parseHyperparameterLines("a = 1, 2, 3")).toMatch(/^Line 1: a needs one number/);
  });
});

describe("sign lines", () => {
  it("builds Robyn's sign lists against the mapping, an exposure standing for its spend", () => {
    const signs = parseSignLines("competitor_sales_B = Negative\nfacebook_I = positive");
    expect(signs).toEqual({ competitor_sales_B: "negative", facebook_I: "positive" });
    const lists = specSigns(signs as Record<string, "negative">, MAPPING);
    expect(lists).toEqual({
      paid_media_signs: ["default", "positive"],
      context_signs: ["negative", "default"],
    });
    expect(signLines(lists as object, MAPPING)).toBe("facebook_S = positive\ncompetitor_sales_B = negative");
  });

  it("refuses an unknown sign and a variable the model does not have", () => {
    expect(parseSignLines("tv_S = up")).toBe(
      'Line 1: the sign of tv_S is "up"; write positive, negative or default.',
    );
    expect(specSigns({ radio_S: "positive" }, MAPPING)).toBe(
      "radio_S is not a paid, organic or context variable of this model; signs can be set for tv_S, facebook_S, " +
        "facebook_I, newsletter, competitor_sales_B, events.",
    );
  });
});
