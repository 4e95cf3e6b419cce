import { describe, expect, it } from "vitest";
import { expectInvalidInput } from "../../../tests/support/expect-mmm-error.ts";
import { assertReadOnlySql } from "../sql-guard.ts";
import { assertBigQueryReadOnly, bindCountryParameter, quoteBigQueryIdentifier } from "./bigquery-sql.ts";

describe("BigQuery's reading of user SQL", () => {
  it("lets ordinary queries through, with backticks, strings, comments and raw strings", () => {
    for (const sql of [
      "SELECT DATE, SUM(REVENUE) AS REVENUE FROM `my-project.SALES.WEEKLY` GROUP BY DATE",
      'SELECT * FROM SALES.WEEKLY WHERE NOTE = "it\'s; fine" # a comment; with a semicolon',
      "SELECT r'\\d+;' AS PATTERN, '''a ; b''' AS TEXT FROM SALES.WEEKLY -- done;",
      "WITH W AS (SELECT * FROM SALES.WEEKLY) SELECT * FROM W;",
      "SELECT _PARTITIONTIME AS T, w.REVENUE FROM SALES.WEEKLY AS w",
    ]) {
      expect(() => assertBigQueryReadOnly(sql), sql).not.toThrow();
    }
  });

  it("refuses a second statement the shared check reads as a string", () => {
    const sql = "SELECT `'`; DELETE FROM SALES.WEEKLY WHERE TRUE; SELECT `'`";
    expect(() => assertReadOnlySql(sql)).not.toThrow();
    expect(expectInvalidInput(() => assertBigQueryReadOnly(sql), "data.sql").message).toContain(
      "more than one statement",
    );
  });

  it.each([
    ["SELECT * FROM T WHERE C = @c", "uses @"],
    ["SELECT @@project_id", "uses @"],
    ["SELECT * FROM EXTERNAL_QUERY('eu.crm', 'SELECT 1')", "calls EXTERNAL_QUERY"],
    ["SELECT * FROM `region-eu`.INFORMATION_SCHEMA.JOBS_BY_PROJECT", "INFORMATION_SCHEMA"],
    ["SELECT * FROM `region-eu.INFORMATION_SCHEMA.JOBS`", "INFORMATION_SCHEMA"],
    ["SELECT * FROM `p._script123.anon`", "hidden dataset"],
    ["SELECT * FROM _0abc.anon_result", "hidden dataset"],
    ["SELECT `a", "unclosed name in backticks"],
  ])("refuses %s", (sql, says) => {
    expect(expectInvalidInput(() => assertBigQueryReadOnly(sql), "data.sql").message).toContain(says);
  });

  it("lets a name in backticks be called like a refused function", () => {
    expect(() => assertBigQueryReadOnly("SELECT `external_query` FROM SALES.WEEKLY")).not.toThrow();
  });

  it("binds every {country} placeholder to the one parameter @country", () => {
    expect(bindCountryParameter("SELECT * FROM T WHERE A = '{country}' OR B = {country}")).toEqual({
      sql: "SELECT * FROM T WHERE A = @country OR B = @country",
      placeholders: 2,
    });
    expect(bindCountryParameter("SELECT 1")).toEqual({ sql: "SELECT 1", placeholders: 0 });
  });

  it("quotes names in backticks, escaping backticks and backslashes", () => {
    expect(quoteBigQueryIdentifier("my-project")).toBe("`my-project`");
    expect(quoteBigQueryIdentifier("a`b\\c")).toBe("`a\\`b\\\\c`");
    expectInvalidInput(() => quoteBigQueryIdentifier(""), "data.table");
  });
});
