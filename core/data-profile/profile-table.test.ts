/**
 * The data profile on the bundled demo data, every number checked against an independent computation
 * written differently here: ranks by counting, R² as a squared correlation, the OLS line and VIF from the
 * normal equations, the condition number from a closed-form eigen-solution of the 2×2 and 3×3 correlation
 * matrices. And the cleaning guard.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Cell, Table } from "../../common/table.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import { leastSquares } from "../../tests/support/normal-equations.ts";
import { profileTable } from "./profile-table.ts";

const DEMO = join(import.meta.dirname, "..", "warehouse", "demo-data");
const simulated = parseCsv(readFileSync(join(DEMO, "simulated_weekly.csv"), "utf8"));
const multi = parseCsv(readFileSync(join(DEMO, "multi_country_weekly.csv"), "utf8"));

const numbers = (table: Table, name: string) =>
  Float64Array.from(table.data[name]!, (c) => (typeof c === "number" ? c : Number.NaN));

function pick(table: Table, names: readonly string[], replace: Record<string, Cell[]> = {}): Table {
  return { columns: names, data: Object.fromEntries(names.map((n) => [n, replace[n] ?? table.data[n]!])) };
}

function rowsWhere(table: Table, column: string, value: string): Table {
  const keep = table.data[column]!.flatMap((c, i) => (c === value ? [i] : []));
  return {
    columns: table.columns,
    data: Object.fromEntries(table.columns.map((n) => [n, keep.map((i) => table.data[n]![i]!)])),
  };
}

/** A value's rank: 1 + how many are smaller + half of the others equal to it. */
function countedRanks(values: Float64Array): number[] {
  return [...values].map(
    (v) => 1 + values.filter((w) => w < v).length + (values.filter((w) => w === v).length - 1) / 2,
  );
}

function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0; // prettier-ignore
  for (let i = 0; i < n; i++) {
    sx += x[i]!;
    sy += y[i]!;
    sxx += x[i]! ** 2;
    syy += y[i]! ** 2;
    sxy += x[i]! * y[i]!;
  }
  return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
}

/** Eigenvalues of a symmetric 3×3 matrix by the trigonometric solution of its characteristic cubic. */
function eigen3(a: number[][]): number[] {
  const q = (a[0]![0]! + a[1]![1]! + a[2]![2]!) / 3;
  const p1 = a[0]![1]! ** 2 + a[0]![2]! ** 2 + a[1]![2]! ** 2;
  const p = Math.sqrt(((a[0]![0]! - q) ** 2 + (a[1]![1]! - q) ** 2 + (a[2]![2]! - q) ** 2 + 2 * p1) / 6);
  const b = a.map((row, i) => row.map((v, j) => (v - (i === j ? q : 0)) / p));
  const det =
    b[0]![0]! * (b[1]![1]! * b[2]![2]! - b[1]![2]! * b[2]![1]!) -
    b[0]![1]! * (b[1]![0]! * b[2]![2]! - b[1]![2]! * b[2]![0]!) +
    b[0]![2]! * (b[1]![0]! * b[2]![1]! - b[1]![1]! * b[2]![0]!);
  const phi = Math.acos(Math.max(-1, Math.min(1, det / 2))) / 3;
  const largest = q + 2 * p * Math.cos(phi);
  const smallest = q + 2 * p * Math.cos(phi + (2 * Math.PI) / 3);
  return [largest, 3 * q - largest - smallest, smallest];
}

