import { describe, expect, it } from "vitest";
import { mmmErrorOf } from "../tests/support/expect-mmm-error.ts";
import { newRunId, isRunId } from "./run-id.ts";
import { countryOfMarket, marketKey, marketSlug } from "./market.ts";
import { parseRunSpec } from "./run-spec.ts";

const mapping = { dep_var: "revenue", dep_var_type: "revenue", paid_media_spends: ["tv_S"] } as const;

describe("markets beside countries", () => {
  it("keeps a geo market as written and upper-cases a two-letter one, as stored runs have it", () => {
    expect(marketKey(" Geo3 ")).toBe("Geo3");
    expect(marketKey("de")).toBe("DE");
    expect(marketKey("North East")).toBe("North East");
    expect(countryOfMarket("us")).toBe("US");
    expect(countryOfMarket("Geo3")).toBeUndefined();
  });

  it("refuses markets that cannot be a store key, naming the field", () => {
    expect(mmmErrorOf(() => marketKey("a/b")).field).toBe("market");
    expect(mmmErrorOf(() => marketKey("   ")).field).toBe("market");
    expect(mmmErrorOf(() => marketKey("x".repeat(65))).message).toMatch(/longer than 64/);
  });

  it("reads a spec written before markets: the country is the market and the holiday calendar", () => {
    const spec = parseRunSpec({ ...mapping, country: "de" });
    expect(spec.market).toBe("DE");
    expect(spec.country).toBe("DE");
  });

  it("trains a geo market with the holidays of a given country", () => {
    const spec = parseRunSpec({ ...mapping, market: "Geo0", country: "us", prophet_vars: ["holiday"] });
    expect(spec.market).toBe("Geo0");
    expect(spec.country).toBe("US");
  });

  it("derives the holiday country from a two-letter market and leaves it out for a geo market", () => {
    expect(parseRunSpec({ ...mapping, market: "fr" }).country).toBe("FR");
    expect(parseRunSpec({ ...mapping, market: "Geo1" }).country).toBeUndefined();
  });

  it("asks for a country when a geo market wants holidays, and for a market when neither is given", () => {
    const holidays = mmmErrorOf(() =>
      parseRunSpec({ ...mapping, market: "Geo1", prophet_vars: ["holiday"] }),
    );
    expect(holidays.field).toBe("country");
    expect(holidays.message).toMatch(/holidays apply/);
    expect(mmmErrorOf(() => parseRunSpec({ ...mapping })).field).toBe("market");
  });

  it("names runs after any market and still recognises the ids", () => {
    const at = new Date("2026-12-07T10:00:00Z");
    expect(newRunId("DE", at)).toMatch(/^20261207T100000Z-de-[0-9a-f]{6}$/);
    const geo = newRunId("Geo 12", at);
    expect(geo).toMatch(/^20261207T100000Z-geo12-[0-9a-f]{6}$/);
    expect(isRunId(geo)).toBe(true);
    expect(marketSlug("Île-de-France")).toBe("iledefrance");
  });
});
