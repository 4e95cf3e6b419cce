import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMmmError } from "../../../common/errors.ts";
import { DEMO_MAPPING } from "../../lifecycle/demo-run.ts";
import { suggestMapping } from "../../mapping/auto-map.ts";
import { openDuckDbWarehouse, type DuckDbWarehouse } from "./duckdb.ts";

async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (isMmmError(error)) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("DuckDB warehouse with a database file", () => {
  let folder: string;
  let file: string;
  let warehouse: DuckDbWarehouse;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "mmm-duckdb-"));
    file = join(folder, "shop.duckdb");
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run(`
      CREATE SCHEMA sales;
      CREATE TABLE sales.weekly AS SELECT
        DATE '2024-01-01' + 7 * range::INT AS week,
        TIMESTAMP '2024-01-01 23:30:00' + INTERVAL 7 DAY * range AS ts,
        TIMESTAMPTZ '2024-01-01 23:30:00+00' AS tstz,
        (range * 1.25)::DECIMAL(10, 2) AS spend,
        (range * 1000000000)::BIGINT AS impressions,
        (range % 2 = 0) AS promo,
        'x' || range AS label,
        'NaN'::DOUBLE AS nan
      FROM range(3);
      CREATE TABLE sales."Weekly Sales" AS SELECT 1 AS a;
      CREATE SCHEMA DEMO;
      CREATE TABLE DEMO.SIMULATED_WEEKLY AS SELECT 1 AS a;`);
    connection.closeSync();
    instance.closeSync();
    warehouse = await openDuckDbWarehouse({ path: file });
  });

  afterAll(async () => {
    await warehouse.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("lists the file's tables as CATALOG.SCHEMA.TABLE beside the demo tables", async () => {
    const names = (await warehouse.listTables()).map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "DEMO.MULTI_COUNTRY_WEEKLY",
        "DEMO.SIMULATED_WEEKLY",
        "shop.sales.weekly",
        'shop.sales."Weekly Sales"',
        "shop.DEMO.SIMULATED_WEEKLY",
      ]),
    );
    expect((await warehouse.preview('shop.sales."Weekly Sales"')).data.a).toEqual([1]);
  });

  it("prefers the default catalog for a SCHEMA.TABLE name found in several, and asks for the full name otherwise", async () => {
    expect((await warehouse.describe("DEMO.SIMULATED_WEEKLY")).length).toBe(12);
    expect((await warehouse.describe("shop.DEMO.SIMULATED_WEEKLY")).length).toBe(1);
    const error = await failure(warehouse.describe("SIMULATED_WEEKLY"));
    expect(error.field).toBe("data.table");
    expect(error.message).toContain("matches 2 tables");
  });

  it("converts dates, timestamps, decimals, big integers, booleans and NaN to Table cells", async () => {
    const result = await warehouse.query({ table: "shop.sales.weekly" });
    expect(result.table.data).toEqual({
      week: ["2024-01-01", "2024-01-08", "2024-01-15"],
      ts: ["2024-01-01", "2024-01-08", "2024-01-15"],
      tstz: ["2024-01-01", "2024-01-01", "2024-01-01"],
      spend: [0, 1.25, 2.5],
      impressions: [0, 1_000_000_000, 2_000_000_000],
      promo: [1, 0, 1],
      label: ["x0", "x1", "x2"],
      nan: [null, null, null],
    });
    expect(result.columns.map((c) => c.type)).toEqual([
      "date",
      "date",
      "date",
      "number",
      "number",
      "boolean",
      "string",
      "number",
    ]);
    expect(result.columns[3]!.warehouseType).toBe("DECIMAL(10,2)");
    const described = await warehouse.describe("shop.sales.weekly");
    expect(described.map((c) => c.type)).toEqual(result.columns.map((c) => c.type));
  });

  it("opens the file read-only: it is not changed", async () => {
    const before = statSync(file).mtimeMs;
    await warehouse.query({ sql: "SELECT count(*) AS n FROM shop.sales.weekly" });
    expect(statSync(file).mtimeMs).toBe(before);
  });
});

