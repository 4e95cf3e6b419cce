/**
 * The Warehouse contract (`core/warehouse/port.ts`), run against every adapter.
 *
 * The adapter under test must hold the two demo tables (`core/warehouse/demo-data/`) under the names
 * given in `fixtures` (default `DEMO.SIMULATED_WEEKLY` and `DEMO.MULTI_COUNTRY_WEEKLY`): the DuckDB
 * adapter loads them itself; for Snowflake, load the CSV files into a test schema first. SQL in these
 * tests is plain ANSI SQL except `fileReadSql`, which each adapter gives in its own dialect.
 *
 *   warehouseContract("duckdb", () => openDuckDbWarehouse());
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableOrSql, Warehouse } from "../../core/warehouse/port.ts";
import { rowCount } from "../../common/table.ts";
import { mmmRejectionOf } from "../support/expect-mmm-error.ts";

export interface WarehouseContractFixtures {
  /** Robyn's dt_simulated_weekly: 208 rows, columns DATE, revenue, tv_S, … (one market, no country column). */
  readonly simulatedWeekly: string;
  /** DE, FR, GB, US × 208 weeks, country column COUNTRY. */
  readonly multiCountry: string;
  /** A query that tries to read a file on the warehouse's machine, in the adapter's dialect. */
  readonly fileReadSql: string;
}

const DEFAULT_FIXTURES: WarehouseContractFixtures = {
  simulatedWeekly: "DEMO.SIMULATED_WEEKLY",
  multiCountry: "DEMO.MULTI_COUNTRY_WEEKLY",
  fileReadSql: "SELECT * FROM read_csv('/etc/passwd')",
};

