import { describe, expect, it } from "vitest";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import type { MappingSuggestion } from "../../core/mapping/mapping-suggestion.ts";
import { formFromSuggestion, runBodyFromForm } from "./dataset-run-form.ts";

const columns = ["DATE", "market", "revenue", "tv_S", "tv_I", "search_S", "promo", "season"];
const suggestion: MappingSuggestion = {
  columns: [
    { column: "DATE", role: "date", confidence: 0.95, reason: "dates" },
    { column: "market", role: "country", confidence: 0.9, reason: "markets" },
    { column: "revenue", role: "dep_var", confidence: 0.9, reason: "goal", depVarType: "revenue" },
    { column: "tv_S", role: "paid_media_spend", confidence: 0.9, reason: "spend", pairedWith: "tv_I" },
    { column: "tv_I", role: "paid_media_var", confidence: 0.8, reason: "exposure", pairedWith: "tv_S" },
    { column: "search_S", role: "paid_media_spend", confidence: 0.9, reason: "spend" },
    { column: "promo", role: "factor", confidence: 0.6, reason: "categories" },
    { column: "season", role: "ignore", confidence: 0.3, reason: "unclear" },
  ],
  spec: {
    date_var: "DATE",
    dep_var: "revenue",
    dep_var_type: "revenue",
    paid_media_spends: ["tv_S", "search_S"],
    paid_media_vars: ["tv_I", "search_S"],
    organic_vars: [],
    context_vars: ["promo"],
    factor_vars: ["promo"],
  },
  country_column: "market",
  notes: [],
};

describe("the New run form of a dataset", () => {
  it("prefilled from the auto-mapping, becomes the body POST /api/runs takes", () => {
    const values = formFromSuggestion(suggestion, "DE");
    expect(runBodyFromForm("weekly@2", columns, { ...values, iterations: "300", tag: "q3" })).toEqual({
      data: { dataset: "weekly@2", country_column: "market" },
      country: "DE",
      date_var: "DATE",
      dep_var: "revenue",
      dep_var_type: "revenue",
      paid_media_spends: ["tv_S", "search_S"],
      paid_media_vars: ["tv_I", "search_S"],
      organic_vars: [],
      context_vars: ["promo"],
      factor_vars: ["promo"],
      adstock: "geometric",
      iterations: 300,
      trials: 5,
      tag: "q3",
    });
  });

  it("names the input of each mistake", () => {
    const values = formFromSuggestion(suggestion, "DE");
    const form = (change: Record<string, string>) => () =>
      runBodyFromForm("w", columns, { ...values, ...change });
    expect(expectInvalidInput(form({ "role:season": "dep_var" }), "role:season").message).toMatch(
      /revenue and season are both marked Goal/,
    );
    expect(expectInvalidInput(form({ "role:tv_S": "ignore" }), "role:tv_I").message).toMatch(
      /tv_I is the exposure of tv_S, which is not marked Paid media spend/,
    );
    const noSpend = form({ "role:tv_S": "organic", "role:search_S": "organic", "role:tv_I": "ignore" });
    expect(expectInvalidInput(noSpend, "mapping").message).toMatch(/No column is marked Paid media spend/);
    expect(expectInvalidInput(form({ country: "" }), "country").message).toMatch(
      /Enter the two-letter country code/,
    );
    expect(expectInvalidInput(form({ trials: "1.5" }), "trials").message).toBe(
      'Trials must be a whole number, such as 2000 (not "1.5").',
    );
    expectInvalidInput(form({ "role:promo": "owner" }), "role:promo");
  });
});
