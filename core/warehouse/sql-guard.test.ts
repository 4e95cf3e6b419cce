import { describe, expect, it } from "vitest";
import { isMmmError } from "../../common/errors.ts";
import { assertReadOnlySql, bindCountryPlaceholder, hasCountryPlaceholder } from "./sql-guard.ts";

function refusal(sql: string): string {
  try {
    assertReadOnlySql(sql);
  } catch (error) {
    if (isMmmError(error) && error.field === "data.sql") return error.message;
    throw error;
  }
  throw new Error(`accepted: ${sql}`);
}

describe("assertReadOnlySql", () => {
  it.each([
    ["SELECT 1", "SELECT 1"],
    ["  select * from t;  ", "select * from t"],
    ["WITH a AS (SELECT 1 AS x) SELECT x FROM a;;", "WITH a AS (SELECT 1 AS x) SELECT x FROM a"],
    ["(SELECT 1)", "(SELECT 1)"],
    ["SELECT 1; -- trailing comment", "SELECT 1"],
    ["-- leading comment\nSELECT 1 /* inline ; */", "-- leading comment\nSELECT 1"],
    ["SELECT 'a;b', \"drop\" FROM t", "SELECT 'a;b', \"drop\" FROM t"],
    ["SELECT 'it''s' AS x", "SELECT 'it''s' AS x"],
    ["SELECT last_update, updated_at, deleted FROM t", "SELECT last_update, updated_at, deleted FROM t"],
  ])("accepts %j", (sql, cleaned) => {
    expect(assertReadOnlySql(sql)).toBe(cleaned);
  });

  it("refuses an empty query or one that is only comments", () => {
    expect(refusal("   ")).toContain("empty");
    expect(refusal("-- nothing\n/* here */")).toContain("only comments");
  });

  it("refuses several statements, even when the second one hides behind a comment", () => {
    expect(refusal("SELECT 1; SELECT 2")).toContain("2 statements");
    expect(refusal("SELECT 1; /* x */ DROP TABLE t")).toContain("2 statements");
  });

  it("refuses statements that are not SELECT or WITH, naming the first word", () => {
    expect(refusal("DROP TABLE t")).toContain("starts with DROP");
    expect(refusal("pragma version")).toContain("starts with PRAGMA");
    expect(refusal("FROM t SELECT *")).toContain("starts with FROM");
    expect(refusal("EXPLAIN SELECT 1")).toContain("starts with EXPLAIN");
  });

  it("refuses data-changing words anywhere outside strings, and says how to quote a column", () => {
    expect(refusal("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d")).toContain("DELETE");
    expect(refusal("SELECT * INTO backup FROM t")).toContain("INTO");
    expect(refusal("SELECT update FROM t")).toContain('"update"');
    expect(refusal("SELECT SYSTEM$CANCEL_ALL_QUERIES()")).toContain("SYSTEM$CANCEL_ALL_QUERIES");
    expect(refusal("SELECT 1 FROM t; COPY t TO 'x'")).toContain("statements");
  });

  it("cannot be fooled by a backslash that one warehouse reads as an escape and another does not", () => {
    // In Snowflake 'a\'' … is one string; in DuckDB the string ends at \' and a second statement follows.
    expect(refusal("SELECT 'a\\'; DROP TABLE t; --'")).toMatch(/statements|DROP/);
  });

  it("refuses unclosed quotes and comments", () => {
    expect(refusal("SELECT 'abc")).toContain("unclosed");
    expect(refusal('SELECT "abc')).toContain("unclosed");
    expect(refusal("SELECT 1 /* x")).toContain("unclosed");
  });
});

describe("country placeholder", () => {
  it("finds and binds {country} with or without quotes", () => {
    const sql = "SELECT * FROM t WHERE c = '{country}' OR d = {COUNTRY}";
    expect(hasCountryPlaceholder(sql)).toBe(true);
    expect(hasCountryPlaceholder("SELECT 1")).toBe(false);
    expect(bindCountryPlaceholder(sql, "$country")).toBe(
      "SELECT * FROM t WHERE c = $country OR d = $country",
    );
  });
});
