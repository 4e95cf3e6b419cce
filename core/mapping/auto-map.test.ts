import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Cell, Table } from "../../common/table.ts";
import { suggestMapping } from "./auto-map.ts";
import type { MappingSuggestion } from "./mapping-suggestion.ts";

const DEMO_DATA = join(import.meta.dirname, "..", "warehouse", "demo-data");

/** A CSV file as a Table: numbers where the text is a number, null for empty cells. */
function readCsv(file: string): Table {
  const [header, ...rows] = parse(readFileSync(file, "utf8")) as string[][];
  const data: Record<string, Cell[]> = {};
  header!.forEach((name, j) => {
    data[name] = rows.map((row) => {
      const text = row[j] ?? "";
      if (text === "") return null;
      const number = Number(text);
      return Number.isFinite(number) ? number : text;
    });
  });
  return { columns: header!, data };
}

function table(columns: Record<string, Cell[]>): Table {
  return { columns: Object.keys(columns), data: columns };
}

const roleOf = (s: MappingSuggestion, column: string) => s.columns.find((c) => c.column === column)!;
const weeks = (n: number) =>
  Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
const numbers = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe("suggestMapping on the demo data", () => {
  it("equals Robyn's demo mapping on Robyn's dt_simulated_weekly", () => {
    const suggestion = suggestMapping(readCsv(join(DEMO_DATA, "simulated_weekly.csv")));
    expect(suggestion.spec).toEqual({
      date_var: "DATE",
      dep_var: "revenue",
      dep_var_type: "revenue",
      paid_media_spends: ["tv_S", "ooh_S", "print_S", "facebook_S", "search_S"],
      paid_media_vars: ["tv_S", "ooh_S", "print_S", "facebook_I", "search_clicks_P"],
      organic_vars: ["newsletter"],
      context_vars: ["competitor_sales_B", "events"],
      factor_vars: ["events"],
    });
    expect(suggestion.country_column).toBeUndefined();
    expect(suggestion.notes).toEqual([]);
    expect(suggestion.columns.map((c) => [c.column, c.role])).toEqual([
      ["DATE", "date"],
      ["revenue", "dep_var"],
      ["tv_S", "paid_media_spend"],
      ["ooh_S", "paid_media_spend"],
      ["print_S", "paid_media_spend"],
      ["facebook_I", "paid_media_var"],
      ["search_clicks_P", "paid_media_var"],
      ["search_S", "paid_media_spend"],
      ["competitor_sales_B", "context"],
      ["facebook_S", "paid_media_spend"],
      ["events", "factor"],
      ["newsletter", "organic"],
    ]);
    expect(roleOf(suggestion, "tv_S").reason).toBe(
      "ends in _S and holds non-negative amounts: a paid media spend",
    );
    expect(roleOf(suggestion, "facebook_I").pairedWith).toBe("facebook_S");
    expect(roleOf(suggestion, "search_S").pairedWith).toBe("search_clicks_P");
  });

  it("maps the multi-country demo table, with its country column", () => {
    const suggestion = suggestMapping(readCsv(join(DEMO_DATA, "multi_country_weekly.csv")));
    expect(suggestion.spec).toEqual({
      date_var: "DATE",
      dep_var: "REVENUE",
      dep_var_type: "revenue",
      paid_media_spends: ["TV_S", "FACEBOOK_S", "SEARCH_SPEND", "YOUTUBE_SPEND", "OOH_S"],
      paid_media_vars: ["TV_S", "FACEBOOK_I", "SEARCH_CLICKS", "YOUTUBE_IMPRESSIONS", "OOH_S"],
      organic_vars: ["NEWSLETTER_SENDS"],
      context_vars: ["COMPETITOR_SALES", "AVG_PRICE", "PROMO_EVENT"],
      factor_vars: ["PROMO_EVENT"],
    });
    expect(suggestion.country_column).toBe("COUNTRY");
  });

  it("gives every column a confidence in [0, 1] and a one-line reason", () => {
    const suggestion = suggestMapping(readCsv(join(DEMO_DATA, "multi_country_weekly.csv")));
    for (const c of suggestion.columns) {
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c.reason).toMatch(/^[^\n]{10,200}$/);
    }
  });
});

