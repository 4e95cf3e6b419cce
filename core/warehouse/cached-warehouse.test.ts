import { describe, expect, it } from "vitest";
import { invalidInput } from "../../common/errors.ts";
import { CachedWarehouse } from "./cached-warehouse.ts";
import type { QueryOptions, QueryResult, TableOrSql, Warehouse } from "./port.ts";

/** A warehouse that counts its calls and answers after `release()` when `hold` is set. */
function fakeWarehouse() {
  const calls: string[] = [];
  let failNext = false;
  let pending: (() => void)[] = [];
  let hold = false;
  const wait = () => (hold ? new Promise<void>((resolve) => pending.push(resolve)) : Promise.resolve());
  const inner: Warehouse = {
    kind: "fake",
    async listTables() {
      calls.push("listTables");
      return [{ name: "DEMO.T", kind: "table" }];
    },
    async describe(table) {
      calls.push(`describe ${table}`);
      return [{ name: "A", type: "number", nullable: false, warehouseType: "DOUBLE" }];
    },
    async preview(table) {
      calls.push(`preview ${table}`);
      return { columns: ["A"], data: { A: [1] } };
    },
    async countries() {
      calls.push("countries");
      return ["DE"];
    },
    async query(source: TableOrSql, options: QueryOptions = {}): Promise<QueryResult> {
      calls.push(`query ${JSON.stringify(source)} ${options.country ?? ""}`);
      await wait();
      if (failNext) {
        failNext = false;
        throw invalidInput("data.sql", "broken");
      }
      return {
        table: { columns: ["A"], data: { A: [calls.length] } },
        columns: [],
        rowCount: 1,
        bytes: 8,
        fetchedAt: "2024-01-01T00:00:00.000Z",
        cached: false,
      };
    },
    async close() {
      calls.push("close");
    },
  };
  return {
    inner,
    calls,
    failNextQuery: () => (failNext = true),
    holdQueries: () => (hold = true),
    release: () => {
      pending.forEach((resolve) => resolve());
      pending = [];
      hold = false;
    },
  };
}

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const table = { table: "DEMO.T" };

describe("CachedWarehouse", () => {
  it("answers a repeated query from the cache and says so", async () => {
    const fake = fakeWarehouse();
    const cache = new CachedWarehouse(fake.inner);
    const first = await cache.query(table, { country: "de" });
    const second = await cache.query(table, { country: " DE " });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.table).toBe(first.table);
    expect(fake.calls.filter((c) => c.startsWith("query"))).toHaveLength(1);
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 8, hits: 1, misses: 1 });
  });

  it("keys by source, country, columns and limits (an omitted limit equals the default)", async () => {
    const fake = fakeWarehouse();
    const cache = new CachedWarehouse(fake.inner);
    await cache.query(table);
    await cache.query(table, { maxRows: 100_000 });
    await cache.query(table, { maxRows: 10 });
    await cache.query(table, { country: "FR" });
    await cache.query(table, { columns: ["A"] });
    await cache.query({ sql: "SELECT 1" });
    await cache.query({ sql: "select 1" });
    expect(fake.calls.filter((c) => c.startsWith("query"))).toHaveLength(6);
  });

  it("expires entries after the TTL, on the injected clock", async () => {
    const fake = fakeWarehouse();
    const time = clock();
    const cache = new CachedWarehouse(fake.inner, { ttlMs: 1000, now: time.now });
    await cache.query(table);
    time.advance(999);
    expect((await cache.query(table)).cached).toBe(true);
    time.advance(1);
    expect((await cache.query(table)).cached).toBe(false);
    expect(fake.calls.filter((c) => c.startsWith("query"))).toHaveLength(2);
  });

  it("shares one in-flight call between identical concurrent queries", async () => {
    const fake = fakeWarehouse();
    const cache = new CachedWarehouse(fake.inner);
    fake.holdQueries();
    const calls = [cache.query(table), cache.query(table), cache.query(table)];
    await Promise.resolve();
    fake.release();
    const results = await Promise.all(calls);
    expect(fake.calls.filter((c) => c.startsWith("query"))).toHaveLength(1);
    expect(results.map((r) => r.cached)).toEqual([false, true, true]);
  });

  it("does not cache failures, and shares a failure with the calls that waited for it", async () => {
    const fake = fakeWarehouse();
    const cache = new CachedWarehouse(fake.inner);
    fake.failNextQuery();
    fake.holdQueries();
    const calls = [cache.query(table), cache.query(table)];
    fake.release();
    for (const call of calls) await expect(call).rejects.toThrow("broken");
    expect((await cache.query(table)).cached).toBe(false);
  });

  it("reads again on refresh or after clear", async () => {
    const fake = fakeWarehouse();
    const cache = new CachedWarehouse(fake.inner);
    await cache.query(table);
    expect((await cache.query(table, { refresh: true })).cached).toBe(false);
    expect((await cache.query(table)).cached).toBe(true);
    cache.clear();
    expect((await cache.query(table)).cached).toBe(false);
  });

  it("evicts the least recently used entries past maxEntries or maxBytes", async () => {
    const fake = fakeWarehouse();
    const cache = new CachedWarehouse(fake.inner, { maxEntries: 2 });
    await cache.query({ table: "A" });
    await cache.query({ table: "B" });
    await cache.query({ table: "A" });
    await cache.query({ table: "C" });
    expect((await cache.query({ table: "A" })).cached).toBe(true);
    expect((await cache.query({ table: "B" })).cached).toBe(false);
    const small = new CachedWarehouse(fakeWarehouse().inner, { maxBytes: 16 });
    await small.query({ table: "A" });
    await small.query({ table: "B" });
    await small.query({ table: "C" });
    expect(small.stats()).toMatchObject({ entries: 2, bytes: 16 });
  });

  it("caches table lists, descriptions, previews and countries too, and closes the inner warehouse", async () => {
    const fake = fakeWarehouse();
    const cache = new CachedWarehouse(fake.inner);
    for (let i = 0; i < 2; i++) {
      await cache.listTables();
      await cache.describe("DEMO.T");
      await cache.preview("DEMO.T");
      await cache.countries(table, "COUNTRY");
    }
    expect(fake.calls).toEqual(["listTables", "describe DEMO.T", "preview DEMO.T", "countries"]);
    expect(cache.kind).toBe("fake");
    await cache.close();
    expect(fake.calls.at(-1)).toBe("close");
    expect(cache.stats().entries).toBe(0);
  });
});
