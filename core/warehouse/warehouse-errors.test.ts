import { describe, expect, it } from "vitest";
import { formatBytes, noRowsForCountry, plainReason, queryFailed, tooManyRows } from "./warehouse-errors.ts";

describe("warehouse errors", () => {
  it("keeps the warehouse's reason and drops the echoed SQL and its category", () => {
    const duckdb =
      'Binder Error: Referenced column "x" not found in FROM clause!\nCandidate bindings: "tv_S"\n\nLINE 1: SELECT x FROM t\n               ^';
    expect(plainReason(duckdb)).toBe(
      'Referenced column "x" not found in FROM clause! Candidate bindings: "tv_S".',
    );
    expect(plainReason("SQL compilation error: error line 1 at position 7\ninvalid identifier 'X'")).toBe(
      "error line 1 at position 7 invalid identifier 'X'.",
    );
    expect(plainReason("")).toBe("no reason was given.");
  });

  it("reports a failed query against data.sql and a failed table read against data.table", () => {
    expect(queryFailed({ sql: "SELECT 1" }, "DuckDB", "Parser Error: syntax error").field).toBe("data.sql");
    expect(queryFailed({ table: "T" }, "DuckDB", "oops").field).toBe("data.table");
  });

  it("names the country and the countries in the data", () => {
    const error = noRowsForCountry({ table: "DEMO.T" }, "IT", "COUNTRY", ["DE", "FR"]);
    expect(error.message).toBe(
      'No rows for country "IT" in column COUNTRY of DEMO.T. Countries in the data: DE, FR.',
    );
    expect(noRowsForCountry({ sql: "x" }, "IT", "C", []).message).toBe(
      'No rows for country "IT" in column C of the SQL query. The column holds no country values.',
    );
  });

  it("writes limits for people", () => {
    expect(tooManyRows({ sql: "x" }, 100_000).message).toContain(
      "The SQL query returns more than 100,000 rows",
    );
    expect(formatBytes(64 * 1024 * 1024)).toBe("64 MB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(12)).toBe("12 bytes");
  });
});
