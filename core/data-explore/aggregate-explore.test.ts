import { describe, expect, it } from "vitest";
import { tableFromRows, type Cell } from "../../common/table.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { aggregateExplore } from "./aggregate-explore.ts";
import { exploreColumns } from "./explore-columns.ts";

const COLUMNS = [
  "DATE",
  "REVENUE",
  "SEARCH_SPEND",
  "SEARCH_IMPRESSIONS",
  "SEARCH_CLICKS",
  "SEARCH_SESSIONS",
  "TV_S",
  "AVG_PRICE",
];

/** Seven rows on days chosen to fall at week, month and quarter edges. */
const EDGES = tableFromRows(COLUMNS, [
  ["2024-01-01", 10, 1, 1000, 10, 5, 0, 4], // Monday: ISO week 2024-01-01
  ["2024-01-07", 20, 2, 2000, 20, 10, 0, 6], // Sunday: the same ISO week
  ["2024-01-08", 30, 3, 3000, 30, 15, 100, 5], // Monday: the next week
  ["2024-01-31", 40, 4, 4000, 40, 20, 0, 5], // Wednesday of the week 2024-01-29
  ["2024-02-01", 50, 5, 5000, 50, 25, 0, 7], // Thursday of that week, but February
  ["2024-03-31", 60, 6, 6000, 60, 30, 200, 8], // Sunday: week 2024-03-25, March, Q1
  ["2024-04-01", 70, 7, 7000, 70, 35, 0, 9], // Monday: week 2024-04-01, April, Q2
]);

/** 28 days (or `days`) from Monday 2024-01-01: goal 1 a day and spend 10 a day for two weeks, then 2 and 5. */
function fourWeeks(days = 28): ReturnType<typeof tableFromRows> {
  const rows: Cell[][] = [];
  for (let d = 0; d < days; d++) {
    const date = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    const late = d >= 14;
    rows.push([date, late ? 2 : 1, late ? 5 : 10, 1000, 10, 5, late ? 1 : 0, 3]);
  }
  return tableFromRows(COLUMNS, rows);
}

