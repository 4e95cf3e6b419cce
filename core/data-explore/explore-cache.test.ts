import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../common/table.ts";
import { ExploreCache } from "./explore-cache.ts";
import { exploreColumns } from "./explore-columns.ts";

describe("ExploreCache", () => {
  it("loads a key once, shares a load in flight, and does not keep failures", async () => {
    const cache = new ExploreCache(100);
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.keep("k", load), cache.keep("k", load)]);
    expect([a, b, await cache.keep("k", load), loads]).toEqual([1, 1, 1, 1]);
    await expect(cache.keep("bad", () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(await cache.keep("bad", async () => "now")).toBe("now");
  });

  it("lets the least recently used entries go when the cells exceed the budget", async () => {
    const cache = new ExploreCache(100);
    const sized = (cells: number) =>
      cache.keep(
        `e${cells}`,
        async () => cells,
        (n) => n,
      );
    await sized(40);
    await sized(50);
    await cache.keep("e40", async () => -1); // used again: now the most recent
    await sized(30); // 120 cells: e50, the least recently used, goes
    expect(cache.cells).toBe(70);
    expect(await cache.keep("e50", async () => -50)).toBe(-50);
    expect(await cache.keep("e40", async () => -40)).toBe(40);
  });

  it("finds a table's columns once per goal and table object", () => {
    const cache = new ExploreCache();
    const table = tableFromRows(
      ["DATE", "REVENUE", "ORDERS", "TV_S"],
      [
        ["2024-01-01", 10, 1, 5],
        ["2024-01-02", 12, 2, 6],
      ],
    );
    let finds = 0;
    const find = (goal?: string) => () => (finds++, exploreColumns(table, goal ? { goal } : {}));
    const first = cache.columns(table, "", find());
    expect(cache.columns(table, "", find())).toBe(first);
    expect(cache.columns(table, "ORDERS", find("ORDERS")).goal).toBe("ORDERS");
    const copy = { columns: table.columns, data: table.data };
    expect(cache.columns(copy, "", find())).not.toBe(first);
    expect(finds).toBe(3);
  });
});