describe("profileTable on Robyn's demo data", () => {
  const profile = profileTable({ table: simulated, goal: "revenue", market: "US", source: "demo" });
  const column = (name: string) => profile.columns.find((c) => c.name === name)!;
  const goal = numbers(simulated, "revenue");
  const spends = ["tv_S", "ooh_S", "print_S", "facebook_S", "search_S"];

  it("maps the roles and summarises the columns", () => {
    expect(profile.columns.filter((c) => c.role === "paid_spend").map((c) => c.name)).toEqual([
      "tv_S",
      "ooh_S",
      "print_S",
      "search_S",
      "facebook_S",
    ]);
    expect(column("facebook_I").role).toBe("paid_exposure");
    expect(column("DATE").role).toBe("date");
    expect(column("revenue").role).toBe("goal");
    expect(column("newsletter").role).toBe("organic");
    expect(column("events").role).toBe("context");
    expect(profile).toMatchObject({ rows: 208, date_range: { start: "2015-11-23", end: "2019-11-11" } });
    const tv = numbers(simulated, "tv_S");
    const sorted = [...tv].sort((a, b) => a - b);
    expect(column("tv_S")).toMatchObject({
      type: "number",
      nulls: 0,
      zeros: tv.filter((v) => v === 0).length,
      distinct: new Set(tv).size,
      min: sorted[0],
      median: (sorted[103]! + sorted[104]!) / 2,
      max: sorted[207],
    });
    // R's quantile(type = 7) at 0.75: h = 207 · 0.75 = 155.25.
    expect(column("tv_S").p75).toBeCloseTo(sorted[155]! + 0.25 * (sorted[156]! - sorted[155]!), 6);
    expect(column("tv_S").sparkline).toHaveLength(60);
  });

  it("gives each paid spend Spearman ρ, R² and NMAE that independent computations agree with", () => {
    for (const name of spends) {
      const x = numbers(simulated, name);
      const c = column(name);
      expect(c.spearman, name).toBeCloseTo(correlation(countedRanks(x), countedRanks(goal)), 10);
      expect(c.r2, name).toBeCloseTo(correlation(x, goal) ** 2, 10);
      const { fitted } = leastSquares(goal, [x]);
      const mae = goal.reduce((s, y, t) => s + Math.abs(y - fitted[t]!), 0) / goal.length;
      const meanAbsGoal = goal.reduce((s, y) => s + Math.abs(y), 0) / goal.length;
      expect(c.nmae, name).toBeCloseTo(mae / meanAbsGoal, 10);
    }
  });

  it("offers each spend's exposures as media response, with their own numbers", () => {
    const facebook = column("facebook_S").media_response!;
    expect(facebook.chosen).toBe("facebook_I");
    expect(facebook.options.map((o) => [o.column, o.kind])).toEqual([
      ["facebook_S", "spend"],
      ["facebook_I", "impressions"],
    ]);
    const impressions = numbers(simulated, "facebook_I");
    expect(facebook.options[1]!.spearman).toBeCloseTo(
      correlation(countedRanks(impressions), countedRanks(goal)),
      10,
    );
    expect(column("search_S").media_response!.options[1]).toMatchObject({
      column: "search_clicks_P",
      kind: "clicks",
    });
  });

  it("has VIF = 1 / (1 − R²) of each regressor's auxiliary regression on the others", () => {
    expect(profile.vif.map((v) => v.column)).toEqual([
      "tv_S",
      "ooh_S",
      "print_S",
      "facebook_I",
      "search_clicks_P",
      "newsletter",
      "competitor_sales_B",
    ]);
    const series = profile.vif.map((v) => numbers(simulated, v.column));
    profile.vif.forEach((v, j) => {
      const others = series.filter((_, i) => i !== j);
      expect(v.vif, v.column).toBeCloseTo(1 / (1 - leastSquares(series[j]!, others).r2), 8);
      expect(v.band).toBe("ok");
      expect(column(v.column).vif).toBe(v.vif);
    });
    expect(profile.driver_ratio).toEqual({ observations: 208, drivers: 8, ratio: 26, band: "ok" });
    expect(profile.findings).toEqual([]);
  });

  it("has the condition number of a 2×2 and a 3×3 correlation matrix worked out by hand", () => {
    const two = profileTable({
      table: pick(simulated, ["DATE", "revenue", "tv_S", "search_S"]),
      goal: "revenue",
      market: "US",
      source: "demo",
    });
    const r = correlation(numbers(simulated, "tv_S"), numbers(simulated, "search_S"));
    // Eigenvalues of [[1, r], [r, 1]] are 1 ± r.
    expect(two.condition_number).toBeCloseTo(Math.sqrt((1 + Math.abs(r)) / (1 - Math.abs(r))), 10);

    const names = ["tv_S", "search_S", "competitor_sales_B"];
    const three = profileTable({
      table: pick(simulated, ["DATE", "revenue", ...names]),
      goal: "revenue",
      market: "US",
      source: "demo",
    });
    const m = names.map((a) =>
      names.map((b) => (a === b ? 1 : correlation(numbers(simulated, a), numbers(simulated, b)))),
    );
    const [largest, , smallest] = eigen3(m);
    expect(three.condition_number).toBeCloseTo(Math.sqrt(largest! / smallest!), 10);
    expect(three.condition_band).toBe("ok");
  });
});