describe("aggregateExplore", () => {
  it("sums ISO weeks from Monday to Sunday, labelled by their Monday, with empty weeks as gaps", () => {
    const result = aggregateExplore(EDGES, exploreColumns(EDGES), { grain: "week", start: "2024-01-01" });
    expect(result.periods).toHaveLength(14); // 2024-01-01 … 2024-04-01
    expect(result.periods[0]).toBe("2024-01-01");
    const byWeek = Object.fromEntries(result.periods.map((p, i) => [p, result.series.goal[i]]));
    expect(byWeek).toMatchObject({
      "2024-01-01": 30,
      "2024-01-08": 30,
      "2024-01-15": null,
      "2024-01-29": 90,
      "2024-03-25": 60,
      "2024-04-01": 70,
    });
    // Total spend is SEARCH_SPEND + TV_S.
    expect(result.series.spend[1]).toBe(103);
    expect(result.grainRule).toContain("Monday to Sunday");
  });

  it("sums calendar months and quarters, and averages a context variable", () => {
    const columns = exploreColumns(EDGES);
    const months = aggregateExplore(EDGES, columns, {
      grain: "month",
      start: "2024-01-01",
      metrics: ["AVG_PRICE", "TV_S"],
    });
    expect(months.periods).toEqual(["2024-01", "2024-02", "2024-03", "2024-04"]);
    expect(months.series.goal).toEqual([100, 50, 60, 70]);
    expect(months.metrics.map((m) => [m.column, m.combine, m.values])).toEqual([
      ["AVG_PRICE", "mean", [5, 7, 8, 9]],
      ["TV_S", "sum", [100, 0, 200, 0]],
    ]);
    const quarters = aggregateExplore(EDGES, columns, { grain: "quarter", start: "2024-01-01" });
    expect(quarters.periods).toEqual(["2024-Q1", "2024-Q2"]);
    expect(quarters.series.goal).toEqual([210, 70]);
    expect(quarters.channels.map((c) => [c.name, c.values])).toEqual([
      ["search", [21, 7]],
      ["tv", [300, 0]],
    ]);
  });

  it("keeps the timeframe's rows only and says which periods it cuts", () => {
    const result = aggregateExplore(EDGES, exploreColumns(EDGES), {
      grain: "month",
      start: "2024-01-05",
      end: "2024-02-15",
    });
    expect(result.periods).toEqual(["2024-01", "2024-02"]);
    expect(result.series.goal).toEqual([20 + 30 + 40, 50]);
    expect(result.window).toMatchObject({ start: "2024-01-05", end: "2024-02-15", days: 42, rows: 4 });
    expect(result.notes.join(" ")).toContain("the first month (2024-01) from 2024-01-05 only");
  });

  it("compares with the previous window of the same length", () => {
    const table = fourWeeks();
    const result = aggregateExplore(table, exploreColumns(table), {
      start: "2024-01-15",
      end: "2024-01-28",
      grain: "day",
    });
    expect(result.previous).toMatchObject({
      start: "2024-01-01",
      end: "2024-01-14",
      covered: true,
      rows: 14,
    });
    const kpi = Object.fromEntries(result.kpis.map((k) => [k.key, k]));
    expect(kpi.goal).toMatchObject({ value: 28, previous: 14, change: 1 });
    // Spend: SEARCH_SPEND 70 + TV_S 14 now, 140 + 0 before.
    expect(kpi.spend).toMatchObject({ value: 84, previous: 140 });
    expect(kpi.spend!.change).toBeCloseTo(84 / 140 - 1, 12);
    expect(kpi.roas!.value).toBeCloseTo(28 / 84, 12);
    expect(kpi.roas!.previous).toBeCloseTo(14 / 140, 12);
    const tv = result.channels.find((c) => c.name === "tv")!;
    expect(tv).toMatchObject({ value: 14, previous: 0, change: null });
    expect(result.periods).toHaveLength(14);
  });

  it("shows the last year, or the later half of shorter data, when no timeframe is given", () => {
    const table = fourWeeks();
    const result = aggregateExplore(table, exploreColumns(table), { grain: "day" });
    expect(result.window).toMatchObject({ start: "2024-01-15", end: "2024-01-28", days: 14, rows: 14 });
    expect(result.previous).toMatchObject({ start: "2024-01-01", covered: true });
    expect(result.notes[0]).toContain("the data's last 14 days, beside the 14 days before them");
    // Data to Thursday 2024-01-25 by ISO weeks: whole weeks only, to Sunday 2024-01-21.
    const short = fourWeeks(25);
    expect(aggregateExplore(short, exploreColumns(short), { grain: "week" }).window).toMatchObject({
      start: "2024-01-15",
      end: "2024-01-21",
      rows: 7,
    });
    const rows: Cell[][] = [];
    for (let w = 0; w < 150; w++) {
      const date = new Date(Date.UTC(2021, 0, 4 + 7 * w)).toISOString().slice(0, 10);
      rows.push([date, 100 + w, 10 + (w % 3), 1000, 10, 5, w % 2, 3 + (w % 4)]);
    }
    const weekly = tableFromRows(COLUMNS, rows);
    const year = aggregateExplore(weekly, exploreColumns(weekly), {});
    // The last row is dated Monday 2023-11-13 and stands for the week to Sunday 2023-11-19.
    expect(year.window).toMatchObject({ start: "2022-11-21", end: "2023-11-19", days: 364, rows: 52 });
    expect(year.previous).toMatchObject({ covered: true, rows: 52 });
    expect(year.periods).toHaveLength(52);
    expect(year.notes.join(" ")).not.toContain("cuts");
  });

  it('says "no previous window" when the data does not reach back far enough', () => {
    const table = fourWeeks();
    const result = aggregateExplore(table, exploreColumns(table), { start: "2024-01-10", end: "2024-01-28" });
    expect(result.previous.covered).toBe(false);
    expect(result.previous.reason).toMatch(/^No previous window: the 19 days before the timeframe/);
    expect(result.kpis.every((k) => k.previous === null && k.change === null)).toBe(true);
    expect(result.grain).toBe("week");
  });

  it("computes each funnel's CPM, CPC, cost per session, CTR and sessions per click from the totals", () => {
    const table = fourWeeks();
    const result = aggregateExplore(table, exploreColumns(table), { start: "2024-01-15", end: "2024-01-28" });
    expect(result.funnels).toHaveLength(1);
    const [funnel] = result.funnels;
    expect(funnel!.channel).toBe("search");
    expect(funnel!.steps.map((s) => [s.step, s.column, s.value])).toEqual([
      ["impressions", "SEARCH_IMPRESSIONS", 14_000],
      ["clicks", "SEARCH_CLICKS", 140],
      ["sessions", "SEARCH_SESSIONS", 70],
    ]);
    const ratios = Object.fromEntries(funnel!.ratios.map((r) => [r.key, r]));
    expect(ratios.cpm!.value).toBeCloseTo((70 / 14_000) * 1000, 12);
    expect(ratios.cpc!.value).toBeCloseTo(70 / 140, 12);
    expect(ratios.cost_per_session!.value).toBeCloseTo(70 / 70, 12);
    expect(ratios.ctr!.value).toBeCloseTo(140 / 14_000, 12);
    expect(ratios.sessions_per_click!.value).toBeCloseTo(0.5, 12);
    // The same impressions for half the spend: CPM halves.
    expect(ratios.cpm!.previous).toBeCloseTo((140 / 14_000) * 1000, 12);
    expect(ratios.cpm!.change).toBeCloseTo(-0.5, 12);
  });

  it("names the parameter when the timeframe or a metric is wrong", () => {
    const table = fourWeeks();
    const columns = exploreColumns(table);
    const backwards = expectInvalidInput(
      () => aggregateExplore(table, columns, { start: "2024-01-20", end: "2024-01-10" }),
      "start",
    );
    expect(backwards.message).toMatch(/starts \(2024-01-20\) after it ends \(2024-01-10\)/);
    const late = expectInvalidInput(() => aggregateExplore(table, columns, { start: "2025-01-01" }), "start");
    expect(late.message).toContain("the data runs from 2024-01-01 to 2024-01-28");
    expectInvalidInput(() => aggregateExplore(table, columns, { end: "2024-02-30" }), "end");
    const metric = expectInvalidInput(
      () => aggregateExplore(table, columns, { metrics: ["NOPE"] }),
      "metric",
    );
    expect(metric.message).toContain("choose one of REVENUE, SEARCH_SPEND");
  });
});