describe("DuckDB warehouse lock-down", () => {
  let warehouse: DuckDbWarehouse;
  beforeAll(async () => {
    warehouse = await openDuckDbWarehouse();
  });
  afterAll(async () => {
    await warehouse.close();
  });

  it("has external access disabled and its configuration locked", async () => {
    const result = await warehouse.query({
      sql:
        "SELECT current_setting('enable_external_access') AS external, " +
        "current_setting('lock_configuration') AS locked",
    });
    expect(result.table.data).toEqual({ external: [0], locked: [1] });
  });

  it("refuses every way of reading a file", async () => {
    for (const sql of [
      "SELECT * FROM read_csv('/etc/passwd')",
      "SELECT * FROM 'data.csv'",
      "SELECT * FROM read_text('/etc/hostname')",
      "SELECT * FROM glob('/*')",
      "SELECT * FROM query('SELECT * FROM read_csv(''/etc/passwd'')')",
      "SELECT * FROM read_csv('https://example.com/data.csv')",
    ]) {
      const error = await failure(warehouse.query({ sql }));
      expect(error.field).toBe("data.sql");
      expect(error.message).toContain("not allowed");
    }
    // Without a file extension DuckDB does not even look for a file: an unknown table.
    expect((await failure(warehouse.query({ sql: "SELECT * FROM '/etc/passwd'" }))).message).toContain(
      "does not exist",
    );
  });

  it("puts Robyn's demo data in DEMO.SIMULATED_WEEKLY as Robyn maps it", async () => {
    const { table } = await warehouse.query({ table: "DEMO.SIMULATED_WEEKLY" });
    expect(suggestMapping(table).spec).toEqual(DEMO_MAPPING);
  });

  it("fails after close", async () => {
    const closed = await openDuckDbWarehouse({ demoData: false });
    expect(await closed.listTables()).toEqual([]);
    await closed.close();
    await closed.close();
    expect((await failure(closed.listTables())).code).toBe("internal");
  });

  it("reports a database file that cannot be opened", async () => {
    const error = await failure(
      openDuckDbWarehouse({ path: join(tmpdir(), "no-such-folder-mmm", "x.duckdb") }),
    );
    expect(error.field).toBe("path");
    expect(error.message).toContain("Cannot open the DuckDB file");
  });
});

describe("DuckDB warehouse limits", () => {
  // Five copies of the demo table: 208^5 rows, hours of work unless interrupted.
  const endlessJoin =
    "SELECT count(*) AS n FROM DEMO.SIMULATED_WEEKLY a, DEMO.SIMULATED_WEEKLY b, DEMO.SIMULATED_WEEKLY c, " +
    "DEMO.SIMULATED_WEEKLY d, DEMO.SIMULATED_WEEKLY e WHERE a.revenue + b.revenue > c.revenue + d.revenue + e.revenue";
  // One string_agg over 208^3 rows: a single value of more than 500 MB.
  const hugeAggregate =
    "SELECT string_agg(repeat('x', 60), ',') AS s " +
    "FROM DEMO.SIMULATED_WEEKLY a, DEMO.SIMULATED_WEEKLY b, DEMO.SIMULATED_WEEKLY c";

  it("bounds memory (1 GB) and threads (2) by default, whatever the machine", async () => {
    const warehouse = await openDuckDbWarehouse({ demoData: false });
    const result = await warehouse.query({
      sql: "SELECT current_setting('memory_limit') AS memory, current_setting('threads') AS threads",
    });
    await warehouse.close();
    expect(result.table.data).toEqual({ memory: ["953.6 MiB"], threads: [2] });
  });

  it("interrupts a query at the timeout with an error naming WAREHOUSE_QUERY_TIMEOUT_SECONDS", async () => {
    const warehouse = await openDuckDbWarehouse({ queryTimeoutSeconds: 1 });
    const error = await failure(warehouse.query({ sql: endlessJoin }));
    expect(error.field).toBe("data.sql");
    expect(error.message).toContain(
      "ran longer than 1 s (WAREHOUSE_QUERY_TIMEOUT_SECONDS) and DuckDB stopped it",
    );
    // The connection is closed and the instance still answers.
    expect((await warehouse.query({ sql: "SELECT 1 AS one" })).table.data).toEqual({ one: [1] });
    await warehouse.close();
  }, 30_000);

  it("stops a query that needs more memory than DUCKDB_MEMORY_LIMIT with a clear error", async () => {
    const warehouse = await openDuckDbWarehouse({ memoryLimit: "256MB" });
    const error = await failure(warehouse.query({ sql: hugeAggregate }));
    await warehouse.close();
    expect(error.field).toBe("data.sql");
    expect(error.message).toContain(
      "needs more memory than the embedded warehouse may use (DUCKDB_MEMORY_LIMIT)",
    );
  });

  it("refuses one text cell over the byte limit inside DuckDB, before it is copied into JavaScript", async () => {
    const warehouse = await openDuckDbWarehouse();
    const error = await failure(
      warehouse.query({ sql: "SELECT 'short' AS a, repeat('x', 5000) AS b" }, { maxBytes: 4096 }),
    );
    expect(error.message).toContain("returns more than 4 KB, the limit for one load");
    expect(error.cause).toBeDefined();
    await warehouse.close();
  });
});