export function warehouseContract(
  name: string,
  makeWarehouse: () => Promise<Warehouse>,
  fixtures: Partial<WarehouseContractFixtures> = {},
): void {
  const f = { ...DEFAULT_FIXTURES, ...fixtures };
  const robyn: TableOrSql = { table: f.simulatedWeekly };
  const multi: TableOrSql = { table: f.multiCountry };

  describe(`Warehouse contract: ${name}`, () => {
    let warehouse: Warehouse;
    beforeAll(async () => {
      warehouse = await makeWarehouse();
    });
    afterAll(async () => {
      await warehouse.close();
    });

    describe("listTables, describe, preview", () => {
      it("lists the demo tables with qualified names, filtered by a search text", async () => {
        const all = await warehouse.listTables();
        const names = all.map((t) => t.name.toUpperCase());
        expect(names).toContain(f.simulatedWeekly.toUpperCase());
        expect(names).toContain(f.multiCountry.toUpperCase());
        const found = await warehouse.listTables("multi_country");
        expect(found.map((t) => t.name.toUpperCase())).toEqual([f.multiCountry.toUpperCase()]);
        const robynInfo = all.find((t) => t.name.toUpperCase() === f.simulatedWeekly.toUpperCase())!;
        if (robynInfo.rows !== undefined) expect(robynInfo.rows).toBe(208);
      });

      it("describes columns with their kind, in table order", async () => {
        const columns = await warehouse.describe(f.simulatedWeekly);
        expect(columns.map((c) => c.name.toLowerCase())).toEqual([
          "date",
          "revenue",
          "tv_s",
          "ooh_s",
          "print_s",
          "facebook_i",
          "search_clicks_p",
          "search_s",
          "competitor_sales_b",
          "facebook_s",
          "events",
          "newsletter",
        ]);
        const kind = (n: string) => columns.find((c) => c.name.toLowerCase() === n)!.type;
        expect([kind("date"), kind("revenue"), kind("competitor_sales_b"), kind("events")]).toEqual([
          "date",
          "number",
          "number",
          "string",
        ]);
      });

      it("finds a table whatever the case of an unquoted name", async () => {
        const columns = await warehouse.describe(f.multiCountry.toLowerCase());
        expect(columns).toHaveLength(15);
      });

      it("previews the first rows, dates as YYYY-MM-DD and BIGINT as numbers", async () => {
        const preview = await warehouse.preview(f.simulatedWeekly, 3);
        expect(rowCount(preview)).toBe(3);
        const date = preview.columns.find((c) => c.toLowerCase() === "date")!;
        expect(preview.data[date]).toEqual(["2015-11-23", "2015-11-30", "2015-12-07"]);
        const competitor = preview.columns.find((c) => c.toLowerCase() === "competitor_sales_b")!;
        expect(preview.data[competitor]![0]).toBe(8125009);
        expect(rowCount(await warehouse.preview(f.simulatedWeekly))).toBe(20);
      });
    });

    describe("query", () => {
      it("reads a whole table", async () => {
        const result = await warehouse.query(robyn);
        expect(result.rowCount).toBe(208);
        expect(rowCount(result.table)).toBe(208);
        expect(result.cached).toBe(false);
        expect(result.columns).toHaveLength(12);
        expect(result.bytes).toBeGreaterThan(0);
        const revenue = result.table.columns.find((c) => c.toLowerCase() === "revenue")!;
        expect(result.table.data[revenue]![0]).toBeCloseTo(2754371.66666667, 6);
      });

      it("filters a table by country with a bound parameter, case-insensitively", async () => {
        const result = await warehouse.query(multi, { country: "de" });
        expect(result.rowCount).toBe(208);
        expect(result.countryColumn?.toUpperCase()).toBe("COUNTRY");
        const country = result.table.columns.find((c) => c.toUpperCase() === "COUNTRY")!;
        expect(new Set(result.table.data[country])).toEqual(new Set(["DE"]));
      });

      it("selects only the requested columns, in the requested order", async () => {
        const result = await warehouse.query(multi, { country: "FR", columns: ["REVENUE", "DATE"] });
        expect(result.table.columns.map((c) => c.toUpperCase())).toEqual(["REVENUE", "DATE"]);
        expect(result.columns.map((c) => c.type)).toEqual(["number", "date"]);
      });

      it("filters a SQL query by country, on its country column", async () => {
        const result = await warehouse.query(
          { sql: `SELECT DATE, COUNTRY, REVENUE, TV_S FROM ${f.multiCountry} WHERE TV_S > 0` },
          { country: "US", countryColumn: "country" },
        );
        expect(result.rowCount).toBeGreaterThan(50);
        expect(result.rowCount).toBeLessThan(208);
        const country = result.table.columns.find((c) => c.toUpperCase() === "COUNTRY")!;
        expect(new Set(result.table.data[country])).toEqual(new Set(["US"]));
      });

      it("binds the {country} placeholder inside SQL, so a query can filter before it aggregates", async () => {
        const result = await warehouse.query(
          {
            sql:
              `SELECT DATE, SUM(REVENUE) AS REVENUE FROM ${f.multiCountry} ` +
              `WHERE COUNTRY = '{country}' GROUP BY DATE ORDER BY DATE;`,
          },
          { country: "GB" },
        );
        expect(result.rowCount).toBe(208);
        expect(result.countryColumn).toBeUndefined();
      });

      it("applies the country column filter on top of {country} when the query returns that column", async () => {
        const sql = `SELECT * FROM ${f.multiCountry} WHERE COUNTRY = {country}`;
        const result = await warehouse.query({ sql }, { country: "de" });
        expect(result.rowCount).toBe(208);
        expect(result.countryColumn?.toUpperCase()).toBe("COUNTRY");
        expect((await mmmRejectionOf(warehouse.query({ sql }))).field).toBe("data.sql");
        expect((await mmmRejectionOf(warehouse.countries({ sql }))).field).toBe("data.sql");
        const none = await mmmRejectionOf(warehouse.query({ sql }, { country: "IT" }));
        expect(none.field).toBe("country");
        expect(none.message).toBe('No rows for country "IT" from the SQL query (it filters with {country}).');
      });

      it("lists the countries of a table and of a query", async () => {
        expect(await warehouse.countries(multi)).toEqual(["DE", "FR", "GB", "US"]);
        expect(
          await warehouse.countries(
            { sql: `SELECT * FROM ${f.multiCountry} WHERE COUNTRY <> 'US'` },
            "COUNTRY",
          ),
        ).toEqual(["DE", "FR", "GB"]);
      });

      it("returns an empty table for a query without rows when no country is asked for", async () => {
        const result = await warehouse.query({ sql: `SELECT * FROM ${f.simulatedWeekly} WHERE 1 = 0` });
        expect(result.rowCount).toBe(0);
        expect(result.table.columns).toHaveLength(12);
      });
    });

    describe("a country with no rows, or no country column", () => {
      it("names the country and the countries that exist (exact message)", async () => {
        const error = await mmmRejectionOf(warehouse.query(multi, { country: "IT" }));
        expect(error.code).toBe("invalid_input");
        expect(error.field).toBe("country");
        expect(error.message).toBe(
          `No rows for country "IT" in column COUNTRY of ${f.multiCountry}. Countries in the data: DE, FR, GB, US.`,
        );
      });

      it("refuses to filter a table that has no country column, instead of returning it unfiltered", async () => {
        const error = await mmmRejectionOf(warehouse.query(robyn, { country: "DE" }));
        expect(error.field).toBe("data.country_column");
        expect(error.message).toContain("no country column");
      });

      it("reports a named country column that does not exist, listing the columns", async () => {
        const error = await mmmRejectionOf(
          warehouse.query(multi, { country: "DE", countryColumn: "MARKET" }),
        );
        expect(error.field).toBe("data.country_column");
        expect(error.message).toContain("MARKET");
        expect(error.message).toContain("REVENUE");
      });
    });

    describe("injection", () => {
      it("treats a country value as data, never as SQL", async () => {
        for (const country of ["DE' OR '1'='1", "DE'; DROP TABLE DEMO.SIMULATED_WEEKLY; --", "' OR 1=1 --"]) {
          const error = await mmmRejectionOf(warehouse.query(multi, { country }));
          expect(error.field).toBe("country");
          expect(error.message).toContain(`No rows for country "${country}"`);
        }
        expect((await warehouse.query(robyn)).rowCount).toBe(208);
      });

      it("refuses table names that are not identifiers", async () => {
        for (const table of [
          `${f.simulatedWeekly}; DROP TABLE ${f.multiCountry}`,
          `${f.simulatedWeekly} WHERE 1=1`,
          `(SELECT * FROM ${f.simulatedWeekly})`,
          "A.B.C.D",
          "",
        ]) {
          const error = await mmmRejectionOf(warehouse.query({ table }));
          expect(error.code).toBe("invalid_input");
          expect(error.field).toBe("data.table");
        }
        await mmmRejectionOf(warehouse.describe(`${f.simulatedWeekly}--`));
        await mmmRejectionOf(warehouse.preview(`${f.simulatedWeekly};`));
      });

      it("refuses column names that are not columns", async () => {
        const error = await mmmRejectionOf(
          warehouse.query(multi, { country: "DE", countryColumn: "COUNTRY = COUNTRY OR 1=1 --" }),
        );
        expect(error.field).toBe("data.country_column");
        const columnsError = await mmmRejectionOf(
          warehouse.query(multi, { columns: ["DATE", "1; DROP TABLE X"] }),
        );
        expect(columnsError.field).toBe("data.columns");
        expect((await warehouse.query(multi)).rowCount).toBe(832);
      });
    });

    describe("SQL checks", () => {
      it("refuses statements that are not a SELECT", async () => {
        for (const sql of [
          `DROP TABLE ${f.simulatedWeekly}`,
          `DELETE FROM ${f.simulatedWeekly}`,
          `INSERT INTO ${f.simulatedWeekly} SELECT * FROM ${f.simulatedWeekly}`,
          `UPDATE ${f.simulatedWeekly} SET revenue = 0`,
          `CREATE TABLE X AS SELECT 1`,
          `WITH x AS (SELECT 1) DELETE FROM ${f.simulatedWeekly}`,
          "SET enable_external_access = true",
        ]) {
          const error = await mmmRejectionOf(warehouse.query({ sql }));
          expect(error.code).toBe("invalid_input");
          expect(error.field).toBe("data.sql");
        }
        expect((await warehouse.query(robyn)).rowCount).toBe(208);
      });

      it("refuses several statements", async () => {
        const error = await mmmRejectionOf(
          warehouse.query({ sql: `SELECT * FROM ${f.simulatedWeekly}; SELECT * FROM ${f.multiCountry}` }),
        );
        expect(error.field).toBe("data.sql");
        expect(error.message).toContain("2 statements");
      });

      it("refuses to read files through SQL", async () => {
        const error = await mmmRejectionOf(warehouse.query({ sql: f.fileReadSql }));
        expect(error.code).toBe("invalid_input");
        expect(error.field).toBe("data.sql");
        expect(error.message).not.toContain("root:");
      });

      it("reports an unknown table with the tables that exist", async () => {
        const error = await mmmRejectionOf(warehouse.query({ table: "DEMO.NO_SUCH_TABLE" }));
        expect(error.field).toBe("data.table");
        expect(error.message).toContain("DEMO.NO_SUCH_TABLE was not found");
        expect(error.message.toUpperCase()).toContain(f.simulatedWeekly.toUpperCase());
        expect((await mmmRejectionOf(warehouse.describe("NO_SUCH_TABLE"))).field).toBe("data.table");
      });

      it("reports SQL that fails with the warehouse's reason in plain words", async () => {
        const error = await mmmRejectionOf(
          warehouse.query({ sql: `SELECT no_such_column FROM ${f.simulatedWeekly}` }),
        );
        expect(error.code).toBe("invalid_input");
        expect(error.field).toBe("data.sql");
        expect(error.message.toLowerCase()).toContain("no_such_column");
        expect(error.message).not.toMatch(/\n|LINE 1:/);
      });
    });

    describe("limits", () => {
      it("fails past maxRows, giving the limit and what to do", async () => {
        const error = await mmmRejectionOf(warehouse.query(multi, { maxRows: 500 }));
        expect(error.field).toBe("data.table");
        expect(error.message).toContain("more than 500 rows");
        expect(error.message).toContain("Filter it by country");
        expect(error.message).toContain("aggregate it to weeks");
        expect(error.context).toMatchObject({ limit: "rows", maxRows: 500 });
        expect((await warehouse.query(multi, { country: "DE", maxRows: 500 })).rowCount).toBe(208);
        expect((await warehouse.query(robyn, { maxRows: 208 })).rowCount).toBe(208);
      });

      it("fails past maxBytes, giving the limit and what to do", async () => {
        const error = await mmmRejectionOf(
          warehouse.query({ sql: `SELECT * FROM ${f.multiCountry}` }, { maxBytes: 10_000 }),
        );
        expect(error.field).toBe("data.sql");
        expect(error.message).toContain("more than 9.8 KB");
        expect(error.message).toContain("Select fewer columns");
        expect(error.context).toMatchObject({ limit: "bytes", maxBytes: 10_000 });
      });

      it("rejects limits that are not positive whole numbers", async () => {
        expect((await mmmRejectionOf(warehouse.query(robyn, { maxRows: 0 }))).field).toBe("maxRows");
      });
    });
  });
}
