import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../common/table.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { exploreColumns } from "./explore-columns.ts";

const TABLE = tableFromRows(
  [
    "DATE",
    "MARKET",
    "ORDERS",
    "REVENUE",
    "FB_SPEND",
    "FB_IMPRESSIONS",
    "FB_CLICKS",
    "FB_SESSIONS",
    "search_S",
    "search_clicks_P",
    "TV_S",
    "ORGANIC_SESSIONS",
    "AVG_PRICE",
    "PROMO_FLAG",
  ],
  [
    ["2024-01-01", "DE", 10, 100.5, 5, 1000, 10, 5, 3, 7, 0, 50, 9.5, 0],
    ["2024-01-02", "DE", 12, 120.25, 6, 1200, 12, 6, 4, 8, 100, 60, 9.5, 1],
    ["2024-01-03", "DE", 11, 110.75, 7, 1100, 11, 7, 5, 9, 0, 55, 9.9, 0],
  ],
);

describe("exploreColumns", () => {
  it("finds the date, the goal, the market and every channel with all its funnel columns", () => {
    const columns = exploreColumns(TABLE, { marketColumn: "MARKET" });
    expect(columns.date).toBe("DATE");
    expect(columns.marketColumn).toBe("MARKET");
    expect(columns.channels).toEqual([
      {
        name: "fb",
        spend: "FB_SPEND",
        funnel: { impressions: "FB_IMPRESSIONS", clicks: "FB_CLICKS", sessions: "FB_SESSIONS" },
      },
      { name: "search", spend: "search_S", funnel: { clicks: "search_clicks_P" } },
      { name: "tv", spend: "TV_S", funnel: {} },
    ]);
    // Organic sessions are not a paid channel's funnel step.
    expect(JSON.stringify(columns.channels)).not.toContain("ORGANIC_SESSIONS");
    const combine = Object.fromEntries(columns.metrics.map((m) => [m.column, m.combine]));
    expect(combine).toMatchObject({ ORDERS: "sum", FB_SPEND: "sum", AVG_PRICE: "mean", PROMO_FLAG: "mean" });
    expect(combine).not.toHaveProperty("DATE");
    expect(combine).not.toHaveProperty("MARKET");
  });

  it("takes the goal asked for, with its type, in any case", () => {
    const columns = exploreColumns(TABLE, { goal: "orders" });
    expect(columns.goal).toBe("ORDERS");
    expect(columns.goalType).toBe("conversion");
    expect(exploreColumns(TABLE, { goal: "REVENUE" }).goalType).toBe("revenue");
  });

  it("names the goal parameter and the columns to choose from when the goal is wrong", () => {
    const unknown = expectInvalidInput(() => exploreColumns(TABLE, { goal: "PROFIT" }), "goal");
    expect(unknown.message).toContain('no column "PROFIT"');
    expect(unknown.message).toContain("ORDERS, REVENUE, FB_SPEND");
    const text = expectInvalidInput(() => exploreColumns(TABLE, { goal: "MARKET" }), "goal");
    expect(text.message).toContain("does not hold numbers");
  });

  it("says when there is no date column", () => {
    const undated = tableFromRows(
      ["REVENUE", "TV_S"],
      [
        [1, 2],
        [3, 4],
      ],
    );
    expectInvalidInput(() => exploreColumns(undated), "date");
  });
});