describe("profileTable on the multi-country demo table", () => {
  const de = rowsWhere(multi, "COUNTRY", "DE");
  const profile = profileTable({
    table: de,
    goal: "REVENUE",
    market: "DE",
    source: "demo",
    countryColumn: "COUNTRY",
  });

  it("keeps the market column out of the model and offers impressions and clicks", () => {
    expect(profile.columns.find((c) => c.name === "COUNTRY")!.role).toBe("other");
    expect(profile.cleaning.map((c) => c.column)).not.toContain("COUNTRY");
    const search = profile.columns.find((c) => c.name === "SEARCH_SPEND")!.media_response!;
    expect(search.options.map((o) => o.column)).toEqual(["SEARCH_SPEND", "SEARCH_CLICKS"]);
    expect(profile.rows).toBe(208);
  });
});

describe("the cleaning suggestions and their guard", () => {
  const zeros = simulated.data.print_S!.map(() => 0);
  const flatNewsletter = simulated.data.newsletter!.map((_, i) => 1000 + (i % 2)); // cv ≈ 0.05 %
  const table = pick(
    simulated,
    ["DATE", "revenue", "tv_S", "print_S", "facebook_S", "facebook_I", "newsletter", "empty"],
    {
      print_S: zeros,
      facebook_S: simulated.data.facebook_S!.map(() => 5),
      facebook_I: simulated.data.facebook_I!.map(() => 7),
      newsletter: flatNewsletter,
      empty: simulated.data.tv_S!.map(() => null),
    },
  );
  const profile = profileTable({ table, goal: "revenue", market: "US", source: "demo" });
  const suggestion = (name: string) => profile.cleaning.find((c) => c.column === name);

  it("keeps a channel's only paid variable when it is all zero, and says why", () => {
    expect(suggestion("print_S")).toMatchObject({ action: "keep", rule: "all_zero" });
    expect(suggestion("print_S")!.reason).toMatch(/only paid variable of channel print/);
    expect(profile.findings[0]).toMatchObject({ level: "problem", column: "print_S" });
  });

  it("keeps one of a channel's paid variables when all are constant, and drops the rest", () => {
    expect(suggestion("facebook_S")).toMatchObject({ action: "keep", rule: "constant" });
    expect(suggestion("facebook_S")!.reason).toMatch(/every paid variable of channel facebook/);
    expect(suggestion("facebook_I")).toMatchObject({ action: "drop", rule: "constant" });
  });

  it("drops all-missing and hardly varying columns and never the date or the goal", () => {
    expect(suggestion("empty")).toMatchObject({ action: "drop", rule: "all_null" });
    expect(suggestion("newsletter")).toMatchObject({ action: "drop", rule: "low_variation" });
    expect(suggestion("tv_S")).toBeUndefined();
    expect(suggestion("DATE")).toBeUndefined();
    expect(suggestion("revenue")).toBeUndefined();
    // Kept by the guard, the constant spends make the regressors singular: VIF ∞ and a problem.
    expect(profile.vif.map((v) => v.column)).toEqual(["tv_S", "print_S", "facebook_S"]);
    expect(profile.condition_number).toBe(Infinity);
    expect(profile.condition_band).toBe("problem");
  });

  it("profiles a secondary goal: set aside from the regressors, with every variable's fit to it", () => {
    const de = rowsWhere(multi, "COUNTRY", "DE");
    const input = { table: de, goal: "REVENUE", market: "DE", source: "x", countryColumn: "COUNTRY" };
    const plain = profileTable(input);
    expect(plain.vif.map((v) => v.column)).toContain("COMPETITOR_SALES");
    const profile = profileTable({ ...input, secondaryGoals: ["COMPETITOR_SALES"] });
    expect(profile.columns.find((c) => c.name === "COMPETITOR_SALES")!.role).toBe("secondary_goal");
    expect(profile.vif.map((v) => v.column)).not.toContain("COMPETITOR_SALES");
    expect(profile.cleaning.map((c) => c.column)).not.toContain("COMPETITOR_SALES");
    const [secondary] = profile.secondary_goals;
    expect(secondary!.column).toBe("COMPETITOR_SALES");
    const target = numbers(de, "COMPETITOR_SALES");
    expect(secondary!.fits.map((f) => f.column)).toEqual(
      profile.columns.filter((c) => c.spearman !== undefined).map((c) => c.name),
    );
    for (const fit of secondary!.fits) {
      const x = numbers(de, fit.column);
      if (new Set(x).size < 2) continue;
      expect(fit.spearman, fit.column).toBeCloseTo(correlation(countedRanks(x), countedRanks(target)), 10);
      expect(fit.r2, fit.column).toBeCloseTo(correlation(x, target) ** 2, 10);
    }
  });
});
