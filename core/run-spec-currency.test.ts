import { describe, expect, it } from "vitest";
import { mmmErrorOf } from "../tests/support/expect-mmm-error.ts";
import { parseRunSpec } from "./run-spec.ts";

const minimal = {
  country: "DE",
  dep_var: "revenue",
  dep_var_type: "revenue",
  paid_media_spends: ["tv_S", "ooh_S"],
};

describe("parseRunSpec: currency", () => {
  it("is optional, and an ISO 4217 code in any case is kept in capitals", () => {
    expect(parseRunSpec(minimal).currency).toBeUndefined();
    expect(parseRunSpec({ ...minimal, currency: "eur" }).currency).toBe("EUR");
    expect(parseRunSpec({ ...minimal, currency: "JPY" }).currency).toBe("JPY");
  });

  it("refuses a code ISO 4217 does not have, and anything not three letters, naming the field", () => {
    const unknown = mmmErrorOf(() => parseRunSpec({ ...minimal, currency: "EUD" }));
    expect(unknown.field).toBe("currency");
    expect(unknown.message).toContain("currency is not an ISO 4217 currency code: use one such as EUR");
    const symbol = mmmErrorOf(() => parseRunSpec({ ...minimal, currency: "€" }));
    expect(symbol.field).toBe("currency");
    expect(symbol.message).toContain(
      "currency must be a three-letter ISO 4217 currency code such as EUR or USD",
    );
  });
});