describe("suggestMapping rules", () => {
  const n = 20;

  it("finds a conversion goal from its name, or from whole-number values", () => {
    const byName = suggestMapping(
      table({ week: weeks(n), orders: numbers(n, (i) => 100 + i), tv_S: numbers(n, (i) => i) }),
    );
    expect(byName.spec).toMatchObject({ dep_var: "orders", dep_var_type: "conversion" });
    const byValues = suggestMapping(
      table({ date: weeks(n), kpi: numbers(n, (i) => 40 + i), tv_S: numbers(n, (i) => i) }),
    );
    expect(byValues.spec).toMatchObject({ dep_var: "kpi", dep_var_type: "conversion" });
    const money = suggestMapping(table({ date: weeks(n), sales: numbers(n, (i) => 1000.5 + i) }));
    expect(money.spec.dep_var_type).toBe("revenue");
  });

  it("pairs exposures with spends by channel stem, preferring impressions, and sets aside the rest", () => {
    const s = suggestMapping(
      table({
        DATE: weeks(n),
        REVENUE: numbers(n, (i) => 1000 + i),
        META_CLICKS: numbers(n, (i) => 10 + i),
        META_SPEND: numbers(n, (i) => 100 + i),
        META_IMPRESSIONS: numbers(n, (i) => 10000 + i),
        TIKTOK_I: numbers(n, (i) => 5 + i),
        GoogleSearchCost: numbers(n, (i) => 3 + i),
        GoogleSearchClicks: numbers(n, (i) => 30 + i),
      }),
    );
    expect(s.spec.paid_media_spends).toEqual(["META_SPEND", "GoogleSearchCost"]);
    expect(s.spec.paid_media_vars).toEqual(["META_IMPRESSIONS", "GoogleSearchClicks"]);
    expect(roleOf(s, "META_CLICKS")).toMatchObject({ role: "ignore" });
    expect(roleOf(s, "META_CLICKS").reason).toContain("META_IMPRESSIONS is modelled");
    expect(roleOf(s, "TIKTOK_I").role).toBe("ignore");
    expect(roleOf(s, "TIKTOK_I").reason).toContain("no spend column");
  });

  it("sets aside constant, empty and ID-like columns, with the reason", () => {
    const s = suggestMapping(
      table({
        DATE: weeks(n),
        REVENUE: numbers(n, (i) => 1000 + i),
        TV_S: numbers(n, () => 0),
        RADIO_S: numbers(n, () => null as unknown as number),
        ORDER_ID: numbers(n, (i) => i).map((i) => `id-${i}`),
      }),
    );
    expect(roleOf(s, "TV_S")).toMatchObject({
      role: "ignore",
      reason: "has the same value (0) in every row: it cannot explain any change",
    });
    expect(roleOf(s, "RADIO_S")).toMatchObject({ role: "ignore", reason: "is empty in every row" });
    expect(roleOf(s, "ORDER_ID").role).toBe("ignore");
    expect(s.notes).toEqual([
      "No paid media spend column was found: choose the spend columns (names ending in _S or _SPEND are found automatically).",
    ]);
  });

  it("lowers its confidence for a spend with negative values and says where", () => {
    const s = suggestMapping(
      table({
        DATE: weeks(n),
        REVENUE: numbers(n, (i) => i + 1),
        TV_S: numbers(n, (i) => (i === 3 ? -5 : i)),
      }),
    );
    expect(roleOf(s, "TV_S")).toMatchObject({ role: "paid_media_spend", confidence: 0.5 });
    expect(roleOf(s, "TV_S").reason).toContain("1 negative value (first in row 4)");
  });

  it("finds the date column by its values when the name says nothing, and keeps only one", () => {
    const s = suggestMapping(
      table({ period_start: weeks(n), DATE: weeks(n), revenue: numbers(n, (i) => i + 0.5) }),
    );
    expect(s.spec.date_var).toBe("DATE");
    expect(roleOf(s, "period_start").role).toBe("ignore");
    expect(roleOf(s, "period_start").reason).toContain("DATE was chosen");
  });

  it("reads factors from text with few values and 0/1 flags, and context from markers", () => {
    const s = suggestMapping(
      table({
        DATE: weeks(n),
        REVENUE: numbers(n, (i) => 1 + i),
        holiday_flag: numbers(n, (i) => i % 2),
        season: numbers(n, (i) => i % 4).map((i) => ["winter", "spring", "summer", "autumn"][i]!),
        temperature_index: numbers(n, (i) => 10 + i),
        brand_search_organic: numbers(n, (i) => 1 + i),
      }),
    );
    expect(s.spec.factor_vars).toEqual(["holiday_flag", "season"]);
    expect(s.spec.context_vars).toEqual(["holiday_flag", "season", "temperature_index"]);
    expect(s.spec.organic_vars).toEqual(["brand_search_organic"]);
  });

  it("does not model a total beside its parts", () => {
    const s = suggestMapping(
      table({
        DATE: weeks(n),
        REVENUE: numbers(n, (i) => i + 1),
        TV_S: numbers(n, (i) => i),
        TOTAL_SPEND: numbers(n, (i) => 2 * i),
      }),
    );
    expect(s.spec.paid_media_spends).toEqual(["TV_S"]);
    expect(roleOf(s, "TOTAL_SPEND").reason).toContain("count spend twice");
  });

  it("takes the country column and the goal from the options", () => {
    const s = suggestMapping(
      table({
        DATE: weeks(n),
        REGION: numbers(n, (i) => i % 2).map((i) => (i ? "DE" : "FR")),
        revenue: numbers(n, (i) => i + 1),
        orders: numbers(n, (i) => i + 1),
      }),
      { countryColumn: "region", depVar: "ORDERS" },
    );
    expect(s.country_column).toBe("REGION");
    expect(s.spec).toMatchObject({ dep_var: "orders", dep_var_type: "conversion" });
    expect(roleOf(s, "revenue").role).toBe("ignore");
  });
});
